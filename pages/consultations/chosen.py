"""What every tab of Consultas works on: the register and the consultations as of one revision,
and the consultation chosen in the picker."""

from dataclasses import dataclass
from functools import cached_property

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT, Register, register_of
from toolkit.domain import Actor, Consultation, Contribution, Participant, Relation
from toolkit.store.consultations import list_consultations, list_contributions, list_participants

COMMUNITIES_OFFERED = 100  # the map's communities a filter offers at most (the largest)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def workspace_at(_engine, cache_key: tuple, _register: Register):
    """Register and consultations as of one revision (every write bumps it, so this never goes stale),
    for every session: read-only (see ``pages._kit.register``)."""
    workspace_id = cache_key[1]
    return (
        _register.actors,
        _register.relations,
        list_consultations(_engine, workspace_id),
        list_participants(_engine, workspace_id),
        list_contributions(_engine, workspace_id),
    )


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def map_at(_actors, _relations, cache_key: tuple):
    """Communities and brokers of the actor map (the network analysis is the slow part)."""
    from toolkit.consultations import actor_map_info

    return actor_map_info(_actors, _relations)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def communities_at(_map_info, _actors, cache_key: tuple) -> tuple[dict[int, list[str]], int]:
    from toolkit.audiences import offered_communities
    from toolkit.consultations import community_members

    offered, hidden = offered_communities({i: info.community for i, info in _map_info.items()}, COMMUNITIES_OFFERED)
    members = community_members(_map_info, _actors)
    return {number: members[number] for number in offered if number in members}, hidden


@dataclass
class Workspace:
    """The workspace's register and consultations, as the page reads them on this rerun."""

    ctx: PageContext
    actors: list[Actor]
    relations: list[Relation]
    consultations: list[Consultation]
    all_participants: list[Participant]
    all_contributions: list[Contribution]

    @cached_property
    def names(self) -> dict[int, str]:
        return register_of(self.ctx).names

    @cached_property
    def by_id(self) -> dict[int, Consultation]:
        return {c.id: c for c in self.consultations}

    def map_info(self):
        return map_at(self.actors, self.relations, self.ctx.cache_key())

    def communities(self) -> tuple[dict[int, list[str]], int]:
        """The map's communities a filter offers (the largest, with the names that tell them apart),
        and how many more there are."""
        return communities_at(self.map_info(), self.actors, self.ctx.cache_key())


def load(ctx: PageContext) -> Workspace:
    return Workspace(ctx, *workspace_at(ctx.engine, ctx.cache_key(), register_of(ctx)))


@dataclass
class Chosen:
    """One consultation and its lists, within its workspace."""

    data: Workspace
    consultation: Consultation

    @property
    def ctx(self) -> PageContext:
        return self.data.ctx

    @property
    def id(self) -> int:
        return self.consultation.id

    @cached_property
    def participants(self) -> list[Participant]:
        return [p for p in self.data.all_participants if p.consultation_id == self.id]

    @cached_property
    def contributions(self) -> list[Contribution]:
        return [c for c in self.data.all_contributions if c.consultation_id == self.id]

    @cached_property
    def listed(self) -> set[int]:
        """The actors already on the consultation's list."""
        return {p.actor_id for p in self.participants}


def choose(consultation_id: int | None) -> None:
    st.session_state["consultations_current"] = consultation_id


def chosen(data: Workspace) -> Chosen | None:
    """The consultation the picker holds (the newest when none is, or it is gone); ``None`` if there is none."""
    ids = [c.id for c in data.consultations]
    if st.session_state.get("consultations_current") not in ids:
        choose(ids[-1] if ids else None)
    current = st.session_state["consultations_current"]
    return Chosen(data, data.by_id[current]) if current is not None else None
