"""The strategy analysis' sheets of the backup workbook (issue 20), written and read back:
``strategy_objectives``, ``strategy_positions``, ``strategy_influences``, ``salience`` and
``sdg_tags``. Actors are named by the ``actors`` sheet's numbers, objectives by their own sheet's,
and an SDG tag's item by the number of its sheet (actors, consultations, campaigns, milestones,
indicators: 1..n in the order they were created, as those sheets number them). Pure functions; the
store checks ranges when the backup is restored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.backup_rows import read_sheet, whole
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.writing import SheetSpec
from toolkit.strategy import Objective, SalienceJudgement

OBJECTIVE_COLUMNS = ("id", "title", "phase", "position")
POSITION_COLUMNS = ("actor", "objective", "value")
INFLUENCE_COLUMNS = ("source", "target", "value")
SALIENCE_COLUMNS = ("actor", "assessed_on", "power", "legitimacy", "urgency", "reason")
TAG_COLUMNS = ("entity", "item", "goal")
SHEETS = ("strategy_objectives", "strategy_positions", "strategy_influences", "salience", "sdg_tags")


def backup_sheets(
    objectives: list[Objective],
    positions: dict[tuple[int, int], int],
    influences: dict[tuple[int, int], int],
    salience: list[SalienceJudgement],
    tags: dict[tuple[str, int], list[int]],
    refs: dict[str, dict[int, int]],
) -> list[SheetSpec]:
    """The five sheets; ``refs`` maps each kind of item ("actors", "consultations"...) from its id
    to its backup number.

    >>> sheets = backup_sheets([Objective("Atraer", id=4)], {(7, 4): 2}, {(7, 9): 3}, [], {("actors", 9): [11]},
    ...                        {"actors": {7: 1, 9: 2}})
    >>> [s.rows for s in sheets]
    [[[1, 'Atraer', None, 0]], [[1, 1, 2]], [[1, 2, 3]], [], [['actors', 2, 11]]]
    """
    actor = refs.get("actors", {})
    objective = {o.id: n for n, o in enumerate(objectives, start=1)}  # in the order the analysis shows them
    return [
        SheetSpec(
            "strategy_objectives",
            list(OBJECTIVE_COLUMNS),
            [[n, o.title, o.phase, o.position] for n, o in enumerate(objectives, start=1)],
        ),
        SheetSpec(
            "strategy_positions",
            list(POSITION_COLUMNS),
            sorted([actor[a], objective[o], v] for (a, o), v in positions.items() if a in actor and o in objective),
        ),
        SheetSpec(
            "strategy_influences",
            list(INFLUENCE_COLUMNS),
            sorted([actor[s], actor[t], v] for (s, t), v in influences.items() if s in actor and t in actor),
        ),
        SheetSpec(
            "salience",
            list(SALIENCE_COLUMNS),
            [
                [actor[j.actor_id], j.assessed_on, j.power, j.legitimacy, j.urgency, j.reason]
                for j in sorted(salience, key=lambda j: (actor.get(j.actor_id, 0), j.assessed_on, j.id or 0))
                if j.actor_id in actor
            ],
        ),
        SheetSpec(
            "sdg_tags",
            list(TAG_COLUMNS),
            sorted(
                [entity, refs[entity][item], goal]
                for (entity, item), goals in tags.items()
                if item in refs.get(entity, {})
                for goal in goals
            ),
        ),
    ]


@dataclass
class StrategyBackup:
    """What the five sheets bring (nothing from an older backup), by backup numbers, and the rows
    that could not be read."""

    objectives: list[tuple[str, Objective]] = field(default_factory=list)  # (its number, the objective)
    positions: list[tuple[int, str, str, int]] = field(default_factory=list)  # row, actor, objective, value
    influences: list[tuple[int, str, str, int]] = field(default_factory=list)  # row, source, target, value
    salience: list[tuple[int, str, SalienceJudgement]] = field(default_factory=list)  # row, actor, judgement
    tags: list[tuple[int, str, str, int]] = field(default_factory=list)  # row, entity, item, goal
    problems: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.objectives or self.positions or self.influences or self.salience or self.tags)


def _required(value: object) -> int:
    found = whole(value)
    if found is None:
        raise norm.Unclear("reports.restore.bad_value", value="")
    return found


def _day(value: object) -> date:
    found = norm.day(value)
    if found is None:
        raise norm.Unclear("engagement.errors.assessment_date_required")
    return found


def parse_backup(sheets: dict[str, list[list[object]]]) -> StrategyBackup:
    """The five sheets, row by row.

    >>> found = parse_backup({"strategy_objectives": [["id", "title", "phase", "position"], [1, "Atraer", None, 1]],
    ...                       "strategy_positions": [["actor", "objective", "value"], [3, 1, 2], [4, 1, "mucho"]]})
    >>> [o.title for _, o in found.objectives], found.positions, [(p.sheet, p.row) for p in found.problems]
    (['Atraer'], [(2, '3', '1', 2)], [('strategy_positions', 3)])
    """
    result = StrategyBackup()

    def read(sheet: str, build) -> None:
        read_sheet(sheets, sheet, build, result.problems)

    read(
        "strategy_objectives",
        lambda row, c: result.objectives.append(
            (
                norm.text(c.get("id")),
                Objective(norm.text(c.get("title")), norm.text(c.get("phase")) or None, whole(c.get("position")) or 0),
            )
        ),
    )
    read(
        "strategy_positions",
        lambda row, c: result.positions.append(
            (row, norm.text(c.get("actor")), norm.text(c.get("objective")), _required(c.get("value")))
        ),
    )
    read(
        "strategy_influences",
        lambda row, c: result.influences.append(
            (row, norm.text(c.get("source")), norm.text(c.get("target")), _required(c.get("value")))
        ),
    )
    read(
        "salience",
        lambda row, c: result.salience.append(
            (
                row,
                norm.text(c.get("actor")),
                SalienceJudgement(
                    0,
                    _day(c.get("assessed_on")),
                    whole(c.get("power")),
                    whole(c.get("legitimacy")),
                    whole(c.get("urgency")),
                    norm.text(c.get("reason")),
                ),
            )
        ),
    )
    read(
        "sdg_tags",
        lambda row, c: result.tags.append(
            (row, norm.text(c.get("entity")), norm.text(c.get("item")), _required(c.get("goal")))
        ),
    )
    return result
