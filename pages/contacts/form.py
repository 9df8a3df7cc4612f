"""The contact form, one for the two places that offer it: Contactos' "Registrar un contacto" (the
actors chosen above the form, who of each took part inside it) and the actor's record (that actor
fixed; others present are optional, chosen above the form). The actors are picked by the kit's
search-then-pick (``pages._kit.actor_pick``: a register of 20,000 names is not one list). A save
calls ``record_interaction``; the form is then empty again (its widgets get new keys, a round per
place), so a second click cannot store the same contact twice, while a refused save keeps what was
typed."""

from dataclasses import replace

import streamlit as st

from pages._kit.actor_pick import pick_actors
from pages._kit.context import PageContext
from pages._kit.outcome import run
from pages._kit.register import register_of
from toolkit import access
from toolkit.domain import INTERACTION_KINDS, Actor, Interaction
from toolkit.engagement import kind_label
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.engagement import record_interaction

DATE_FORMAT = "DD/MM/YYYY"
Titles = dict[int, str]  # id -> the name or title shown


def contact_form(
    ctx: PageContext,
    key: str,
    actors: Titles,
    links: tuple[Titles, Titles],
    fixed_actor: Actor | None = None,
) -> Interaction | None:
    """The form, its widgets keyed ``{key}_{round}_…``; returns the contact a save stored (with its id).

    ``actors`` are the workspace's actors (id -> name), ``links`` its consultations and campaigns."""
    round_key = f"{key}_round"
    form_key = f"{key}_{st.session_state.get(round_key, 0)}"
    # outside the form: searching and choosing rerun, so a box for the people of each one appears
    if fixed_actor:
        others = pick_actors(
            f"{form_key}_others",
            t("record.contact_form.others"),
            register_of(ctx),
            leave_out={fixed_actor.id},
            search_label=t("record.contact_form.others_search"),
        )
    else:
        chosen = pick_actors(f"{form_key}_actors", t("contacts.form.actors"), register_of(ctx))
    with st.form(form_key, border=fixed_actor is None):
        if fixed_actor:
            people = fixed_people(fixed_actor, others, form_key)
        else:
            people = {
                actor_id: st.text_input(
                    t("contacts.form.people", actor=escape(actors[actor_id])),
                    help=t("contacts.form.people_help"),
                    key=f"{form_key}_people_{actor_id}",
                )
                for actor_id in chosen
            }
        interaction = fields(ctx, form_key, people, links)
        submitted = st.form_submit_button(t("contacts.form.submit"), type="primary")
    if not submitted:
        return None
    stored = run(record_interaction, ctx.engine, ctx.workspace_id, interaction)
    if stored is None:
        return None
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
    return replace(interaction, id=stored)


def fixed_people(actor: Actor, others: list[int], key: str) -> dict[int, str]:
    """Who of the record's actor took part, and the other actors present (nobody of them named)."""
    people = st.text_input(
        t("record.contact_form.people", name=escape(actor.name)),
        help=t("record.contact_form.people_help"),
        key=f"{key}_people",
    )
    return {actor.id: people, **{other: "" for other in others}}


def default_team_member(ctx: PageContext) -> str:
    """The signed-in person's name when accounts are on; nobody to guess otherwise."""
    return access.current().shown_name if ctx.settings.accounts != "off" else ""


def fields(ctx: PageContext, key: str, people: dict[int, str], links: tuple[Titles, Titles]) -> Interaction:
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
    consultation = optional(left, t("contacts.form.consultation"), links[0], f"{key}_consultation")
    campaign = optional(right, t("contacts.form.campaign"), links[1], f"{key}_campaign")
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


def optional(column, label: str, titles: Titles, key: str) -> int | None:
    """A consultation or campaign the contact may belong to; none chosen at first."""
    return column.selectbox(
        label,
        list(titles),
        index=None,
        format_func=lambda i: titles.get(i, ""),
        placeholder=t("common.choose"),
        key=key,
    )
