"""Actores, one actor's record ("Ficha del actor"): where the actor stands and where the team is
with it, then its contacts (with the quick entry), its data (editable), its assessments, relations,
consultations, audiences and campaigns, and the audit of its changes. It opens from a link,
``actores?actor=<id>``, so other pages can point to it."""

import streamlit as st

from pages._kit.context import PageContext
from pages.actors import record_assessments, record_contacts, record_fields, record_header, record_links
from pages.actors.record_data import story_of
from toolkit.actors import all_themes
from toolkit.domain import Actor, Relation
from toolkit.i18n import t

LINK = "actor"  # the query parameter naming the actor: actores?actor=12
CHOSEN = "record_actor"  # the selectbox's key
LINK_SEEN = "record_link_seen"  # the link last applied, so it chooses the actor once


def linked_actor() -> int | None:
    """The actor id the page's link names, or None."""
    try:
        return int(st.query_params.get(LINK, ""))
    except ValueError:
        return None


def open_from_link(tabs_key: str, record_tab: str) -> None:
    """Called before the page's tabs: a link that names an actor, not followed yet, opens the record's
    tab (then the person moves freely between tabs)."""
    wanted = linked_actor()
    if wanted is None:
        st.session_state.pop(LINK_SEEN, None)  # a later link to the same actor opens it again
    elif st.session_state.get(LINK_SEEN) != wanted:
        st.session_state[tabs_key] = record_tab


def _follow_link(names: dict[int, str]) -> None:
    wanted = linked_actor()
    if wanted is not None and st.session_state.get(LINK_SEEN) != wanted:
        st.session_state[LINK_SEEN] = wanted
        if wanted in names:
            st.session_state[CHOSEN] = wanted


def _chosen_to_link() -> None:
    """The address follows the choice, so it can be copied and sent."""
    chosen = st.session_state.get(CHOSEN)
    st.session_state[LINK_SEEN] = chosen
    if chosen is None:
        st.query_params.pop(LINK, None)
    else:
        st.query_params[LINK] = str(chosen)


def show(ctx: PageContext, actors: list[Actor], relations: list[Relation]) -> None:
    """The record tab: choose an actor (or follow a link to one), then its whole story."""
    names = {a.id: a.name for a in actors}
    _follow_link(names)
    if st.session_state.get(CHOSEN) not in names:
        st.session_state.pop(CHOSEN, None)  # deleted since it was chosen
    chosen = st.selectbox(
        t("record.choose"),
        sorted(names, key=lambda i: names[i].casefold()),
        format_func=lambda i: names.get(i, ""),
        index=None,
        key=CHOSEN,
        placeholder=t("record.placeholder"),
        on_change=_chosen_to_link,
    )
    if chosen is None:
        return
    actor = next(a for a in actors if a.id == chosen)
    story = story_of(ctx, actor, actors, relations)
    record_header.show(ctx, story)
    contacts, fields, assessments, ties, consultations, reach, audit = st.tabs(
        [
            t("record.section.contacts", count=len(story.interactions)),
            t("record.section.fields"),
            t("record.section.assessments", count=len(story.assessments)),
            t("record.relations", count=len(story.relations)),
            t("record.section.consultations", count=len(story.participants)),
            t("record.section.reach", count=len(story.reach)),
            t("record.section.audit"),
        ]
    )
    with contacts:
        record_contacts.show(ctx, story)
    with fields:
        record_fields.show(ctx, story, all_themes(actors))
    with assessments:
        record_assessments.show(ctx, story)
    with ties:
        record_links.ties(ctx, story)
    with consultations:
        record_links.consultations(ctx, story)
    with reach:
        record_links.reach(ctx, story)
    with audit:
        record_links.audit(ctx, story)
