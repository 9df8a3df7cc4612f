"""The strategy analysis' use cases: MACTOR objectives, positions and direct influences; dated
salience judgements; SDG tags. Every change goes through
:func:`~toolkit.store.workspaces.writing` (role, lock, revision, audit)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from sqlalchemy import Connection, Engine, delete, insert, select

from toolkit.sdg import COLOURS, ENTITIES
from toolkit.store.columns import checked, clean_values
from toolkit.store.edits import ConflictError, Edit, SaveResult, apply_edits, save_edits
from toolkit.store.engine import StoreError
from toolkit.store.strategy_tables import (
    salience_assessments,
    sdg_tags,
    strategy_influences,
    strategy_objectives,
    strategy_positions,
)
from toolkit.store.tables import actors, campaigns, consultations, indicators, milestones
from toolkit.store.workspaces import reading, require_in_workspace, writing
from toolkit.strategy import INFLUENCE_RANGE, POSITION_RANGE, Objective, SalienceJudgement, cells_version, in_range

OBJECTIVE_FIELDS = ("title", "phase", "position")
SALIENCE_LEVELS = ("power", "legitimacy", "urgency")
ENTITY_TABLES = {
    "actors": actors,
    "consultations": consultations,
    "campaigns": campaigns,
    "indicators": indicators,
    "milestones": milestones,
}

# -- objectives --------------------------------------------------------------------------------


def validate_objective(values: dict[str, object]) -> dict[str, object]:
    """Clean and check an objective's fields (whole or an edit's changes).

    >>> validate_objective({"title": "  Atraer  cooperación ", "phase": ""})
    {'title': 'Atraer cooperación', 'phase': None}
    >>> validate_objective({"title": " "})
    Traceback (most recent call last):
    toolkit.store.engine.StoreError: strategy_title_required
    """
    cleaned = clean_values(values)
    if "title" in cleaned:
        cleaned["title"] = " ".join(str(cleaned["title"] or "").split())
        if not cleaned["title"]:
            raise StoreError("strategy_title_required")
    if "phase" in cleaned:
        cleaned["phase"] = str(cleaned["phase"]).strip() or None if cleaned["phase"] is not None else None
    if "position" in cleaned:
        try:
            cleaned["position"] = int(cleaned["position"] or 0)
        except (TypeError, ValueError) as error:
            raise StoreError("strategy_bad_number") from error
    return checked(strategy_objectives, cleaned)


def insert_objectives(connection: Connection, workspace_id: int, objectives: Iterable[Objective]) -> list[int]:
    """Store objectives inside the caller's write (the sample, a restore); new ones go last."""
    ids = []
    last = connection.execute(
        select(strategy_objectives.c.position)
        .where(strategy_objectives.c.workspace_id == workspace_id)
        .order_by(strategy_objectives.c.position.desc())
        .limit(1)
    ).scalar()
    for objective in objectives:
        last = (last or 0) + 1
        values = validate_objective({"title": objective.title, "phase": objective.phase})
        values["position"] = objective.position or last
        ids.append(
            connection.execute(
                insert(strategy_objectives).values(workspace_id=workspace_id, version=1, **values)
            ).inserted_primary_key[0]
        )
    return ids


def add_objective(engine: Engine, workspace_id: int, objective: Objective) -> int:
    """Add an objective of the strategy; returns its id."""
    with writing(engine, workspace_id) as connection:
        return insert_objectives(connection, workspace_id, [objective])[0]


def list_objectives(engine: Engine, workspace_id: int) -> list[Objective]:
    """The strategy's objectives in their order."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(strategy_objectives)
            .where(strategy_objectives.c.workspace_id == workspace_id)
            .order_by(strategy_objectives.c.position, strategy_objectives.c.id)
        ).all()
    return [Objective(r.title, r.phase, r.position, r.id, r.version) for r in rows]


def save_objective_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: Collection[int] = ()
) -> SaveResult:
    """The objectives' table: edits and deletes (with their positions) in one transaction."""

    def apply(connection: Connection) -> SaveResult:
        return apply_edits(
            connection,
            workspace_id,
            strategy_objectives,
            edits,
            to_delete,
            fields=OBJECTIVE_FIELDS,
            validate=lambda row, changes: validate_objective(changes),
            label=lambda row: row.title,
        )

    return save_edits(engine, workspace_id, edits, list(to_delete), apply)


# -- positions and influences (grids) ----------------------------------------------------------


def _cells(edits: list[Edit]) -> dict[int, dict[int, int | None]]:
    cells: dict[int, dict[int, int | None]] = {}
    for edit in edits:
        for key, value in edit.changes.items():
            try:
                cells.setdefault(int(edit.id), {})[int(key)] = None if value is None else int(value)
            except (TypeError, ValueError) as error:
                raise StoreError("strategy_bad_number") from error
    return cells


def _write_grid(connection: Connection, workspace_id: int, grid: str, cells: dict[int, dict[int, int | None]]) -> int:
    """Upsert (or delete, for None) the cells of the positions or influences grid; how many."""
    table, other, lowest, highest, reason = (
        (strategy_positions, "objective_id", *POSITION_RANGE, "strategy_position_range")
        if grid == "positions"
        else (strategy_influences, "target_id", *INFLUENCE_RANGE, "strategy_influence_range")
    )
    own = "actor_id" if grid == "positions" else "source_id"
    require_in_workspace(connection, actors, workspace_id, list(cells), "strategy_actor_not_found")
    columns = {c for row in cells.values() for c in row}
    if grid == "positions":
        require_in_workspace(connection, strategy_objectives, workspace_id, columns, "strategy_objective_not_found")
    else:
        require_in_workspace(connection, actors, workspace_id, columns, "strategy_actor_not_found")
    count = 0
    for actor, row in cells.items():
        for target, value in row.items():
            if not in_range(value, lowest, highest):
                raise StoreError(reason)
            where = (table.c[own] == actor, table.c[other] == target, table.c.workspace_id == workspace_id)
            connection.execute(delete(table).where(*where))
            influence_on_itself = grid == "influences" and (actor == target or value == 0)
            if value is not None and not influence_on_itself:
                connection.execute(
                    insert(table).values(workspace_id=workspace_id, **{own: actor, other: target, "value": value})
                )
            count += 1
    return count


def save_position_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: Collection[int] = ()
) -> SaveResult:
    """Cells of the positions grid (an edit's id is the actor, its changes map objective ids to
    -3..+3 or None), all or nothing. ``to_delete``: actors whose every position is cleared."""
    return _save_grid(engine, workspace_id, "positions", edits, to_delete)


def save_influence_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: Collection[int] = ()
) -> SaveResult:
    """Cells of the direct-influence grid (an edit's id is the influencing actor, its changes map
    the influenced actors' ids to 0..4 or None), all or nothing; ``to_delete``: rows cleared."""
    return _save_grid(engine, workspace_id, "influences", edits, to_delete)


def _save_grid(
    engine: Engine, workspace_id: int, grid: str, edits: list[Edit], to_delete: Collection[int]
) -> SaveResult:
    if not edits and not to_delete:
        return SaveResult()
    cells = _cells(edits)
    try:
        with writing(engine, workspace_id) as connection:
            _refuse_stale(connection, workspace_id, grid, edits, cells)
            saved = _write_grid(connection, workspace_id, grid, cells)
            deleted = 0
            if to_delete:
                table, own = _grid_table(grid)[:2]
                deleted = connection.execute(
                    delete(table).where(table.c.workspace_id == workspace_id, table.c[own].in_(list(to_delete)))
                ).rowcount
    except ConflictError as error:  # nothing saved: the person's edits stay on screen with the message
        return SaveResult(conflicts=error.names)
    return SaveResult(saved=saved, deleted=deleted)


def _grid_table(grid: str):
    """The grid's table, its row's column (the actor) and its cell's column."""
    if grid == "positions":
        return strategy_positions, "actor_id", "objective_id"
    return strategy_influences, "source_id", "target_id"


def _refuse_stale(connection: Connection, workspace_id: int, grid: str, edits: list[Edit], cells: dict) -> None:
    """Raise :class:`ConflictError` naming the actors whose edited cells someone else saved since
    they were loaded (an edit's version is :func:`toolkit.strategy.cells_version` of them; 0: no check)."""
    table, own, other = _grid_table(grid)
    stale = []
    for edit in edits:
        if not edit.version:
            continue
        row = cells.get(int(edit.id), {})
        stored = dict(
            connection.execute(
                select(table.c[other], table.c.value).where(
                    table.c.workspace_id == workspace_id, table.c[own] == int(edit.id), table.c[other].in_(list(row))
                )
            ).all()
        )
        if cells_version({c: stored.get(c) for c in row}) != edit.version:
            stale.append(int(edit.id))
    if stale:
        named = dict(connection.execute(select(actors.c.id, actors.c.name).where(actors.c.id.in_(stale))).all())
        raise ConflictError([named.get(i, f"#{i}") for i in stale])


def insert_positions(connection: Connection, workspace_id: int, values: Mapping[tuple[int, int], int]) -> int:
    """Store positions (actor, objective) -> value inside the caller's write (sample, restore)."""
    cells: dict[int, dict[int, int | None]] = {}
    for (actor, objective), value in values.items():
        cells.setdefault(actor, {})[objective] = value
    return _write_grid(connection, workspace_id, "positions", cells) if cells else 0


def insert_influences(connection: Connection, workspace_id: int, values: Mapping[tuple[int, int], int]) -> int:
    """Store direct influences (source, target) -> 0..4 inside the caller's write."""
    cells: dict[int, dict[int, int | None]] = {}
    for (source, target), value in values.items():
        cells.setdefault(source, {})[target] = value
    return _write_grid(connection, workspace_id, "influences", cells) if cells else 0


def replace_influences(engine: Engine, workspace_id: int, values: Mapping[tuple[int, int], int]) -> int:
    """The whole direct-influence matrix replaced (the proposal from the map taken); how many cells."""
    with writing(engine, workspace_id) as connection:
        connection.execute(delete(strategy_influences).where(strategy_influences.c.workspace_id == workspace_id))
        return insert_influences(connection, workspace_id, values)


def list_positions(engine: Engine, workspace_id: int) -> dict[tuple[int, int], int]:
    """Positions: (actor, objective) -> -3..+3."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(strategy_positions).where(strategy_positions.c.workspace_id == workspace_id)
        ).all()
    return {(r.actor_id, r.objective_id): r.value for r in rows}


def list_influences(engine: Engine, workspace_id: int) -> dict[tuple[int, int], int]:
    """Direct influences: (source, target) -> 0..4 (zeros are not stored)."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(strategy_influences).where(strategy_influences.c.workspace_id == workspace_id)
        ).all()
    return {(r.source_id, r.target_id): r.value for r in rows}


# -- salience ----------------------------------------------------------------------------------


def _level(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        level = int(value)
    except (TypeError, ValueError) as error:
        raise StoreError("salience_range") from error
    if not 1 <= level <= 5:
        raise StoreError("salience_range")
    return level


def insert_salience(connection: Connection, workspace_id: int, judgements: Iterable[SalienceJudgement]) -> list[int]:
    """Store salience judgements inside the caller's write (sample, restore, import)."""
    ids = []
    for j in judgements:
        if not isinstance(j.assessed_on, date):
            raise StoreError("assessment_date_required")
        require_in_workspace(connection, actors, workspace_id, [j.actor_id], "strategy_actor_not_found")
        values = checked(
            salience_assessments,
            {
                "workspace_id": workspace_id,
                "actor_id": j.actor_id,
                "assessed_on": j.assessed_on,
                "reason": str(j.reason or "").strip(),
                **{name: _level(getattr(j, name)) for name in SALIENCE_LEVELS},
            },
        )
        ids.append(connection.execute(insert(salience_assessments).values(**values)).inserted_primary_key[0])
    return ids


def insert_imported_salience(
    connection: Connection,
    workspace_id: int,
    judged: Iterable[tuple[int, tuple[int | None, int | None, int | None]]],
    day: date,
) -> int:
    """Store an import's salience columns inside its write: (actor id, power, legitimacy, urgency)
    as judgements dated ``day``, in one statement; the actors are the import's own (new, or of this
    workspace as its plan found them). How many."""
    rows = [
        checked(
            salience_assessments,
            {
                "workspace_id": workspace_id,
                "actor_id": actor_id,
                "assessed_on": day,
                "reason": "",
                **{name: _level(level) for name, level in zip(SALIENCE_LEVELS, levels, strict=True)},
            },
        )
        for actor_id, levels in judged
    ]
    for start in range(0, len(rows), 2000):
        connection.execute(insert(salience_assessments), rows[start : start + 2000])
    return len(rows)


def record_salience(engine: Engine, workspace_id: int, judgement: SalienceJudgement) -> int:
    """Judge an actor's power, legitimacy and urgency on a day, with the reason; the history is
    kept and the latest is the current judgement. Returns its id."""
    with writing(engine, workspace_id) as connection:
        return insert_salience(connection, workspace_id, [judgement])[0]


def list_salience(engine: Engine, workspace_id: int, actor_id: int | None = None) -> list[SalienceJudgement]:
    """The salience judgements (of one actor), oldest first."""
    query = select(salience_assessments).where(salience_assessments.c.workspace_id == workspace_id)
    if actor_id is not None:
        query = query.where(salience_assessments.c.actor_id == actor_id)
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(query.order_by(salience_assessments.c.assessed_on, salience_assessments.c.id)).all()
    return [
        SalienceJudgement(r.actor_id, r.assessed_on, r.power, r.legitimacy, r.urgency, r.reason, r.id) for r in rows
    ]


def current_salience(engine: Engine, workspace_id: int) -> dict[int, SalienceJudgement]:
    """Each judged actor's latest judgement."""
    return {j.actor_id: j for j in list_salience(engine, workspace_id)}


# -- SDG tags ----------------------------------------------------------------------------------


def _goals(goals: Iterable[object]) -> list[int]:
    found = []
    for goal in goals:
        try:
            number = int(goal)
        except (TypeError, ValueError) as error:
            raise StoreError("sdg_unknown") from error
        if number not in COLOURS:
            raise StoreError("sdg_unknown")
        found.append(number)
    return sorted(set(found))


def insert_sdg_tags(
    connection: Connection, workspace_id: int, entity: str, entity_id: int, goals: Iterable[object]
) -> list[int]:
    """Replace the goals of one actor, consultation, campaign, indicator or milestone, inside the
    caller's write; the goals kept."""
    if entity not in ENTITIES:
        raise StoreError("sdg_entity")
    require_in_workspace(connection, ENTITY_TABLES[entity], workspace_id, [entity_id], "sdg_entity_not_found")
    wanted = _goals(goals)
    connection.execute(
        delete(sdg_tags).where(
            sdg_tags.c.workspace_id == workspace_id, sdg_tags.c.entity == entity, sdg_tags.c.entity_id == entity_id
        )
    )
    if wanted:
        connection.execute(
            insert(sdg_tags),
            [{"workspace_id": workspace_id, "entity": entity, "entity_id": entity_id, "goal": g} for g in wanted],
        )
    return wanted


def set_sdg_tags(engine: Engine, workspace_id: int, entity: str, entity_id: int, goals: Iterable[object]) -> list[int]:
    """The goals one item works on, replacing those it had."""
    with writing(engine, workspace_id) as connection:
        return insert_sdg_tags(connection, workspace_id, entity, entity_id, goals)


def list_sdg_tags(engine: Engine, workspace_id: int) -> dict[tuple[str, int], list[int]]:
    """(entity, id) -> its goals, for the items that still exist (a deleted item's tags are left out)."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(sdg_tags).where(sdg_tags.c.workspace_id == workspace_id).order_by(sdg_tags.c.goal)
        ).all()
        alive = {
            entity: set(
                connection.execute(select(table.c.id).where(table.c.workspace_id == workspace_id)).scalars().all()
            )
            for entity, table in ENTITY_TABLES.items()
        }
    found: dict[tuple[str, int], list[int]] = {}
    for row in rows:
        if row.entity_id in alive.get(row.entity, ()):
            found.setdefault((row.entity, row.entity_id), []).append(row.goal)
    return found
