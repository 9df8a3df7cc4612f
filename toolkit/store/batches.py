"""Bulk writes: an import, the sample, a restored backup. New actors, updates, relations and whole
consultations, audiences and campaigns, inside one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, Engine, and_, insert, update

from toolkit.domain import Actor, Relation
from toolkit.store import undo
from toolkit.store.audiences import AudienceBundle, write_audiences
from toolkit.store.campaigns import CampaignBundle, write_campaigns
from toolkit.store.columns import checked
from toolkit.store.consultations import ConsultationBundle, write_consultations
from toolkit.store.edits import ConflictError, Edit
from toolkit.store.engagement import import_assessments
from toolkit.store.register import ACTOR_FIELDS, actor_values, actors_in, insert_actors, validate_actor
from toolkit.store.strategy import insert_imported_salience
from toolkit.store.tables import actors, relations
from toolkit.store.workspaces import ensure_terms, lock_workspace


@dataclass
class RegisterBatch:
    """What an import writes: new actors, updates to existing ones, and relations by position.

    Relation ends refer to ``("new", index into new_actors)`` or ``("existing", actor id)``.
    """

    new_actors: list[Actor] = field(default_factory=list)
    updates: list[Edit] = field(default_factory=list)
    relations: list[tuple[tuple[str, int], tuple[str, int], Relation]] = field(default_factory=list)
    terms: list[tuple[str, str, str | None]] = field(default_factory=list)  # vocabulary terms to make sure of
    consultations: list[ConsultationBundle] = field(default_factory=list)  # the sample, a restored backup
    # the sample, a restored backup: campaigns' audiences are positions in ``audiences``
    audiences: list[AudienceBundle] = field(default_factory=list)
    campaigns: list[CampaignBundle] = field(default_factory=list)
    combined: int = 0  # an import's rows merged into an actor (of the register or of an earlier row)
    # new_actors' values as validate_actor passed them when the file was read (None: not checked);
    # the write trusts one only while its actor still has exactly those values
    checked: list[dict[str, object] | None] = field(default_factory=list)
    # an import's salience columns (issue 20): (the row's actor as a relation end, its power,
    # legitimacy and urgency), stored as judgements dated ``salience_on`` (the import's day)
    salience: list[tuple[tuple[str, int], tuple[int | None, int | None, int | None]]] = field(default_factory=list)
    salience_on: date | None = None


@dataclass
class BatchResult:
    added: int = 0
    updated: int = 0
    relations: int = 0
    conflicts: list[str] = field(default_factory=list)
    consultations: int = 0
    audiences: int = 0
    campaigns: int = 0
    combined: int = 0  # an import's rows merged into another actor (as planned: they leave no row)
    change_id: int | None = None  # the import's change set in the trail (see toolkit.store.undo)


def write_batch(connection: Connection, workspace_id: int, batch: RegisterBatch) -> BatchResult:
    """Write a batch inside the caller's transaction (the caller commits or rolls back).

    Must be the transaction's first write to the workspace (it locks the workspace first).
    """
    lock_workspace(connection, workspace_id)
    return _write_locked(connection, workspace_id, batch)


def _write_locked(connection: Connection, workspace_id: int, batch: RegisterBatch) -> BatchResult:
    """:func:`write_batch` once the workspace is locked."""
    if batch.terms:
        ensure_terms(connection, workspace_id, batch.terms)
    new_ids: list[int] = []
    if batch.new_actors:
        rows = [{"workspace_id": workspace_id, "version": 1, **values} for values in _validated(batch)]
        new_ids = insert_actors(connection, workspace_id, rows)
    conflicts: list[str] = []
    for edit in batch.updates:
        values = validate_actor({k: v for k, v in edit.changes.items() if k in ACTOR_FIELDS})
        import_assessments(connection, workspace_id, edit.id, values)  # the history keeps what it was
        done = connection.execute(
            update(actors)
            .where(
                and_(actors.c.id == edit.id, actors.c.workspace_id == workspace_id, actors.c.version == edit.version)
            )
            .values(version=actors.c.version + 1, **values)
        )
        if not done.rowcount:
            conflicts.append(str(edit.changes.get("name") or edit.id))
    if conflicts:
        raise ConflictError(conflicts)

    def resolve(end: tuple[str, int]) -> int:
        kind, value = end
        return new_ids[value] if kind == "new" else value

    relation_rows = []
    for source, target, relation in batch.relations:
        source_id, target_id = resolve(source), resolve(target)
        if source_id == target_id:
            continue
        relation_rows.append(
            checked(
                relations,
                {
                    "workspace_id": workspace_id,
                    "source_id": source_id,
                    "target_id": target_id,
                    "type": relation.type,
                    "strength": relation.strength,
                    "directed": relation.directed,
                    "description": relation.description or "",
                    "starts_on": relation.starts_on,
                    "ends_on": relation.ends_on,
                    "custom": {str(k): str(v) for k, v in (relation.custom or {}).items()},
                    "version": 1,
                },
            )
        )
    for start in range(0, len(relation_rows), 2000):
        connection.execute(insert(relations), relation_rows[start : start + 2000])
    if batch.salience and batch.salience_on:
        judged = [(resolve(end), levels) for end, levels in batch.salience]
        insert_imported_salience(connection, workspace_id, judged, batch.salience_on)
    consultation_count = 0
    if batch.consultations:
        consultation_count = write_consultations(connection, workspace_id, batch.consultations, new_ids)
    audience_ids: list[int] = []
    campaign_count = 0
    if batch.audiences or batch.campaigns:
        audience_ids = write_audiences(connection, workspace_id, batch.audiences, new_ids)
        campaign_count = write_campaigns(connection, workspace_id, batch.campaigns, audience_ids)
    return BatchResult(
        added=len(new_ids),
        updated=len(batch.updates),
        relations=len(relation_rows),
        consultations=consultation_count,
        audiences=len(audience_ids),
        campaigns=campaign_count,
    )


def _validated(batch: RegisterBatch) -> list[dict[str, object]]:
    """The new actors' values, checked by :func:`validate_actor`: an import's rows were when the
    file was read, and are not checked twice while they are unchanged (a row merged with a later
    one, or changed by anyone since, is checked again here)."""
    checked = batch.checked + [None] * (len(batch.new_actors) - len(batch.checked))
    out = []
    for actor, known in zip(batch.new_actors, checked, strict=False):
        values = actor_values(actor)
        out.append(known if known is not None and values == known else validate_actor(values))
    return out


class Unplanned(Exception):
    """Raised by an import's plan to store nothing: the transaction is rolled back."""


def plan_and_write(
    engine: Engine, workspace_id: int, plan: Callable[[list[Actor]], RegisterBatch], label: str = ""
) -> BatchResult:
    """Store an import planned on the register as it is once the workspace is locked, in one
    transaction: ``plan`` gets the workspace's actors read after the lock, so imports of one list
    at once cannot each plan it as new (the later ones merge). ``plan`` may raise
    :class:`Unplanned` to store nothing; a conflict is reported like :func:`import_batch`'s.

    The import is one change set of the trail, named ``label`` (the file), that
    :func:`toolkit.store.undo.undo_import` can take back (``change_id`` of the result)."""
    try:
        with engine.begin() as connection:
            lock_workspace(connection, workspace_id)
            batch = plan(actors_in(connection, workspace_id))
            since = undo.marks(connection)
            overwritten = undo.before_values(connection, workspace_id, batch.updates)
            result = _write_locked(connection, workspace_id, batch)
            result.combined = batch.combined
            counts = {"added": result.added, "combined": result.combined, "relations": result.relations}
            result.change_id = undo.record_import(
                connection, workspace_id, since, overwritten, {**counts, "updated": result.updated}, label
            )
            return result
    except ConflictError as error:
        return BatchResult(conflicts=error.names)


def import_batch(engine: Engine, workspace_id: int, batch: RegisterBatch) -> BatchResult:
    """Store a whole import atomically: everything or, on any problem, nothing."""
    try:
        with engine.begin() as connection:
            return write_batch(connection, workspace_id, batch)
    except ConflictError as error:
        return BatchResult(conflicts=error.names)
