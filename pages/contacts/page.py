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
tabs = st.tabs([t("contacts.tabs.history"), t("contacts.tabs.record"), t("contacts.tabs.capture")])
with tabs[0]:
    history.show(ctx, contacts)
with tabs[1]:
    record.show(ctx, contacts)
with tabs[2]:
    capture.show(ctx, contacts)
