"""The actor's contact history, newest first, and the quick entry "Registrar un contacto": with this
actor (and others present), the form is empty again after a save (its widgets get new keys), so a
second click cannot store the same contact twice."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.outcome import run
from pages.actors.record_data import links_of
from toolkit import access
from toolkit.domain import INTERACTION_KINDS, Interaction
from toolkit.engagement import kind_label
from toolkit.i18n import format_date, t
from toolkit.markdown import escape
from toolkit.record import CONTACT_COLUMNS, Story, contact_rows, headers
from toolkit.store.engagement import record_interaction

ROUND = "record_contact_round"  # bumped after a save: the form's widgets start again empty
DATE_FORMAT = "DD/MM/YYYY"


def show(ctx: PageContext, story: Story) -> None:
    """The quick entry (editors only), then the history."""
    if ctx.may_edit:
        with st.expander(
            t("record.contact_form.title"), icon=":material/add_comment:", expanded=not story.interactions
        ):
            entry(ctx, story)
    rows = contact_rows(story, ctx.lang)
    if not rows:
        st.caption(t("record.contacts.none"))
        return
    table = pd.DataFrame(rows, columns=headers("contacts", CONTACT_COLUMNS, ctx.lang))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("record.contacts.column.done"): st.column_config.CheckboxColumn(width="small"),
            t("record.contacts.column.summary"): st.column_config.TextColumn(width="large"),
        },
    )


def default_team_member(ctx: PageContext) -> str:
    """The signed-in person's name when accounts are on; nobody to guess otherwise."""
    return access.current().shown_name if ctx.settings.accounts != "off" else ""


def entry(ctx: PageContext, story: Story) -> None:
    """The form; on a save, say what was stored and start an empty form."""
    actor, names = story.actor, story.names
    key = f"record_contact_{actor.id}_{st.session_state.get(ROUND, 0)}"
    st.caption(t("record.contact_form.help"))
    with st.form(key, border=False):
        first, second, third = st.columns(3)
        kind = first.selectbox(
            t("record.contact_form.kind"), list(INTERACTION_KINDS), format_func=kind_label, key=f"{key}_kind"
        )
        day = second.date_input(t("record.contact_form.date"), value=ctx.today, format=DATE_FORMAT, key=f"{key}_date")
        member = third.text_input(
            t("record.contact_form.team_member"), value=default_team_member(ctx), key=f"{key}_team"
        )
        people = st.text_input(
            t("record.contact_form.people", name=escape(actor.name)),
            help=t("record.contact_form.people_help"),
            key=f"{key}_people",
        )
        others = st.multiselect(
            t("record.contact_form.others"),
            sorted((i for i in names if i != actor.id), key=lambda i: names[i].casefold()),
            format_func=lambda i: names.get(i, ""),
            placeholder=t("common.choose"),
            key=f"{key}_others",
        )
        summary = st.text_area(t("record.contact_form.summary"), height=90, key=f"{key}_summary")
        agreements = st.text_area(t("record.contact_form.agreements"), height=70, key=f"{key}_agreements")
        step, due = st.columns([3, 1])
        next_step = step.text_input(t("record.contact_form.next_step"), key=f"{key}_next_step")
        next_due = due.date_input(t("record.contact_form.due"), value=None, format=DATE_FORMAT, key=f"{key}_due")
        consultation, campaign = links(ctx, key)
        submitted = st.form_submit_button(t("record.contact_form.submit"), type="primary")
    if not submitted:
        return
    interaction = Interaction(
        kind=kind,
        occurred_on=day,
        actors={actor.id: people, **{other: "" for other in others}},
        team_member=member,
        summary=summary,
        agreements=agreements,
        next_step=next_step,
        next_step_due=next_due,
        consultation_id=consultation,
        campaign_id=campaign,
    )
    if run(record_interaction, ctx.engine, ctx.workspace_id, interaction) is not None:
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
        notify("actors", saved_text(interaction, names))


def links(ctx: PageContext, key: str) -> tuple[int | None, int | None]:
    """The optional consultation and campaign the contact belongs to."""
    consultations, campaigns = links_of(ctx)
    left, right = st.columns(2)
    consultation = left.selectbox(
        t("record.contact_form.consultation"),
        list(consultations),
        index=None,
        format_func=lambda i: consultations.get(i, ""),
        placeholder=t("common.choose"),
        key=f"{key}_consultation",
    )
    campaign = right.selectbox(
        t("record.contact_form.campaign"),
        list(campaigns),
        index=None,
        format_func=lambda i: campaigns.get(i, ""),
        placeholder=t("common.choose"),
        key=f"{key}_campaign",
    )
    return consultation, campaign


def saved_text(interaction: Interaction, names: dict[int, str]) -> str:
    """What was stored, in one sentence (user text escaped: it is shown as markdown)."""
    words = {
        "kind": kind_label(interaction.kind).lower(),
        "day": format_date(interaction.occurred_on),
        "names": escape(", ".join(names.get(i, "") for i in interaction.actors)),
    }
    if interaction.next_step.strip() and interaction.next_step_due is not None:
        return t(
            "record.contact_form.saved_step",
            **words,
            step=escape(interaction.next_step.strip()),
            due=format_date(interaction.next_step_due),
        )
    return t("record.contact_form.saved", **words)
