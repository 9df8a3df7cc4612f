"""What the contact screens draw from, cached by the workspace's revision (every write bumps it)."""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT, Register, register_of
from toolkit.domain import Actor, Interaction
from toolkit.store.campaigns import list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.engagement import InteractionFilter, list_interactions


@dataclass(frozen=True)
class Contacts:
    """Read-only: one copy per revision, shared by every session (see ``pages._kit.register``)."""

    actors: list[Actor]
    interactions: list[Interaction]  # the whole history, newest first
    consultation_titles: dict[int, str]
    campaign_titles: dict[int, str]
    actor_names: dict[int, str]
    team_members: list[str]  # who of the team appears in the history, each name once, sorted
    contacted: list[int]  # the actors the history names, by name


def team_members(interactions: list[Interaction]) -> list[str]:
    """Who of the team appears in the history, each name once (as first written), sorted."""
    found: dict[str, str] = {}
    for interaction in interactions:
        name = interaction.team_member.strip()
        if name:
            found.setdefault(name.casefold(), name)
    return sorted(found.values(), key=str.casefold)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _workspace_at(_engine, cache_key: tuple, _register: Register) -> Contacts:
    _, workspace_id, _ = cache_key
    interactions = list_interactions(_engine, workspace_id)
    names = _register.names
    contacted = {actor_id for i in interactions for actor_id in i.actors if actor_id in names}
    return Contacts(
        actors=_register.actors,
        interactions=interactions,
        consultation_titles={c.id: c.title for c in list_consultations(_engine, workspace_id)},
        campaign_titles={c.id: c.title for c in list_campaigns(_engine, workspace_id)},
        actor_names=names,
        team_members=team_members(interactions),
        contacted=sorted(contacted, key=lambda i: names[i].casefold()),
    )


def load(ctx: PageContext) -> Contacts:
    """The workspace's actors, contact history, consultations and campaigns on this rerun."""
    return _workspace_at(ctx.engine, ctx.cache_key(), register_of(ctx))


@st.cache_resource(max_entries=64, show_spinner=False)
def _history_at(_engine, cache_key: tuple, where: InteractionFilter) -> list[Interaction]:
    return list_interactions(_engine, cache_key[1], where)


def history(ctx: PageContext, where: InteractionFilter) -> list[Interaction]:
    """The contacts that meet the filters, newest first (the store does the filtering)."""
    return _history_at(ctx.engine, ctx.cache_key(), where)
