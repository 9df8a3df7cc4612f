"""Registrar un contacto: with one or several actors and who of each took part; the form is empty
again after a save (its widgets get new keys), so a second click cannot store it twice."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.outcome import run
from pages.contacts.data import Contacts
from toolkit import access
from toolkit.domain import INTERACTION_KINDS, Interaction
from toolkit.engagement import kind_label
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.engagement import record_interaction

DATE_FORMAT = "DD/MM/YYYY"
ROUND = "contacts_form_round"


def default_team_member(ctx: PageContext) -> str:
    """The signed-in person's name when accounts are on; nobody to guess otherwise."""
    return access.current().shown_name if ctx.settings.accounts != "off" else ""


def show(ctx: PageContext, contacts: Contacts) -> int | None:
    """The tab (widget keys ``contacts_form_*``); returns the id of a contact just stored."""
    if not ctx.may_edit:
        st.info(t("contacts.form.read_only"))
        return None
    names = contacts.actor_names
    if not names:
        st.info(t("contacts.form.no_actors"))
        return None
    st.caption(t("contacts.form.help"))
    key = f"contacts_form_{st.session_state.get(ROUND, 0)}"
    # outside the form: choosing actors reruns, so a box for the people of each one appears
    chosen = st.multiselect(
        t("contacts.form.actors"),
        sorted(names, key=lambda i: names[i].casefold()),
        format_func=lambda i: names.get(i, ""),
        placeholder=t("common.choose"),
        help=t("contacts.form.actors_help"),
        key=f"{key}_actors",
    )
    with st.form(key, border=True):
        people = {
            actor_id: st.text_input(
                t("contacts.form.people", actor=names[actor_id]),
                help=t("contacts.form.people_help"),
                key=f"{key}_people_{actor_id}",
            )
            for actor_id in chosen
        }
        interaction = fields(ctx, contacts, key, people)
        submitted = st.form_submit_button(t("contacts.form.submit"), type="primary")
    if not submitted:
        return None
    stored = run(record_interaction, ctx.engine, ctx.workspace_id, interaction)
    if stored is not None:
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
        notify("contacts", t("contacts.form.saved", actors=escape(", ".join(names[i] for i in chosen))))
    return stored


def fields(ctx: PageContext, contacts: Contacts, key: str, people: dict[int, str]) -> Interaction:
    """The contact's own fields, drawn inside the form; what they hold as an interaction."""
    first, second, third = st.columns(3)
    kind = first.selectbox(t("contacts.form.kind"), list(INTERACTION_KINDS), format_func=kind_label, key=f"{key}_kind")
    day = second.date_input(t("contacts.form.date"), value=ctx.today, format=DATE_FORMAT, key=f"{key}_date")
    member = third.text_input(t("contacts.form.team_member"), value=default_team_member(ctx), key=f"{key}_team")
    summary = st.text_area(t("contacts.form.summary"), key=f"{key}_summary", height=100)
    agreements = st.text_area(t("contacts.form.agreements"), key=f"{key}_agreements", height=80)
    step, due = st.columns([3, 1])
    next_step = step.text_input(t("contacts.form.next_step"), key=f"{key}_next_step")
    next_due = due.date_input(t("contacts.form.due"), value=None, format=DATE_FORMAT, key=f"{key}_due")
    left, right = st.columns(2)
    consultations, campaigns = contacts.consultation_titles, contacts.campaign_titles
    consultation = left.selectbox(
        t("contacts.form.consultation"),
        list(consultations),
        index=None,
        format_func=lambda i: consultations.get(i, ""),
        placeholder=t("common.choose"),
        key=f"{key}_consultation",
    )
    campaign = right.selectbox(
        t("contacts.form.campaign"),
        list(campaigns),
        index=None,
        format_func=lambda i: campaigns.get(i, ""),
        placeholder=t("common.choose"),
        key=f"{key}_campaign",
    )
    return Interaction(
        kind=kind,
        occurred_on=day,
        actors=people,
        team_member=member,
        summary=summary,
        agreements=agreements,
        next_step=next_step,
        next_step_due=next_due,
        consultation_id=consultation,
        campaign_id=campaign,
    )
