"""The backup's sheets of what a workspace holds besides its register, consultations, campaigns,
roadmap, contacts and strategy: the map's layout, saved views and stories (migrations 0002 and
0010), questionnaires with their questions, responses and answers (0011) and the territory's
districts (0012). Each table is one sheet of the same name, its rows numbered 1..n in the order they
were written; a column that points at another table names that table's backup number.

Not carried: a questionnaire's answer links (``questionnaire_links``). Only a hash of each token is
kept, links are unique across the server, and a participant holding an old link must not answer
into a restored copy without anyone deciding so: the copy's team sends new links from the copy.
Its responses keep their participant and answers; the visit's key and client address are left out.

A text longer than a spreadsheet cell holds (the districts' GeoJSON) goes to the sheet
``long_texts`` in parts and comes back whole. :func:`table_rows` reads the tables and
:func:`write_tables` writes them inside the restore's transaction; the rest is pure."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
)

from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.backup_rows import BAD_VALUE, ids, number, read_sheet, table, whole
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.writing import SheetSpec
from toolkit.store import StoreError, tables
from toolkit.store.columns import checked

LONG = "long_texts"
LONG_COLUMNS = ("sheet", "id", "column", "part", "text")
CELL = 30_000  # a spreadsheet cell holds 32,767 characters


Renumber = Callable[[object], object]  # an actor's id -> its backup number, or back (None: nobody)


def _view_actors(spec: object, actor: Renumber) -> object:
    """A saved view's actors (the one highlighted, a path, the positions drawn) renumbered.

    >>> _view_actors({"highlight": 7, "path": [7, 9], "positions": {"9": [1, 2]}, "layout": "force"}, {7: 1}.get)
    {'highlight': 1, 'path': [1], 'positions': {}, 'layout': 'force'}
    """
    if not isinstance(spec, dict):
        return spec
    found = dict(spec)
    if found.get("highlight") is not None:
        found["highlight"] = actor(found["highlight"])
    if isinstance(found.get("path"), list):
        found["path"] = [n for n in map(actor, found["path"]) if n is not None]
    if isinstance(found.get("positions"), dict):
        moved = {actor(_int(key)): place for key, place in found["positions"].items()}
        found["positions"] = {str(key): place for key, place in moved.items() if key is not None}
    return found


def _answer_actors(value: object, actor: Renumber) -> object:
    """The actors a "who do you work with" answer names (others, named by text, stay as written).

    >>> _answer_actors([{"actor_id": 7, "type": "funding"}, {"name": "Colectivo", "type": "funding"}], {7: 2}.get)
    [{'actor_id': 2, 'type': 'funding'}, {'name': 'Colectivo', 'type': 'funding'}]
    """
    if not isinstance(value, list):
        return value
    return [
        {**tie, "actor_id": actor(tie["actor_id"])} if isinstance(tie, dict) and "actor_id" in tie else tie
        for tie in value
    ]


def _int(value: object) -> object:
    try:
        return int(str(value))
    except ValueError:
        return value


@dataclass(frozen=True)
class Copied:
    """A table copied whole: ``refs`` names, for each column pointing elsewhere, the sheet whose
    numbers it uses; ``actors_inside`` renumbers the actors a JSON column names; ``left_out`` are
    columns a copy does not carry."""

    table: Table
    refs: dict[str, str] = field(default_factory=dict)
    left_out: tuple[str, ...] = ()
    actors_inside: tuple[str, Callable[[object, Renumber], object]] | None = None

    @property
    def sheet(self) -> str:
        return self.table.name

    @property
    def columns(self) -> list[str]:
        skip = {"id", "workspace_id", *self.left_out}
        return [c.name for c in self.table.columns if c.name not in skip]


COPIED = (
    Copied(tables.map_settings),
    Copied(tables.map_positions, {"actor_id": "actors"}),
    Copied(tables.map_views, actors_inside=("spec", _view_actors)),
    Copied(tables.stories),
    Copied(tables.story_slides, {"story_id": "stories", "view_id": "map_views"}),
    Copied(tables.districts_maps),
    Copied(tables.questionnaires, {"consultation_id": "consultations"}),
    Copied(tables.questionnaire_questions, {"questionnaire_id": "questionnaires"}),
    Copied(
        tables.questionnaire_responses,
        {"questionnaire_id": "questionnaires", "participant_id": "participants"},
        left_out=("link_id", "visitor", "client"),
    ),
    Copied(
        tables.questionnaire_answers,
        {
            "response_id": "questionnaire_responses",
            "question_id": "questionnaire_questions",
            "contribution_id": "contributions",
        },
        actors_inside=("value", _answer_actors),
    ),
)
SHEETS = tuple(c.sheet for c in COPIED)


def _cell(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return value


def backup_sheets(rows: dict[str, list[dict]], refs: dict[str, dict[int, int]]) -> list[SheetSpec]:
    """One sheet per copied table from its rows (dicts of the table's columns, in the order written)
    and ``refs``: for the register's sheets ("actors", "consultations", "participants",
    "contributions") each id's backup number. Then the sheet of long texts.

    >>> sheets = backup_sheets({"stories": [{"id": 7, "title": "Año", "note": "", "position": 0,
    ...     "is_default": True, "saved_at": datetime(2026, 11, 22, 9, 30)}]}, {})
    >>> [(s.name, s.rows) for s in sheets if s.rows]
    [('stories', [[1, 'Año', '', 0, True, '2026-11-22 09:30:00']])]
    """
    numbers = {sheet: dict(known) for sheet, known in refs.items()}
    specs, long_rows = [], []
    for copied in COPIED:
        found = rows.get(copied.sheet, [])
        numbers[copied.sheet] = {row.get("id", n): n for n, row in enumerate(found, start=1)}
        sheet_rows = []
        for n, row in enumerate(found, start=1):
            cells: list[object] = [n]
            for column in copied.columns:
                value = row.get(column)
                if column in copied.refs:
                    value = numbers.get(copied.refs[column], {}).get(value, "") if value is not None else ""
                elif copied.actors_inside and copied.actors_inside[0] == column:
                    value = copied.actors_inside[1](value, numbers.get("actors", {}).get)
                if isinstance(copied.table.c[column].type, JSON):  # a text answer too: read back as JSON
                    value = json.dumps(value, ensure_ascii=False, sort_keys=True)
                value = _cell(value)
                if isinstance(value, str) and len(value) > CELL:
                    long_rows += [
                        [copied.sheet, n, column, part, value[at : at + CELL]]
                        for part, at in enumerate(range(0, len(value), CELL), start=1)
                    ]
                    value = ""
                cells.append(value)
            sheet_rows.append(cells)
        specs.append(SheetSpec(copied.sheet, ["id", *copied.columns], sheet_rows))
    return [*specs, SheetSpec(LONG, list(LONG_COLUMNS), long_rows)]


@dataclass
class TablesBackup:
    """Each copied sheet's rows read back: (Excel row, the row's number, its values by column, with
    the columns that point elsewhere still holding backup numbers as text); and what was unclear."""

    rows: dict[str, list[tuple[int, str, dict[str, object]]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    participants: list[tuple[str, str, str]] = field(default_factory=list)  # number, consultation, actor
    contributions: list[str] = field(default_factory=list)  # the contributions sheet's numbers, in order

    @property
    def empty(self) -> bool:
        return not any(self.rows.values())

    def count(self, sheet: str) -> int:
        return len(self.rows.get(sheet, []))


def _value(table: Table, column: str, value: object) -> object:
    kind = table.c[column].type
    if isinstance(kind, Boolean):
        return norm.yes_no(value)
    if norm.is_blank(value):  # an empty text is a blank cell
        return "" if isinstance(kind, String) and not table.c[column].nullable else None
    if isinstance(kind, Integer):
        return whole(value)
    if isinstance(kind, Float):
        return number(value)
    if isinstance(kind, DateTime):
        if isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(norm.text(value))
        except ValueError as error:
            raise norm.Unclear(BAD_VALUE, value=norm.text(value)) from error
    if isinstance(kind, Date):
        return value.date() if isinstance(value, datetime) else value if isinstance(value, date) else norm.day(value)
    if isinstance(kind, JSON):
        try:
            return json.loads(norm.text(value))
        except ValueError as error:
            raise norm.Unclear(BAD_VALUE, value=norm.text(value)[:40]) from error
    return norm.text(value) if not isinstance(value, str) else value


def parse_backup(sheets: dict[str, list[list[object]]]) -> TablesBackup:
    """The copied sheets, row by row (none from a backup older than them), long texts made whole.

    >>> found = parse_backup({"map_views": [["id", "title", "spec", "position", "saved_at"],
    ...                                     [1, "Aliados", "{}", 0, "2026-11-22 09:30:00"], [2, "Rota", "{no", 1, ""]]})
    >>> [(n, v["title"], v["saved_at"].day) for _, n, v in found.rows["map_views"]], [p.row for p in found.problems]
    ([('1', 'Aliados', 22)], [3])
    """
    result = TablesBackup(contributions=ids(sheets.get("contributions", [])))
    for _, cells in table(sheets.get("participants", [])):
        result.participants.append(tuple(norm.text(cells.get(k)) for k in ("id", "consultation", "actor")))
    long: dict[tuple[str, str, str], list[tuple[int, str]]] = {}

    def keep(row: int, cells: dict[str, object]) -> None:
        part = (norm.text(cells.get("sheet")), norm.text(cells.get("id")), norm.text(cells.get("column")))
        long.setdefault(part, []).append((whole(cells.get("part")) or 0, str(cells.get("text") or "")))

    read_sheet(sheets, LONG, keep, result.problems)
    for copied in COPIED:
        found = result.rows.setdefault(copied.sheet, [])

        def build(row: int, cells: dict[str, object], copied=copied, found=found) -> None:
            ref = norm.text(cells.get("id"))
            values = {}
            for column in copied.columns:
                if column not in cells:
                    continue
                if column in copied.refs:
                    values[column] = norm.text(cells[column])
                elif (copied.sheet, ref, column) in long:
                    values[column] = "".join(text for _, text in sorted(long[copied.sheet, ref, column]))
                else:
                    values[column] = _value(copied.table, column, cells[column])
            found.append((row, ref, values))

        read_sheet(sheets, copied.sheet, build, result.problems)
    return result


# -- the database side -------------------------------------------------------------------------


def table_rows(engine: Engine, workspace_id: int) -> dict[str, list[dict]]:
    """Each copied table's rows of the workspace, in the order they were written."""
    found = {}
    with engine.connect() as connection:
        for copied in COPIED:
            query = select(copied.table).where(copied.table.c.workspace_id == workspace_id)
            if "id" in copied.table.c:
                query = query.order_by(copied.table.c.id)
            found[copied.sheet] = [dict(row._mapping) for row in connection.execute(query)]
    return found


class Unrestorable(Exception):
    """A row the restore cannot write; ``problem`` says which and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.key)
        self.problem = problem


def restored_register(
    connection: Connection, workspace_id: int, found: TablesBackup, actors: dict[str, int], consultations: dict
) -> dict[str, dict[str, int]]:
    """The restored participants' and contributions' ids by their backup numbers: a participant by
    its consultation and actor, the contributions in the order the restore wrote them."""
    participants = tables.participants
    by_pair = {
        (row.consultation_id, row.actor_id): row.id
        for row in connection.execute(
            select(participants.c.id, participants.c.consultation_id, participants.c.actor_id).where(
                participants.c.workspace_id == workspace_id
            )
        )
    }
    participant = {
        number: by_pair[consultations.get(consultation), actors.get(actor)]
        for number, consultation, actor in found.participants
        if (consultations.get(consultation), actors.get(actor)) in by_pair
    }
    written = connection.execute(
        select(tables.contributions.c.id)
        .where(tables.contributions.c.workspace_id == workspace_id)
        .order_by(tables.contributions.c.id)
    ).scalars()
    return {"participants": participant, "contributions": dict(zip(found.contributions, written, strict=False))}


def write_tables(connection: Connection, workspace_id: int, found: TablesBackup, known: dict[str, dict]) -> None:
    """The copied tables, inside the restore's transaction, in an order where what a row points at
    is written before it; ``known`` gives the register's new ids by backup number ("actors",
    "consultations", "participants", "contributions"). Raises :class:`Unrestorable`."""
    numbers = {sheet: dict(ids_of) for sheet, ids_of in known.items()}
    for copied in COPIED:
        numbers[copied.sheet] = {}
        if found.rows.get(copied.sheet) and "id" not in copied.table.c:  # one row per workspace
            connection.execute(delete(copied.table).where(copied.table.c.workspace_id == workspace_id))
        for row, ref, read in found.rows.get(copied.sheet, []):
            values = dict(read)
            for column, sheet in copied.refs.items():
                if values.get(column):
                    if values[column] not in numbers.get(sheet, {}):
                        details = {"value": values[column], "sheet": sheet}
                        raise Unrestorable(Problem(copied.sheet, row, column, "backup.engagement.unknown", details))
                    values[column] = numbers[sheet][values[column]]
                elif column in values:
                    values[column] = None
            if copied.actors_inside and copied.actors_inside[0] in values:
                column, renumber = copied.actors_inside
                values[column] = renumber(values[column], lambda n: numbers["actors"].get(str(n)))
            try:
                stored = connection.execute(
                    insert(copied.table).values(workspace_id=workspace_id, **checked(copied.table, values))
                )
            except StoreError as error:
                column = str(error.details.get("column", ""))
                raise Unrestorable(Problem(copied.sheet, row, column, error.message_key, error.details)) from error
            if "id" in copied.table.c:
                numbers[copied.sheet][ref] = stored.inserted_primary_key[0]
