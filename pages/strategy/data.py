"""What every tab of Estrategia reads: the register, the exercise, salience and SDG tags."""

from dataclasses import dataclass, field

from pages._kit.context import PageContext
from toolkit.domain import Actor, Relation
from toolkit.store.campaigns import list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.indicators import list_indicators
from toolkit.store.register import list_actors, list_relations
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

    @property
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


def load(ctx: PageContext) -> Strategy:
    engine, workspace = ctx.engine, ctx.workspace_id
    return Strategy(
        actors=list_actors(engine, workspace),
        relations=list_relations(engine, workspace),
        objectives=list_objectives(engine, workspace),
        positions=list_positions(engine, workspace),
        influences=list_influences(engine, workspace),
        salience=current_salience(engine, workspace),
        tags=list_sdg_tags(engine, workspace),
    )
