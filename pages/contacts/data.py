"""What the contact screens draw from, cached by the workspace's revision (every write bumps it)."""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from toolkit.domain import Actor, Interaction
from toolkit.store.campaigns import list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.engagement import InteractionFilter, list_interactions
from toolkit.store.register import list_actors


@dataclass
class Contacts:
    actors: list[Actor]
    interactions: list[Interaction]  # the whole history, newest first
    consultation_titles: dict[int, str]
    campaign_titles: dict[int, str]

    @property
    def actor_names(self) -> dict[int, str]:
        return {a.id: a.name for a in self.actors}

    @property
    def team_members(self) -> list[str]:
        """Who of the team appears in the history, each name once (as first written), sorted."""
        found: dict[str, str] = {}
        for interaction in self.interactions:
            name = interaction.team_member.strip()
            if name:
                found.setdefault(name.casefold(), name)
        return sorted(found.values(), key=str.casefold)


@st.cache_data(max_entries=32, show_spinner=False)
def _workspace_at(_engine, cache_key: tuple) -> Contacts:
    _, workspace_id, _ = cache_key
    return Contacts(
        actors=list_actors(_engine, workspace_id),
        interactions=list_interactions(_engine, workspace_id),
        consultation_titles={c.id: c.title for c in list_consultations(_engine, workspace_id)},
        campaign_titles={c.id: c.title for c in list_campaigns(_engine, workspace_id)},
    )


def load(ctx: PageContext) -> Contacts:
    """The workspace's actors, contact history, consultations and campaigns on this rerun."""
    return _workspace_at(ctx.engine, ctx.cache_key())


@st.cache_data(max_entries=64, show_spinner=False)
def _history_at(_engine, cache_key: tuple, where: InteractionFilter) -> list[Interaction]:
    return list_interactions(_engine, cache_key[1], where)


def history(ctx: PageContext, where: InteractionFilter) -> list[Interaction]:
    """The contacts that meet the filters, newest first (the store does the filtering)."""
    return _history_at(ctx.engine, ctx.cache_key(), where)
