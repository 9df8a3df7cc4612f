"""Saving a table: the edits made in it and the rows marked to delete, in one transaction.

Every editable table of a workspace (actors, relations, participants, contributions, activities,
KPIs and their measurements, milestones, indicators and their measurements) is saved the same
way: each edit is made from the version of the row the user saw; a row someone else changed or
deleted in between is a conflict, and then nothing is saved or deleted. A refused value or a
refused delete (a :class:`StoreError`) also leaves nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, Row, Table, delete, select, update

from toolkit.store.engine import StoreError
from toolkit.store.workspaces import writing


@dataclass
class Edit:
    """A change to one row, made from the version the user saw."""

    id: int
    version: int
    changes: dict[str, object]


@dataclass
class SaveResult:
    saved: int = 0
    conflicts: list[str] = field(default_factory=list)  # names of rows someone else changed or deleted
    deleted: int = 0  # rows deleted in the same transaction

    @property
    def ok(self) -> bool:
        return not self.conflicts


class ConflictError(StoreError):
    def __init__(self, names: list[str]) -> None:
        super().__init__("conflict", names=", ".join(names))
        self.names = names


def delete_rows(connection: Connection, table: Table, workspace_id: int, ids: Collection[int]) -> int:
    """Delete the workspace's rows of ``table`` with these ids (others' ids are ignored); how many."""
    if not ids:
        return 0
    return connection.execute(
        delete(table).where(table.c.workspace_id == workspace_id, table.c.id.in_(list(ids)))
    ).rowcount


def apply_edits(
    connection: Connection,
    workspace_id: int,
    table: Table,
    edits: Sequence[Edit],
    to_delete: Collection[int] = (),
    *,
    fields: Collection[str],
    validate: Callable[[Row, dict[str, object]], dict[str, object]] | None = None,
    label: Callable[[Row], str] | None = None,
    label_missing: Callable[[Edit], str] | None = None,
    remove: Callable[[Connection, int, list[int]], int] | None = None,
    versioned: bool = True,
) -> SaveResult:
    """Apply ``edits`` to the workspace's rows of ``table`` and delete ``to_delete``, inside the
    caller's transaction (opened with :func:`~toolkit.store.workspaces.writing`).

    Only the ``fields`` of an edit's changes are written. ``validate(row, changes)`` cleans them
    against the stored row and may raise :class:`StoreError`; each update bumps the row's
    ``version`` (tables without one, ``versioned=False``, conflict only on a missing row). A row
    that is missing or at another version is a conflict named by ``label(row)`` (or
    ``label_missing(edit)``, else ``#id``): then :class:`ConflictError` is raised, so the caller's
    transaction writes nothing. The deletes go through ``remove(connection, workspace_id, ids)``
    (default: the rows themselves), which may refuse with :class:`StoreError`.
    """
    conflicts: list[str] = []
    for edit in edits:
        row = connection.execute(
            select(table).where(table.c.id == edit.id, table.c.workspace_id == workspace_id)
        ).first()
        if row is None or (versioned and row.version != edit.version):
            if row is not None and label is not None:
                conflicts.append(label(row) or f"#{edit.id}")
            elif row is None and label_missing is not None:
                conflicts.append(label_missing(edit))
            else:
                conflicts.append(f"#{edit.id}")
            continue
        changes = {name: value for name, value in edit.changes.items() if name in fields}
        values = validate(row, changes) if validate is not None else changes
        if not values:
            continue
        statement = update(table).where(table.c.id == edit.id, table.c.workspace_id == workspace_id)
        if versioned:
            statement = statement.where(table.c.version == edit.version).values(version=table.c.version + 1)
        connection.execute(statement.values(**values))
    if conflicts:
        raise ConflictError(conflicts)
    ids = list(dict.fromkeys(to_delete))
    if not ids:
        deleted = 0
    elif remove is not None:
        deleted = remove(connection, workspace_id, ids)
    else:
        deleted = delete_rows(connection, table, workspace_id, ids)
    return SaveResult(saved=len(edits), deleted=deleted)


def save_edits(
    engine: Engine,
    workspace_id: int,
    edits: Sequence[Edit],
    to_delete: Collection[int],
    apply: Callable[[Connection], SaveResult],
) -> SaveResult:
    """Run ``apply(connection)`` (an :func:`apply_edits`) in one write to the workspace; conflicts
    come back in the result with nothing saved, refusals (:class:`StoreError`) are raised."""
    if not edits and not to_delete:
        return SaveResult()
    try:
        with writing(engine, workspace_id) as connection:
            return apply(connection)
    except ConflictError as error:
        return SaveResult(conflicts=error.names)
