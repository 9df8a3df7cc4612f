"""What one actor's record reads from the store, as of the workspace's revision (every write bumps
it, so nothing here goes stale), shaped into a :class:`toolkit.record.Story`."""

import streamlit as st

from pages._kit.context import PageContext
from toolkit.activity import feed_rows
from toolkit.audiences import segment_members
from toolkit.consultations import actor_map_info
from toolkit.domain import Actor, Relation
from toolkit.record import AUDIT_SCAN, Story, audience_reach, audit_entries
from toolkit.store.audiences import list_audience_members, list_audiences
from toolkit.store.campaigns import list_campaigns
from toolkit.store.consultations import list_consultations, list_contributions, list_participants
from toolkit.store.engagement import InteractionFilter, list_assessments, list_interactions
from toolkit.store.trail import activity

AUDIT_SHOWN = 100  # entries of the actor's audit shown


@st.cache_data(max_entries=16, show_spinner=False)
def _workspace_at(_engine, cache_key: tuple):
    """The workspace's consultations, participants, contributions, audiences and campaigns."""
    _, workspace_id, _ = cache_key
    return (
        list_consultations(_engine, workspace_id),
        list_participants(_engine, workspace_id),
        list_contributions(_engine, workspace_id),
        list_audiences(_engine, workspace_id),
        list_audience_members(_engine, workspace_id),
        list_campaigns(_engine, workspace_id),
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _actor_at(_engine, cache_key: tuple, actor_id: int):
    """One actor's contact history and assessments."""
    _, workspace_id, _ = cache_key
    return (
        list_interactions(_engine, workspace_id, InteractionFilter(actor_id=actor_id)),
        list_assessments(_engine, workspace_id, actor_id),
    )


@st.cache_data(max_entries=8, show_spinner=False)
def _communities_at(_actors, _relations, cache_key: tuple) -> dict[int, int | None]:
    return {actor_id: info.community for actor_id, info in actor_map_info(_actors, _relations).items()}


def story_of(ctx: PageContext, actor: Actor, actors: list[Actor], relations: list[Relation]) -> Story:
    """The actor's record on this rerun."""
    consultations, participants, contributions, audiences, adjustments, campaigns = _workspace_at(
        ctx.engine, ctx.cache_key()
    )
    interactions, assessments = _actor_at(ctx.engine, ctx.cache_key(), actor.id)
    # the map's communities are computed only when a segment is defined by one
    communities = (
        _communities_at(actors, relations, ctx.cache_key()) if any(a.rule.communities for a in audiences) else {}
    )
    memberships = {a.id: segment_members(a, actors, adjustments, communities) for a in audiences}
    return Story(
        actor=actor,
        names={a.id: a.name for a in actors},
        interactions=interactions,
        assessments=assessments,
        relations=[r for r in relations if actor.id in (r.source, r.target)],
        consultations={c.id: c for c in consultations},
        participants=[p for p in participants if p.actor_id == actor.id],
        contributions=[c for c in contributions if c.actor_id == actor.id],
        reach=audience_reach(actor.id, audiences, memberships, campaigns),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def _audit_at(_engine, cache_key: tuple, _story: Story, actor_id: int, lang: str) -> list[list[str]]:
    _, workspace_id, _ = cache_key
    found = audit_entries(activity(_engine, workspace_id, limit=AUDIT_SCAN), _story)
    return feed_rows(found[:AUDIT_SHOWN], lang)


def audit_of(ctx: PageContext, story: Story) -> list[list[str]]:
    """The trail's entries about the actor as the activity page words them: when, who, what, changes."""
    return _audit_at(ctx.engine, ctx.cache_key(), story, story.actor.id, ctx.lang)


def links_of(ctx: PageContext) -> tuple[dict[int, str], dict[int, str]]:
    """The consultations and campaigns a contact may belong to: id -> title."""
    consultations, *_, campaigns = _workspace_at(ctx.engine, ctx.cache_key())
    return {c.id: c.title for c in consultations}, {c.id: c.title for c in campaigns}
