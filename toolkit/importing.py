"""Importing a file into the register: check it, plan it, store it in one transaction.

The page "Actores" and the CLI call these; each returns a value that says what happened.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Engine

from toolkit import clock
from toolkit.domain import Actor
from toolkit.import_rows import StoredRow, stored_rows
from toolkit.spreadsheets.importing import ImportPreview, Plan, parse_workbook, plan_batch
from toolkit.spreadsheets.mapping import WorkbookLayout
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.reading import ReadLimits, Workbook, read_workbook
from toolkit.store.batches import BatchResult, RegisterBatch, Unplanned, plan_and_write
from toolkit.store.register import list_actors
from toolkit.store.workspaces import vocabulary_terms


class PlanCounts(NamedTuple):
    """What the wizard's last step tells of a plan before the person confirms it."""

    added: int
    merged: int
    skipped: int
    relations: int


def plan_counts(plan: Plan) -> PlanCounts:
    return PlanCounts(plan.added, plan.merged, plan.skipped, len(plan.batch.relations))


@dataclass
class ImportOutcome:
    preview: ImportPreview
    plan: Plan | None = None
    stored: BatchResult | None = None
    replanned: bool = False  # the register changed since the plan the person saw: nothing stored

    @property
    def problems(self) -> list[Problem]:
        return self.preview.errors + (self.plan.relation_errors if self.plan else [])


def check_file(
    engine: Engine | None,
    workspace_id: int | None,
    data: bytes,
    filename: str,
    limits: ReadLimits | None = None,
    layout: WorkbookLayout | None = None,
    workbook: Workbook | None = None,
) -> ImportPreview:
    """Read and validate a file; store nothing. Raises ``UnreadableFile`` when it cannot be read."""
    workbook = workbook or read_workbook(data, filename, limits or ReadLimits())
    terms = vocabulary_terms(engine, workspace_id) if engine is not None and workspace_id else {}
    with _collector_resting():
        return parse_workbook(workbook, terms, layout)


def import_preview(
    engine: Engine,
    workspace_id: int,
    preview: ImportPreview,
    policy: str = "merge",
    decisions: dict[int, str] | None = None,
    expected: PlanCounts | None = None,
    label: str = "",
) -> ImportOutcome:
    """Store a checked file into the workspace in one transaction (nothing on failure).

    Which rows are new and which merge is decided inside that transaction, on the register as it
    is once the workspace is locked: imports of one list at once add it once, and the later ones
    merge into it. With ``expected`` (the counts the person confirmed), a plan that comes out
    different stores nothing and comes back with ``replanned`` set, to be shown and confirmed again.
    The import is one change set of the activity feed, named ``label`` (the file), that can be undone.
    """
    planned: list[Plan] = []

    def plan(existing: list[Actor]) -> RegisterBatch:
        planned.append(plan_batch(preview, existing, policy, decisions))
        if expected is not None and plan_counts(planned[-1]) != expected:
            raise Unplanned
        batch = planned[-1].batch
        batch.combined = planned[-1].merged
        batch.salience_on = clock.today()  # the salience columns are judgements of the import's day
        checked = {id(parsed.actor): parsed.checked for parsed in preview.actors}  # as the file was read
        batch.checked = [checked.get(id(actor)) for actor in batch.new_actors]
        return batch

    try:
        with _collector_resting():
            stored = plan_and_write(engine, workspace_id, plan, label)
    except Unplanned:
        return ImportOutcome(preview=preview, plan=planned[-1], replanned=True)
    return ImportOutcome(preview=preview, plan=planned[-1], stored=stored)


@contextmanager
def _collector_resting() -> Iterator[None]:
    """Python's cyclic garbage collector leaves what is already in memory alone for a while (the
    workbook's cells while they are parsed, the preview's actors while they are stored): it walked
    them again and again as the import made new objects, a third of a 20,000-row import's time.
    Nothing is lost: what it leaves alone is looked at again afterwards (``gc.unfreeze``), and two
    imports at once only shorten each other's rest."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def plan_preview(
    engine: Engine,
    workspace_id: int,
    preview: ImportPreview,
    policy: str = "merge",
    decisions: dict[int, str] | None = None,
) -> Plan:
    """What an import would do, without doing it (for the wizard's last step)."""
    return plan_batch(preview, list_actors(engine, workspace_id), policy, decisions)


def preview_rows(
    engine: Engine,
    workspace_id: int,
    preview: ImportPreview,
    policy: str = "merge",
    decisions: dict[int, str] | None = None,
) -> tuple[Plan, list[StoredRow]]:
    """What an import would do and the actors as it would store them, one row each (the
    wizard's last step), from one reading of the register."""
    existing = list_actors(engine, workspace_id)
    plan = plan_batch(preview, existing, policy, decisions)
    return plan, stored_rows(preview, plan, existing, policy, decisions)
