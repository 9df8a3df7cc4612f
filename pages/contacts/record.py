"""Registrar un contacto: with one or several actors and who of each took part (the shared form of
``pages.contacts.form``, widget keys ``contacts_form_*``)."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages.contacts.data import Contacts
from pages.contacts.form import contact_form
from toolkit.i18n import t
from toolkit.markdown import escape


def show(ctx: PageContext, contacts: Contacts) -> int | None:
    """The tab; returns the id of a contact just stored."""
    if not ctx.may_edit:
        st.info(t("contacts.form.read_only"))
        return None
    names = contacts.actor_names
    if not names:
        st.info(t("contacts.form.no_actors"))
        return None
    st.caption(t("contacts.form.help"))
    stored = contact_form(ctx, "contacts_form", names, (contacts.consultation_titles, contacts.campaign_titles))
    if stored is None:
        return None
    notify("contacts", t("contacts.form.saved", actors=escape(", ".join(names[i] for i in stored.actors))))
    return stored.id
