"""The import wizard's last step: the actors as an import will store them, one row each, and the
counts of the same plan the import writes (so what the person confirms is what happens).

Pure: a plan (see :func:`toolkit.spreadsheets.importing.plan_batch`) and the register it was
planned on in, rows and words out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from toolkit.domain import STANCE_KEYS, Actor
from toolkit.i18n import t
from toolkit.spreadsheets.importing import ImportPreview, ParsedActor, Plan
from toolkit.store.batches import BatchResult
from toolkit.vocab import fold

SHOWN = 200  # rows the table shows at once; the rest are counted, and a search finds them
COLUMNS = ("action", "name", "kind", "sector", "scale", "stance", "influence", "interest", "relations")


@dataclass(frozen=True)
class StoredRow:
    """One actor as the import leaves it."""

    action: str  # "new": added to the register; "combined": merged into an actor already there
    actor: Actor  # its values once stored
    sheet: str = ""
    rows: tuple[int, ...] = ()  # the file's rows (Excel numbers) that give it, the kept one first
    existing: str = ""  # the register's name of the actor it combines with
    changes: tuple[str, ...] = ()  # the fields that actor gains
    relations: int = 0  # relations the import adds to it

    @property
    def merged_rows(self) -> tuple[int, ...]:
        """The later rows of the file merged into a new actor's first row."""
        return self.rows[1:] if self.action == "new" else ()


class PreviewCounts(NamedTuple):
    """What an import does, told the same way before (from its plan) and after (from its result)."""

    created: int  # new actors
    combined: int  # rows of the file merged into another actor (of the register or an earlier row)
    updated: int  # actors of the register that gain values
    relations: int  # relations added


def preview_counts(plan: Plan) -> PreviewCounts:
    return PreviewCounts(plan.added, plan.merged, len(plan.batch.updates), len(plan.batch.relations))


def stored_counts(result: BatchResult) -> PreviewCounts:
    """The same counts from what the import stored: equal to :func:`preview_counts` of its plan."""
    return PreviewCounts(result.added, result.combined, result.updated, result.relations)


def _choice(parsed: ParsedActor, duplicate, policy: str, decisions: dict) -> str:
    """The plan's choice for a row (see ``plan_batch``): rows told apart are kept unless decided."""
    if duplicate is None:
        return "keep"
    default = "keep" if duplicate.apart else policy
    return decisions.get((parsed.sheet, parsed.row), decisions.get(parsed.row, default))


def stored_rows(
    preview: ImportPreview,
    plan: Plan,
    existing: list[Actor],
    policy: str = "merge",
    decisions: dict | None = None,
) -> list[StoredRow]:
    """One row per actor the plan adds or combines into, in the file's order.

    ``preview`` and ``existing`` are those the plan was made from (``plan_batch`` leaves the
    duplicates it found on the preview)."""
    decisions = decisions or {}
    duplicates = {(d.sheet, d.row): d for d in preview.duplicates}
    kept: list[ParsedActor] = []
    into_existing: dict[int, list[ParsedActor]] = {}
    for parsed in preview.actors:
        duplicate = duplicates.get((parsed.sheet, parsed.row))
        choice = _choice(parsed, duplicate, policy, decisions)
        if choice == "keep":
            kept.append(parsed)
        elif choice == "merge" and duplicate.existing_id is not None:
            into_existing.setdefault(duplicate.existing_id, []).append(parsed)
    if len(kept) != len(plan.batch.new_actors):  # a plan of another preview: rows without file rows
        kept = []
    merged_into: dict[tuple[str, int], list[int]] = {}
    for merge in plan.merges:
        merged_into.setdefault((merge.into_sheet, merge.into_row), []).append(merge.row)
    ends = Counter(end for source, target, _ in plan.batch.relations for end in (source, target))
    order = {(parsed.sheet, parsed.row): position for position, parsed in enumerate(preview.actors)}
    placed: list[tuple[int, StoredRow]] = []
    for index, actor in enumerate(plan.batch.new_actors):
        source = kept[index] if kept else None
        rows = (source.row, *merged_into.get((source.sheet, source.row), ())) if source else ()
        row = StoredRow("new", actor, source.sheet if source else "", rows, relations=ends[("new", index)])
        placed.append((order.get((row.sheet, rows[0]), index) if rows else index, row))
    updates = {edit.id: edit for edit in plan.batch.updates}
    by_id = {actor.id: actor for actor in existing}
    for actor_id, parsed in into_existing.items():
        base, edit = by_id[actor_id], updates.get(actor_id)
        row = StoredRow(
            "combined",
            replace(base, **edit.changes) if edit else base,
            parsed[0].sheet,
            tuple(p.row for p in parsed),
            existing=base.name,
            changes=tuple(edit.changes) if edit else (),
            relations=ends[("existing", actor_id)],
        )
        placed.append((order[(parsed[0].sheet, parsed[0].row)], row))
    placed.sort(key=lambda item: item[0])
    return [row for _, row in placed]


def action_text(row: StoredRow, lang: str | None = None) -> str:
    """What the import does with the row, in words.

    >>> action_text(StoredRow("new", Actor("A"), "Hoja1", (4, 9, 12)), "es")
    'Nuevo, con las filas 9, 12 del archivo unidas'
    >>> action_text(StoredRow("combined", Actor("A"), existing="Alcaldía de Medellín"), "es")
    'Se combina con «Alcaldía de Medellín» (ya en el registro)'
    """
    if row.action == "combined":
        return t("stored_rows.action.combined", lang, name=row.existing)
    if row.merged_rows:
        rows = ", ".join(str(number) for number in row.merged_rows)
        return t("stored_rows.action.new_merged", lang, rows=rows, count=len(row.merged_rows))
    return t("stored_rows.action.new", lang)


def row_table(
    rows: list[StoredRow],
    term_label: Callable[[str], Callable[[str | None], str]],
    lang: str | None = None,
) -> list[dict[str, object]]:
    """The rows as the table shows them: ``COLUMNS``, classifications in the workspace's words
    (``term_label(vocabulary)(key)``, as ``PageContext.term_label``). Names are the file's text:
    shown as data, never as markup."""
    kinds, sectors, scales, stances = (term_label(v) for v in ("kinds", "sectors", "scales", "stances"))
    return [
        {
            "action": action_text(row, lang),
            "name": row.actor.name,
            "kind": kinds(row.actor.kind),
            "sector": sectors(row.actor.sector),
            "scale": scales(row.actor.scale),
            "stance": stances(STANCE_KEYS.get(row.actor.stance)),
            "influence": row.actor.influence,
            "interest": row.actor.interest,
            "relations": row.relations,
        }
        for row in rows
    ]


def search(rows: list[StoredRow], query: str) -> list[StoredRow]:
    """The rows whose name, or the register's name they combine with, holds ``query`` (accents and
    case aside).

    >>> rows = [StoredRow("new", Actor("Fundación Río")), StoredRow("new", Actor("Otra"))]
    >>> [row.actor.name for row in search(rows, "rio")]
    ['Fundación Río']
    """
    wanted = fold(query)
    if not wanted:
        return rows
    return [row for row in rows if wanted in fold(row.actor.name) or (row.existing and wanted in fold(row.existing))]
