"""Contactos: the contact history with its filters, edits and download; recording a contact with
one or several actors; importing a calendar (.ics) or e-mail file (.eml, .msg)."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages._kit.tabs import open_tab_only
from pages.contacts import capture, data, history, record
from toolkit.i18n import t

ctx = page_context("nav.contacts")
contacts = data.load(ctx)
show_notice("contacts")
st.caption(t("contacts.intro"))
# only the open tab is built (the record's list of actors is the whole register)
open_tab_only(
    "contacts_tab",
    [
        (t("contacts.tabs.history"), lambda: history.show(ctx, contacts)),
        (t("contacts.tabs.record"), lambda: record.show(ctx, contacts)),
        (t("contacts.tabs.capture"), lambda: capture.show(ctx, contacts)),
    ],
)
