"""An import undone: each import is one change set of the audit trail (an entry ``import`` that
holds what the import created and what it overwrote), and :func:`undo_import` takes it back in
one transaction, or refuses when something it touched has changed since.

What an import overwrites is only ever a blank (a merge fills what the register lacks) or a list
it extended (themes, dimensions, custom fields): the entry holds those before values, never a
contact datum (an import that would have to keep one is recorded as not undoable).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, delete, func, or_, select, update

from toolkit.domain import PERSONAL_COLUMNS
from toolkit.store import tables as t
from toolkit.store.audit import QUIET, SKIP, record
from toolkit.store.edits import Edit
from toolkit.store.engine import StoreError
from toolkit.store.register import ACTOR_FIELDS, remove_actors
from toolkit.store.strategy_tables import salience_assessments  # registers the table TRACKED names
from toolkit.store.workspaces import reading, writing

IMPORT = "import"  # the audit action of an import's change set
UNDONE = "undo_import"  # the audit action of its undoing (entity "imports", entity_id: the import's entry)
TRACKED = ("actors", "relations", "assessments", "vocab_terms", "salience_assessments")  # rows an import adds
# where a vocabulary's keys are used: an import's new term goes with the undo when nothing uses it
TERM_USES = {"sectors": (t.actors, "sector"), "scales": (t.actors, "scale"), "relation_types": (t.relations, "type")}
# rows that hang from an actor: one of these made since the import means the actor changed since
LINKS = (t.participants, t.contributions, t.audience_members, t.interaction_actors, t.assessments)
NAMES_SHOWN = 10
# up to this many actors go to the bin one entry each (about 20 ms apiece); a larger import's go
# straight away, as the bin would delete them (the file still holds them, to import again)
BIN_UP_TO = 100
# an import of more rows than this is not kept for undoing (the database's limit of values in
# one statement: SQLite's 32,766, PostgreSQL's 65,535)
UNDO_UP_TO = 30_000


@dataclass(frozen=True)
class UndoResult:
    removed: int  # actors the import created, now in the bin
    restored: int  # actors given back what the import changed
    relations: int  # relations the import created, removed
    label: str  # the file's name


def marks(connection: Connection) -> dict[str, int]:
    """The highest id of each table an import adds to, before it writes (its rows come after)."""
    return {name: connection.execute(select(func.max(t.metadata.tables[name].c.id))).scalar() or 0 for name in TRACKED}


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def before_values(connection: Connection, workspace_id: int, updates: list[Edit]) -> list[dict] | None:
    """What the updates will overwrite, read before they are written: ``[{"id", "version", "before"}]``
    with the version the actor will have after the import; ``None`` when a contact datum would be
    overwritten (never kept in the trail: that import cannot be undone)."""
    if not updates:
        return []
    rows = {
        row["id"]: row
        for row in connection.execute(
            select(t.actors)
            .where(t.actors.c.workspace_id == workspace_id, t.actors.c.id.in_([edit.id for edit in updates]))
            .execution_options(**{SKIP: True})
        ).mappings()
    }
    kept = []
    for edit in updates:
        row = rows.get(edit.id)
        if row is None:
            continue  # the write will report the conflict
        before = {name: _plain(row[name]) for name in edit.changes if name in ACTOR_FIELDS}
        if any(before[name] not in (None, "") for name in before if name in PERSONAL_COLUMNS):
            return None
        kept.append({"id": edit.id, "version": edit.version + 1, "before": before})
    return kept


def _added_since(connection: Connection, workspace_id: int, name: str, mark: int) -> list:
    table = t.metadata.tables[name]
    columns = [table.c.id] + ([table.c.vocabulary, table.c.key] if name == "vocab_terms" else [])
    return connection.execute(
        select(*columns)
        .where(table.c.workspace_id == workspace_id, table.c.id > mark)
        .order_by(table.c.id)
        .execution_options(**{SKIP: True})
    ).all()


def record_import(
    connection: Connection,
    workspace_id: int,
    since: dict[str, int],
    overwritten: list[dict] | None,
    counts: dict[str, int],
    label: str = "",
) -> int:
    """Record the import just written (inside its transaction) as one change set; returns its id."""
    added = {name: _added_since(connection, workspace_id, name, since[name]) for name in TRACKED}
    after: dict[str, object] = dict(counts)
    size = sum(len(added[name]) for name in ("actors", "relations", "assessments")) + len(overwritten or [])
    if overwritten is not None and size <= UNDO_UP_TO:
        after["undo"] = {
            "actors": [row.id for row in added["actors"]],
            "relations": [row.id for row in added["relations"]],
            "assessments": [row.id for row in added["assessments"]],
            "salience": [row.id for row in added["salience_assessments"]],  # issue 20
            "terms": [[row.vocabulary, row.key] for row in added["vocab_terms"]],
            "updates": overwritten,
        }
    record(connection, workspace_id, IMPORT, "workspaces", workspace_id, label, after=after)
    return connection.execute(
        select(func.max(t.audit_log.c.id)).where(
            t.audit_log.c.workspace_id == workspace_id, t.audit_log.c.action == IMPORT
        )
    ).scalar()


def undone_imports(engine: Engine, workspace_id: int, change_ids: list[int]) -> set[int]:
    """Which of these imports have been undone already (members only)."""
    if not change_ids:
        return set()
    with reading(engine, workspace_id) as connection:
        return set(
            connection.execute(
                select(t.audit_log.c.entity_id).where(
                    t.audit_log.c.workspace_id == workspace_id,
                    t.audit_log.c.action == UNDONE,
                    t.audit_log.c.entity_id.in_(change_ids),
                )
            ).scalars()
        )


def _names(connection: Connection, ids: set[int]) -> list[str]:
    """The actors' names now, or as the trail last named them (deleted since)."""
    found = dict(connection.execute(select(t.actors.c.id, t.actors.c.name).where(t.actors.c.id.in_(ids))).all())
    gone = ids - set(found)
    if gone:
        trail = connection.execute(
            select(t.audit_log.c.entity_id, t.audit_log.c.label).where(
                t.audit_log.c.entity == "actors", t.audit_log.c.entity_id.in_(gone)
            )
        ).all()
        found.update({row.entity_id: row.label for row in trail if row.label})
    return sorted({str(name) for name in found.values()})


def _changed_since(connection: Connection, workspace_id: int, undo: dict) -> set[int]:
    """The actors whose rows changed after the import (edited, deleted, linked to by something new)."""
    created, relation_ids = set(undo["actors"]), set(undo["relations"])
    expected = {actor_id: 1 for actor_id in created} | {row["id"]: row["version"] for row in undo["updates"]}
    now = dict(
        connection.execute(
            select(t.actors.c.id, t.actors.c.version).where(
                t.actors.c.workspace_id == workspace_id, t.actors.c.id.in_(expected)
            )
        ).all()
    )
    changed = {actor_id for actor_id, version in expected.items() if now.get(actor_id) != version}
    relations_now = connection.execute(
        select(t.relations.c.id, t.relations.c.version, t.relations.c.source_id, t.relations.c.target_id).where(
            t.relations.c.workspace_id == workspace_id,
            or_(
                t.relations.c.id.in_(relation_ids),
                t.relations.c.source_id.in_(created),
                t.relations.c.target_id.in_(created),
            ),
        )
    ).all()
    for row in relations_now:  # a relation of the import edited, or a new one to an actor it created
        if row.id not in relation_ids or row.version != 1:
            changed |= {row.source_id, row.target_id} & (created | set(expected)) or {row.source_id}
    deleted = relation_ids - {row.id for row in relations_now}
    if deleted:
        changed |= _ends_of_deleted(connection, deleted)
    for link in LINKS:  # the import links none of these to the actors it creates
        changed |= set(connection.execute(select(link.c.actor_id).where(link.c.actor_id.in_(created))).scalars())
    return changed


def _ends_of_deleted(connection: Connection, relation_ids: set[int]) -> set[int]:
    """The ends of relations deleted since, as the trail recorded them."""
    rows = connection.execute(
        select(t.audit_log.c.before).where(
            t.audit_log.c.entity == "relations",
            t.audit_log.c.action == "delete",
            t.audit_log.c.entity_id.in_(relation_ids),
        )
    ).scalars()
    ends = set()
    for row in rows:
        if isinstance(row, dict):
            ends |= {row.get("source_id"), row.get("target_id")} - {None}
    return ends or {0}  # 0: an actor nobody can name


def _restore_values(before: dict) -> dict:
    values = dict(before)
    if isinstance(values.get("consent_date"), str):
        values["consent_date"] = date.fromisoformat(values["consent_date"])
    return values


def _unused_terms(connection: Connection, workspace_id: int, terms: list[list[str]]) -> list[tuple[str, str]]:
    unused = []
    for vocabulary, key in terms:
        if vocabulary not in TERM_USES:
            continue
        table, column = TERM_USES[vocabulary]
        used = connection.execute(
            select(table.c.id).where(table.c.workspace_id == workspace_id, table.c[column] == key).limit(1)
        ).first()
        if used is None:
            unused.append((vocabulary, key))
    return unused


def _entry(connection: Connection, workspace_id: int, change_id: int):
    entry = connection.execute(
        select(t.audit_log).where(
            t.audit_log.c.id == change_id,
            t.audit_log.c.workspace_id == workspace_id,
            t.audit_log.c.action == IMPORT,
        )
    ).first()
    if entry is None:
        raise StoreError("import_not_found")
    undo = (entry.after or {}).get("undo")
    if not undo:
        raise StoreError("import_not_undoable")
    undone = connection.execute(
        select(t.audit_log.c.at).where(
            t.audit_log.c.workspace_id == workspace_id,
            t.audit_log.c.action == UNDONE,
            t.audit_log.c.entity_id == change_id,
        )
    ).first()
    if undone is not None:
        raise StoreError("import_already_undone")
    return entry, undo


def _take_back(connection: Connection, workspace_id: int, undo: dict) -> None:
    """The writes of an undo, once nothing it touches has changed since the import."""
    created = undo["actors"]
    if undo["assessments"]:
        connection.execute(delete(t.assessments).where(t.assessments.c.id.in_(undo["assessments"])))
    if undo.get("salience"):  # the import's salience judgements (an import undone before issue 20 has none)
        connection.execute(delete(salience_assessments).where(salience_assessments.c.id.in_(undo["salience"])))
    for row in undo["updates"]:
        connection.execute(
            update(t.actors)
            .where(t.actors.c.id == row["id"], t.actors.c.workspace_id == workspace_id)
            .values(version=t.actors.c.version + 1, **_restore_values(row["before"]))
        )
    between_existing = [
        relation_id
        for relation_id, source, target in connection.execute(
            select(t.relations.c.id, t.relations.c.source_id, t.relations.c.target_id).where(
                t.relations.c.id.in_(undo["relations"])
            )
        ).all()
        if source not in created and target not in created
    ]
    if between_existing:
        connection.execute(delete(t.relations).where(t.relations.c.id.in_(between_existing)))
    if 0 < len(created) <= BIN_UP_TO:
        remove_actors(connection, workspace_id, created)  # to the bin, with the relations among them
    elif created:  # nothing else hangs from them (see _changed_since): their relations, then them
        connection.execute(delete(t.relations).where(t.relations.c.id.in_(undo["relations"])))
        connection.execute(delete(t.actors).where(t.actors.c.workspace_id == workspace_id, t.actors.c.id.in_(created)))
    for vocabulary, key in _unused_terms(connection, workspace_id, undo["terms"]):
        connection.execute(
            delete(t.vocab_terms).where(
                t.vocab_terms.c.workspace_id == workspace_id,
                t.vocab_terms.c.vocabulary == vocabulary,
                t.vocab_terms.c.key == key,
            )
        )


def undo_import(engine: Engine, workspace_id: int, change_id: int) -> UndoResult:
    """Take an import back, all or nothing, in one transaction: the actors and relations it created
    go to the bin (more than ``BIN_UP_TO`` actors are deleted outright; relations between actors
    that were already there are deleted), the actors it
    combined get back what they had, its assessments and its new terms (when nothing uses them)
    go. Refused (``import_changed_since``, naming the actors) when something it touched has
    changed since, and plainly when it was undone already or cannot be undone. Editors only.
    """
    with writing(engine, workspace_id) as connection:
        entry, undo = _entry(connection, workspace_id, change_id)
        changed = _changed_since(connection, workspace_id, undo)
        if changed:
            names = _names(connection, changed)
            if not names:
                raise StoreError("import_changed_since_unnamed")
            shown = ", ".join(f"«{name}»" for name in names[:NAMES_SHOWN])
            if len(names) > NAMES_SHOWN:
                shown += f" (+{len(names) - NAMES_SHOWN})"
            raise StoreError("import_changed_since", names=shown)
        connection.info[QUIET] = True  # one entry for the whole undo, below
        try:
            _take_back(connection, workspace_id, undo)
        finally:
            connection.info.pop(QUIET, None)
        result = UndoResult(
            removed=len(undo["actors"]),
            restored=len(undo["updates"]),
            relations=len(undo["relations"]),
            label=entry.label,
        )
        record(
            connection,
            workspace_id,
            UNDONE,
            "imports",
            change_id,
            entry.label,
            after={"removed": result.removed, "restored": result.restored, "relations": result.relations},
        )
    return result
