"""The bin: deleted actors, consultations, campaigns and interactions, restorable for 30 days.

Deleting one puts it in the bin first with everything that hangs from it (an actor's relations,
participations, contributions, memberships of audiences, its part in interactions (and the
interactions left with no actor) and its assessments; a consultation's participants and
contributions; a campaign's activities, indicators and measurements) and the milestones that
pointed to it. Restoring puts them back, with their ids where those are still free. After 30 days
an entry is purged, and with it the contact data it held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, Date, DateTime, Engine, delete, insert, select, update

from toolkit import access, clock
from toolkit.store import tables as t
from toolkit.store.audit import SKIP, record
from toolkit.store.engine import StoreError
from toolkit.store.workspaces import reading, writing

KEEP = timedelta(days=30)
ROOTS = {"actors": "name", "consultations": "title", "campaigns": "title", "interactions": "summary"}
LAYOUT_TABLES = {"map_positions"}  # how the map looked: not kept
# a row that goes when the last link to it goes (an interaction whose actors were all deleted):
# (link table, its column naming that row, its column naming what is deleted)
LEFT_EMPTY = (("interaction_actors", "interaction_id", "actor_id"),)


@dataclass(frozen=True)
class BinEntry:
    id: int
    entity: str  # actors, consultations, campaigns
    entity_id: int
    label: str
    deleted_at: datetime
    deleted_by: str
    expires_on: date
    related: int  # rows that come back with it


def _json(row: dict) -> dict:
    return {key: value.isoformat() if isinstance(value, date | datetime) else value for key, value in row.items()}


def _from_json(table, row: dict) -> dict:
    values = {}
    for key, value in row.items():
        column = table.c[key]
        if value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        values[key] = value
    return values


def _children(table) -> list[tuple[object, object, str]]:
    """(child table, its column, on delete) for every foreign key pointing at ``table``."""
    found = []
    for child in t.metadata.sorted_tables:
        if child.name in LAYOUT_TABLES:
            continue
        for key in child.foreign_keys:
            if key.column.table is table and key.parent.name != "workspace_id":
                found.append((child, key.parent, (key.ondelete or "").upper()))
    return found


def _gather(connection: Connection, table, ids: set[int], payload: dict, links: list) -> None:
    for child, column, on_delete in _children(table):
        rows = [
            dict(row)
            for row in connection.execute(
                select(child).where(column.in_(ids)).execution_options(**{SKIP: True})
            ).mappings()
        ]
        if not rows:
            continue
        if on_delete == "SET NULL":
            links.extend([child.name, row["id"], column.name, row[column.name]] for row in rows)
            continue
        known = {row["id"] for row in payload.setdefault(child.name, [])}
        fresh = [row for row in rows if row["id"] not in known]
        payload[child.name].extend(_json(row) for row in fresh)
        if fresh:
            _gather(connection, child, {row["id"] for row in fresh}, payload, links)


def _left_empty(connection: Connection, payload: dict, deleted: list[int]) -> None:
    """Keep too the rows left with no link once ``deleted`` goes (they are deleted with it)."""
    for link_name, column, owner in LEFT_EMPTY:
        parents = {row[column] for row in payload.get(link_name, [])}
        if not parents:
            continue
        link = t.metadata.tables[link_name]
        parent = next(iter(link.c[column].foreign_keys)).column.table
        still = set(
            connection.execute(
                select(link.c[column])
                .where(link.c[column].in_(parents), link.c[owner].not_in(deleted))
                .execution_options(**{SKIP: True})
            ).scalars()
        )
        rows = connection.execute(
            select(parent).where(parent.c.id.in_(parents - still)).execution_options(**{SKIP: True})
        ).mappings()
        known = {row["id"] for row in payload.get(parent.name, [])}
        payload.setdefault(parent.name, []).extend(_json(dict(row)) for row in rows if row["id"] not in known)


def purge(connection: Connection, now: datetime | None = None) -> int:
    """Remove entries older than 30 days, in every workspace (their contact data goes with them)."""
    now = now or clock.now()
    return connection.execute(delete(t.bin_entries).where(t.bin_entries.c.deleted_at < now - KEEP)).rowcount


def put(connection: Connection, workspace_id: int, entity: str, ids: list[int]) -> None:
    """Keep the rows about to be deleted (inside the deleting use case's transaction)."""
    table = t.metadata.tables[entity]
    now = clock.now()
    purge(connection, now)
    rows = (
        connection.execute(
            select(table)
            .where(table.c.workspace_id == workspace_id, table.c.id.in_(ids))
            .execution_options(**{SKIP: True})
        )
        .mappings()
        .all()
    )
    for row in rows:
        payload: dict[str, list] = {entity: [_json(dict(row))]}
        links: list = []
        _gather(connection, table, {row["id"]}, payload, links)
        _left_empty(connection, payload, ids)
        payload["_links"] = links
        connection.execute(
            insert(t.bin_entries).values(
                workspace_id=workspace_id,
                entity=entity,
                entity_id=row["id"],
                label=str(row[ROOTS[entity]])[:300],
                deleted_at=now,
                deleted_by=access.current().shown_name,
                payload=payload,
            )
        )


def list_bin(engine: Engine, workspace_id: int, now: datetime | None = None) -> list[BinEntry]:
    """What can still be restored, newest first."""
    now = now or clock.now()
    with reading(engine, workspace_id) as connection:
        rows = (
            connection.execute(
                select(t.bin_entries)
                .where(t.bin_entries.c.workspace_id == workspace_id, t.bin_entries.c.deleted_at >= now - KEEP)
                .order_by(t.bin_entries.c.deleted_at.desc(), t.bin_entries.c.id.desc())
            )
            .mappings()
            .all()
        )
    return [
        BinEntry(
            row["id"],
            row["entity"],
            row["entity_id"],
            row["label"],
            row["deleted_at"],
            row["deleted_by"],
            (row["deleted_at"] + KEEP).date(),
            sum(len(v) for k, v in row["payload"].items() if k != "_links") - 1,
        )
        for row in rows
    ]


def _exists(connection: Connection, table, row_id: int) -> bool:
    return (
        connection.execute(select(table.c.id).where(table.c.id == row_id).execution_options(**{SKIP: True})).first()
        is not None
    )


def _hand_over(
    connection: Connection, workspace_id: int, entry_id: int, table: str, stored: dict, missing: tuple[str, int]
) -> None:
    """A row that cannot come back yet (a relation to an actor still in the bin) moves to the bin entry
    holding what it points to, and comes back with it."""
    entries = connection.execute(
        select(t.bin_entries.c.id, t.bin_entries.c.payload).where(
            t.bin_entries.c.workspace_id == workspace_id, t.bin_entries.c.id != entry_id
        )
    ).all()
    for other_id, payload in entries:
        if any(row["id"] == missing[1] for row in payload.get(missing[0], [])):
            rows = payload.setdefault(table, [])
            if all(row["id"] != stored["id"] for row in rows):
                rows.append(stored)
                connection.execute(update(t.bin_entries).where(t.bin_entries.c.id == other_id).values(payload=payload))
            return


def restore(engine: Engine, workspace_id: int, entry_id: int, now: datetime | None = None) -> str:
    """Put a deleted actor, consultation or campaign back with what hung from it; returns its label.

    Rows that pointed to something deleted since (a relation to another actor still in the bin)
    stay out; they come back when that other one is restored.
    """
    now = now or clock.now()
    with writing(engine, workspace_id) as connection:
        entry = (
            connection.execute(
                select(t.bin_entries).where(
                    t.bin_entries.c.id == entry_id,
                    t.bin_entries.c.workspace_id == workspace_id,
                    t.bin_entries.c.deleted_at >= now - KEEP,
                )
            )
            .mappings()
            .first()
        )
        if entry is None:
            raise StoreError("bin_entry_gone")
        payload = entry["payload"]
        new_ids: dict[tuple[str, int], int] = {}
        for table in t.metadata.sorted_tables:  # parents before children
            for stored in payload.get(table.name, []):
                row = _from_json(table, stored)
                missing = None
                for key in table.foreign_keys:
                    column, target = key.parent.name, key.column.table.name
                    if column == "workspace_id" or row.get(column) is None:
                        continue
                    mapped = new_ids.get((target, row[column]))
                    if mapped is not None:
                        row[column] = mapped
                    elif not _exists(connection, key.column.table, row[column]):
                        missing = (target, row[column])  # points to something deleted since
                if missing is not None:
                    _hand_over(connection, workspace_id, entry_id, table.name, stored, missing)
                    continue
                old_id = row["id"]
                existing = (
                    connection.execute(select(table).where(table.c.id == old_id).execution_options(**{SKIP: True}))
                    .mappings()
                    .first()
                )
                if existing is not None:
                    if all(existing[k] == v for k, v in row.items() if k != "version"):
                        new_ids[(table.name, old_id)] = old_id
                        continue  # already back: restored with the other end of a relation
                    row.pop("id")  # the id went to a newer row: take a new one
                new_id = connection.execute(
                    insert(table).values(**row).execution_options(**{SKIP: True})
                ).inserted_primary_key[0]
                new_ids[(table.name, old_id)] = new_id
        root = new_ids[(entry["entity"], entry["entity_id"])]
        for child, row_id, column, _old in payload.get("_links", []):
            table = t.metadata.tables[child]
            connection.execute(
                update(table)
                .where(table.c.id == row_id, table.c[column].is_(None))
                .values(**{column: root})
                .execution_options(**{SKIP: True})
            )
        connection.execute(delete(t.bin_entries).where(t.bin_entries.c.id == entry_id))
        record(connection, workspace_id, "restore", entry["entity"], root, entry["label"])
        purge(connection, now)
    return entry["label"]


def empty_bin(engine: Engine, workspace_id: int) -> int:
    """Delete for good what the workspace's bin holds (its owners only); returns how many entries."""
    with writing(engine, workspace_id, "owner") as connection:
        return connection.execute(delete(t.bin_entries).where(t.bin_entries.c.workspace_id == workspace_id)).rowcount
