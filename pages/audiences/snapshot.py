"""The workspace as the audiences page reads it: register, audiences and campaigns as of one
revision, the actor map's communities, and each segment's members."""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT, Register, register_of
from toolkit.audiences import Membership, offered_communities, segment_members
from toolkit.consultations import actor_map_info, community_members
from toolkit.domain import Activity, Actor, Audience, AudienceMember, Campaign, Relation
from toolkit.store.audiences import list_audience_members, list_audiences
from toolkit.store.campaigns import list_activities, list_campaigns

COMMUNITIES_OFFERED = 100  # the map's communities a rule offers at most (the largest)


@dataclass(frozen=True)
class Snapshot:
    """What every tab of the page reads, built once a revision."""

    actors: list[Actor]
    relations: list[Relation]
    audiences: list[Audience]
    adjustments: list[AudienceMember]
    campaigns: list[Campaign]
    activities: list[Activity]
    communities: dict[int, int | None]  # actor id -> community on the actor map
    community_names: dict[int, list[str]]  # community -> the names that tell it apart
    communities_offered: list[int]  # those a rule offers (the largest: toolkit.audiences.offered_communities)
    communities_hidden: int  # how many more there are
    names: dict[int, str]  # actor id -> name
    register: Register  # the shared register the lists search (pages._kit.actor_pick)
    memberships: dict[int, Membership]  # audience id -> who it takes


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def snapshot_at(_engine, cache_key: tuple, _register: Register) -> Snapshot:
    """The page's data as of one revision (every write bumps it), built once for every session:
    read-only (see ``pages._kit.register``)."""
    _, workspace_id, _ = cache_key
    actors, relations = _register.actors, _register.relations
    audiences = list_audiences(_engine, workspace_id)
    adjustments = list_audience_members(_engine, workspace_id)
    info = actor_map_info(actors, relations)
    communities = {actor_id: i.community for actor_id, i in info.items()}
    offered = offered_communities(communities, COMMUNITIES_OFFERED)
    return Snapshot(
        actors=actors,
        relations=relations,
        audiences=audiences,
        adjustments=adjustments,
        campaigns=list_campaigns(_engine, workspace_id),
        activities=list_activities(_engine, workspace_id),
        communities=communities,
        community_names=community_members(info, actors),
        communities_offered=offered[0],
        communities_hidden=offered[1],
        names=_register.names,
        register=_register,
        memberships={a.id: segment_members(a, actors, adjustments, communities) for a in audiences},
    )


def snapshot(ctx: PageContext) -> Snapshot:
    """The page's data for this rerun (cached by the workspace's revision)."""
    return snapshot_at(ctx.engine, ctx.cache_key(), register_of(ctx))
