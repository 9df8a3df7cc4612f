"""What the strategy analysis works on (objectives, salience judgements) and the pure shaping of
its grids: positions (actors × objectives, -3..+3) and direct influences (actors × actors, 0..4).

The page shows a grid as rows of one actor with a column per objective (``o<id>``) or per actor
(``a<id>``); a change becomes an :class:`~toolkit.store.edits.Edit` whose id is the actor and whose
changes map the column's id to the new value (None: no position, no influence).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from toolkit.mactor import MAX_INFLUENCE, MAX_POSITION


@dataclass
class Objective:
    title: str
    phase: str | None = None  # a key of the workspace's "phases" vocabulary
    position: int = 0
    id: int | None = None
    version: int = 1


@dataclass
class SalienceJudgement:
    """Power, legitimacy and urgency of an actor (1..5 each, None: not judged) on a day, and why."""

    actor_id: int
    assessed_on: date
    power: int | None = None
    legitimacy: int | None = None
    urgency: int | None = None
    reason: str = ""
    id: int | None = None


def column(prefix: str, entity_id: int) -> str:
    return f"{prefix}{entity_id}"


def grid_rows(
    actors: Sequence[tuple[int, str]], columns: Sequence[int], values: Mapping[tuple[int, int], int], prefix: str
) -> list[dict]:
    """One row per actor (its id, version 0 and name) with a cell per column id.

    >>> grid_rows([(1, "Alcaldía")], [7, 8], {(1, 7): 2}, "o")
    [{'id': 1, 'version': 0, 'name': 'Alcaldía', 'o7': 2, 'o8': None}]
    """
    return [
        {"id": actor, "version": 0, "name": name, **{column(prefix, c): values.get((actor, c)) for c in columns}}
        for actor, name in actors
    ]


def _as_value(value: object) -> int | None:
    if value is None or value == "" or value != value:  # NaN from an emptied cell
        return None
    return int(value)


def grid_changes(before: list[dict], touched: list[dict], prefix: str) -> dict[int, dict[int, int | None]]:
    """The cells changed: actor -> {column id: new value or None}.

    >>> grid_changes([{"id": 1, "o7": 2, "o8": None}], [{"id": 1, "o7": 2, "o8": -1.0}], "o")
    {1: {8: -1}}
    """
    old = {row["id"]: row for row in before}
    changes: dict[int, dict[int, int | None]] = {}
    for row in touched:
        for name, value in row.items():
            if not name.startswith(prefix) or not name[len(prefix) :].isdigit():
                continue
            new = _as_value(value)
            if new != _as_value(old.get(row["id"], {}).get(name)):
                changes.setdefault(int(row["id"]), {})[int(name[len(prefix) :])] = new
    return changes


def in_range(value: int | None, lowest: int, highest: int) -> bool:
    return value is None or lowest <= value <= highest


POSITION_RANGE = (-MAX_POSITION, MAX_POSITION)
INFLUENCE_RANGE = (0, MAX_INFLUENCE)


def grid_edits(before: list[dict], touched: list[dict], prefix: str):
    """The changed cells as edits for the store (an actor's row, its cells by column id) and no
    row to delete: what :func:`pages._kit.table.editable_table` expects of a diff.

    >>> edits, gone = grid_edits([{"id": 1, "o7": None}], [{"id": 1, "o7": 3}], "o")
    >>> [(e.id, e.changes) for e in edits], gone
    ([(1, {7: 3})], [])
    """
    from toolkit.store.edits import Edit

    old = {row["id"]: row for row in before}
    return [
        Edit(actor, cells_version({c: _as_value(old.get(actor, {}).get(f"{prefix}{c}")) for c in cells}), cells)
        for actor, cells in grid_changes(before, touched, prefix).items()
    ], []


def cells_version(cells: Mapping[int, object]) -> int:
    """Grid cells (column id -> value) as the person loaded them, in one number the store checks
    before saving over them: a colleague's save in between is a conflict, not silently replaced.
    Never 0 (an edit of version 0 asks for no check: the command line, the tests).

    >>> cells_version({7: 2, 8: None}) == cells_version({8: None, 7: 2.0}) != cells_version({7: 3, 8: None})
    True
    """
    loaded = sorted((int(c), None if v is None else int(v)) for c, v in cells.items())
    return 1 + zlib.crc32(json.dumps(loaded).encode()) % 2_000_000_000
