"""The actor register as the screens see it: the workspace at a glance, the filter, and the
editable tables of actors and relations (rows in, edits out)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine

from toolkit.actor_filter import ActorFilter, filter_actors  # noqa: F401 - where the pages and lists import them
from toolkit.cells import cell_value
from toolkit.domain import STANCE_KEYS, STANCE_VALUES, Actor, Relation, quadrant
from toolkit.store.edits import Edit
from toolkit.store.register import list_actors, list_relations
from toolkit.vocab import fold

# -- the workspace at a glance ---------------------------------------------------------------


@dataclass
class Overview:
    actors: int
    relations: int
    by_sector: Counter = field(default_factory=Counter)
    by_scale: Counter = field(default_factory=Counter)
    by_quadrant: Counter = field(default_factory=Counter)
    without_sector: list[str] = field(default_factory=list)
    without_stance: list[str] = field(default_factory=list)
    without_consent: list[str] = field(default_factory=list)  # has contact data but no recorded consent
    isolated: list[str] = field(default_factory=list)


def overview(actors: list[Actor], relations: list[Relation]) -> Overview:
    """Counts and data-quality lists for the home page.

    >>> view = overview([Actor("A", sector="academia", influence=5, interest=5), Actor("B")], [])
    >>> view.by_sector["academia"], view.by_quadrant["manage_closely"], view.without_sector
    (1, 1, ['B'])
    """
    connected = {r.source for r in relations} | {r.target for r in relations}
    result = Overview(actors=len(actors), relations=len(relations))
    for actor in actors:
        result.by_sector[actor.sector or ""] += 1
        result.by_scale[actor.scale or ""] += 1
        result.by_quadrant[quadrant(actor.influence, actor.interest) or ""] += 1
        if not actor.sector:
            result.without_sector.append(actor.name)
        if actor.stance is None:
            result.without_stance.append(actor.name)
        has_contact = any((actor.contact_name, actor.email, actor.phone))
        if has_contact and actor.consent != "yes":
            result.without_consent.append(actor.name)
        if actor.id not in connected:
            result.isolated.append(actor.name)
    return result


def workspace_overview(engine: Engine, workspace_id: int) -> Overview:
    return overview(list_actors(engine, workspace_id), list_relations(engine, workspace_id))


# -- the register table ----------------------------------------------------------------------

TABLE_COLUMNS = (
    "id",
    "version",
    "delete",
    "name",
    "acronym",
    "kind",
    "sector",
    "scale",
    "stance",
    "influence",
    "interest",
    "quadrant",
    "themes",
    "dimensions",
    "country",
    "city",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "notes",
)
EDITABLE_COLUMNS = tuple(c for c in TABLE_COLUMNS if c not in ("id", "version", "delete", "quadrant"))


def all_themes(actors: list[Actor]) -> list[str]:
    """Every theme used in the register, once, sorted."""
    seen: dict[str, str] = {}
    for actor in actors:
        for theme in actor.themes:
            seen.setdefault(fold(theme), theme)
    return sorted(seen.values(), key=fold)


def actor_rows(actors: list[Actor]) -> list[dict[str, object]]:
    """Rows for the editable table (vocabulary keys stay keys; the page shows labels)."""
    return [
        {
            "id": a.id,
            "version": a.version,
            "delete": False,
            "name": a.name,
            "acronym": a.acronym,
            "kind": a.kind,
            "sector": a.sector,
            "scale": a.scale,
            "stance": STANCE_KEYS.get(a.stance),
            "influence": a.influence,
            "interest": a.interest,
            "quadrant": quadrant(a.influence, a.interest),
            "themes": list(a.themes),
            "dimensions": list(a.dimensions),
            "country": a.country,
            "city": a.city,
            "contact_name": a.contact_name,
            "contact_role": a.contact_role,
            "email": a.email,
            "phone": a.phone,
            "consent": a.consent,
            "notes": a.notes,
        }
        for a in actors
    ]


def table_edits(before: list[dict[str, object]], after: list[dict[str, object]]):
    """What the user changed in the table: edits (with the version they saw) and rows marked to delete."""
    original = {row["id"]: row for row in before}
    edits, to_delete = [], []
    for row in after:
        actor_id = cell_value(row.get("id"))
        if actor_id not in original:
            continue
        if cell_value(row.get("delete")):
            to_delete.append(actor_id)
            continue
        old = original[actor_id]
        changes = {}
        for column in EDITABLE_COLUMNS:
            new_value = cell_value(row.get(column))
            if column in ("themes", "dimensions"):
                new_value = [str(v) for v in (new_value or [])]
            elif new_value is None and column not in ("sector", "scale", "stance", "influence", "interest"):
                new_value = ""
            if new_value != cell_value(old.get(column)) and not (
                new_value in ("", []) and old.get(column) in ("", [], None)
            ):
                changes[column] = STANCE_VALUES.get(new_value) if column == "stance" else new_value
        if changes:
            edits.append(Edit(id=actor_id, version=int(old["version"]), changes=changes))
    return edits, to_delete


def relation_rows(relations: list[Relation]) -> list[dict[str, object]]:
    """Rows for the editable relations table (ends are actor ids)."""
    return [
        {
            "id": r.id,
            "version": r.version,
            "delete": False,
            "source": r.source,
            "target": r.target,
            "type": r.type,
            "strength": r.strength,
            "directed": r.directed,
            "description": r.description,
        }
        for r in relations
    ]


def relation_table_edits(before: list[dict[str, object]], after: list[dict[str, object]]):
    """Like :func:`table_edits`, for the relations table."""
    original = {row["id"]: row for row in before}
    edits, to_delete = [], []
    for row in after:
        relation_id = cell_value(row.get("id"))
        if relation_id not in original:
            continue
        if cell_value(row.get("delete")):
            to_delete.append(relation_id)
            continue
        old = original[relation_id]
        changes = {}
        for column in ("source", "target", "type", "strength", "directed", "description"):
            new_value = cell_value(row.get(column))
            if column == "description" and new_value is None:
                new_value = ""
            if column == "directed":
                new_value = bool(new_value)
            if new_value != old.get(column):
                changes[column] = new_value
        if changes:
            edits.append(Edit(id=relation_id, version=int(old["version"]), changes=changes))
    return edits, to_delete
