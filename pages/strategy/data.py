"""What every tab of Estrategia reads: the register, the exercise, salience and SDG tags."""

from dataclasses import dataclass, field
from functools import cached_property

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT, Register, register_of
from toolkit.domain import Actor, Relation
from toolkit.store.campaigns import list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.indicators import list_indicators
from toolkit.store.roadmap import list_milestones
from toolkit.store.strategy import current_salience, list_influences, list_objectives, list_positions, list_sdg_tags
from toolkit.strategy import Objective, SalienceJudgement


@dataclass
class Strategy:
    actors: list[Actor]
    relations: list[Relation]
    objectives: list[Objective]
    positions: dict[tuple[int, int], int]
    influences: dict[tuple[int, int], int]
    salience: dict[int, SalienceJudgement]
    tags: dict[tuple[str, int], list[int]] = field(default_factory=dict)

    @cached_property
    def names(self) -> dict[int, str]:
        return {a.id: a.name for a in self.actors}

    @property
    def titles(self) -> dict[int, str]:
        return {o.id: o.title for o in self.objectives}


def items(ctx: PageContext, strategy: Strategy) -> dict[str, dict[int, str]]:
    """What can carry an SDG tag, by kind: id -> name or title."""
    engine, workspace = ctx.engine, ctx.workspace_id
    return {
        "actors": strategy.names,
        "consultations": {c.id: c.title for c in list_consultations(engine, workspace)},
        "campaigns": {c.id: c.title for c in list_campaigns(engine, workspace)},
        "indicators": {i.id: i.name for i in list_indicators(engine, workspace)},
        "milestones": {m.id: m.title for m in list_milestones(engine, workspace)},
    }


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _strategy_at(_engine, cache_key: tuple, _register: Register) -> Strategy:
    """The exercise as of one revision, for every session: read-only (see ``pages._kit.register``)."""
    workspace = cache_key[1]
    return Strategy(
        actors=_register.actors,
        relations=_register.relations,
        objectives=list_objectives(_engine, workspace),
        positions=list_positions(_engine, workspace),
        influences=list_influences(_engine, workspace),
        salience=current_salience(_engine, workspace),
        tags=list_sdg_tags(_engine, workspace),
    )


def load(ctx: PageContext) -> Strategy:
    return _strategy_at(ctx.engine, ctx.cache_key(), register_of(ctx))
