"""Contactos: the contact history with its filters, edits and download; recording a contact with
one or several actors; importing a calendar (.ics) or e-mail file (.eml, .msg)."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages.contacts import capture, data, history, record
from toolkit.i18n import t

ctx = page_context("nav.contacts")
contacts = data.load(ctx)
show_notice("contacts")
st.caption(t("contacts.intro"))
tab_history, tab_record, tab_capture = st.tabs(
    [t("contacts.tabs.history"), t("contacts.tabs.record"), t("contacts.tabs.capture")],
    key="contacts_tab",
    on_change="rerun",
)  # only the open tab is built (the record's list of actors is the whole register)
with tab_history:
    if tab_history.open:
        history.show(ctx, contacts)
with tab_record:
    if tab_record.open:
        record.show(ctx, contacts)
with tab_capture:
    if tab_capture.open:
        capture.show(ctx, contacts)
