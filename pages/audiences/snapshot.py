"""The workspace as the audiences page reads it: register, audiences and campaigns as of one
revision, the actor map's communities, and each segment's members."""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from toolkit.audiences import Membership, segment_members
from toolkit.consultations import actor_map_info, community_members
from toolkit.domain import Activity, Actor, Audience, AudienceMember, Campaign, Relation
from toolkit.store.audiences import list_audience_members, list_audiences
from toolkit.store.campaigns import list_activities, list_campaigns
from toolkit.store.register import list_actors, list_relations


@dataclass(frozen=True)
class Snapshot:
    """What every tab of the page reads, built once a rerun."""

    actors: list[Actor]
    relations: list[Relation]
    audiences: list[Audience]
    adjustments: list[AudienceMember]
    campaigns: list[Campaign]
    activities: list[Activity]
    communities: dict[int, int | None]  # actor id -> community on the actor map
    community_names: dict[int, list[str]]  # community -> the names that tell it apart
    names: dict[int, str]  # actor id -> name
    memberships: dict[int, Membership]  # audience id -> who it takes


@st.cache_data(max_entries=32, show_spinner=False)
def workspace_at(_engine, cache_key: tuple):
    """Register, audiences and campaigns as of one revision (every write bumps it)."""
    _, workspace_id, _ = cache_key
    return (
        list_actors(_engine, workspace_id),
        list_relations(_engine, workspace_id),
        list_audiences(_engine, workspace_id),
        list_audience_members(_engine, workspace_id),
        list_campaigns(_engine, workspace_id),
        list_activities(_engine, workspace_id),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def communities_at(_actors, _relations, cache_key: tuple):
    """Each actor's community on the actor map, and the names that tell communities apart."""
    info = actor_map_info(_actors, _relations)
    return {actor_id: i.community for actor_id, i in info.items()}, community_members(info, _actors)


def snapshot(ctx: PageContext) -> Snapshot:
    """The page's data for this rerun (cached by the workspace's revision)."""
    actors, relations, audiences, adjustments, campaigns, activities = workspace_at(ctx.engine, ctx.cache_key())
    communities, community_names = communities_at(actors, relations, ctx.cache_key())
    return Snapshot(
        actors=actors,
        relations=relations,
        audiences=audiences,
        adjustments=adjustments,
        campaigns=campaigns,
        activities=activities,
        communities=communities,
        community_names=community_names,
        names={a.id: a.name for a in actors},
        memberships={a.id: segment_members(a, actors, adjustments, communities) for a in audiences},
    )
