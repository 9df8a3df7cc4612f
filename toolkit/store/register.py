"""The actor register: read, add, edit (with conflict detection), delete, import in one transaction."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from operator import itemgetter

from sqlalchemy import JSON, Connection, Engine, Text, and_, cast, delete, exists, false, func, insert, or_, select

from toolkit.actor_filter import ActorFilter, search_words, themes_match, wanted_themes, words_match
from toolkit.domain import HIGH_LEVEL, PLACE_SOURCES, Actor, Relation
from toolkit.i18n import label
from toolkit.store import audit, bin
from toolkit.store.columns import checked, clean_values, fits
from toolkit.store.edits import Edit, SaveResult, apply_edits, save_edits
from toolkit.store.engine import StoreError
from toolkit.store.reassessments import EDIT_REASON, record_change
from toolkit.store.strategy_filter import salience_condition
from toolkit.store.tables import actors, interaction_actors, interactions, relations, vocab_terms, workspaces
from toolkit.store.workspaces import reading, writing
from toolkit.vocab import fold

ACTOR_FIELDS = tuple(f.name for f in fields(Actor) if f.name not in ("id", "version"))
RELATION_FIELDS = ("type", "strength", "directed", "description", "starts_on", "ends_on")
EDITABLE_RELATION_FIELDS = ("source", "target", *RELATION_FIELDS)


def _actor(row) -> Actor:
    values = {name: getattr(row, name) for name in ACTOR_FIELDS}
    return Actor(**values, id=row.id, version=row.version)


def _relation(row) -> Relation:
    return Relation(
        source=row.source_id,
        target=row.target_id,
        type=row.type,
        strength=row.strength,
        directed=row.directed,
        description=row.description,
        id=row.id,
        version=row.version,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        custom=dict(row.custom or {}),
        reported_by=row.reported_by,
        report_status=row.report_status,
    )


def actor_values(actor: Actor) -> dict[str, object]:
    values = dict(vars(actor))
    del values["id"], values["version"]
    values["themes"] = list(values["themes"] or [])
    values["dimensions"] = list(values["dimensions"] or [])
    values["custom"] = dict(values["custom"] or {})
    return values


def validate_actor(values: dict[str, object]) -> dict[str, object]:
    """Clean and check one actor's fields (a name is required; levels in range; texts fit their columns)."""
    cleaned = clean_values(values)
    if "name" in cleaned:
        cleaned["name"] = " ".join(str(cleaned["name"] or "").split())
        if not cleaned["name"]:
            raise StoreError("actor_name_required")
    for level in ("influence", "interest"):
        if level in cleaned and cleaned[level] is not None:
            value = int(cleaned[level])
            if not 1 <= value <= 5:
                raise StoreError("level_out_of_range", field=level)
            cleaned[level] = value
    if cleaned.get("stance") is not None:
        stance = int(cleaned["stance"])
        if not -2 <= stance <= 2:
            raise StoreError("stance_out_of_range")
        cleaned["stance"] = stance
    for text in (
        "acronym",
        "country",
        "city",
        "contact_name",
        "contact_role",
        "email",
        "phone",
        "consent_source",
        "notes",
        "district",
        "address",
    ):
        if text in cleaned:
            cleaned[text] = "" if cleaned[text] is None else str(cleaned[text])
    if cleaned.get("consent") not in (None, "yes", "no", "unknown"):
        raise StoreError("bad_consent")
    if cleaned.get("consent") is None and "consent" in cleaned:
        cleaned["consent"] = "unknown"
    if (
        "consent_date" in cleaned
        and cleaned["consent_date"] is not None
        and not isinstance(cleaned["consent_date"], date)
    ):
        raise StoreError("bad_date")
    _check_place(cleaned)
    return fits(actors, cleaned)  # cleaned above already


def _check_place(cleaned: dict[str, object]) -> None:
    """Degrees in range (a latitude within ±90, a longitude within ±180) and a known source (issue 19)."""
    for name, limit in (("latitude", 90), ("longitude", 180)):
        if cleaned.get(name) is not None:
            try:
                value = float(cleaned[name])
            except (TypeError, ValueError):
                raise StoreError("bad_coordinate") from None
            if not -limit <= value <= limit:
                raise StoreError("bad_coordinate")
            cleaned[name] = value
    if "place_source" in cleaned:
        cleaned["place_source"] = cleaned["place_source"] or ""
        if cleaned["place_source"] not in ("", *PLACE_SOURCES):
            raise StoreError("bad_place_source")


def list_actors(engine: Engine, workspace_id: int) -> list[Actor]:
    with reading(engine, workspace_id) as connection:
        return actors_in(connection, workspace_id)


def actors_in(connection: Connection, workspace_id: int) -> list[Actor]:
    """The workspace's actors as the caller's transaction sees them (an import plans on them
    after locking the workspace), by name."""
    rows = connection.execute(select(actors).where(actors.c.workspace_id == workspace_id).order_by(actors.c.name)).all()
    return [_actor(row) for row in rows]


# the orders the register can be read in: (column, highest first); ties go by name, then by id
ACTOR_SORTS = {
    "name": ("name", False),
    "name_desc": ("name", True),
    "newest": ("id", True),
    "influence": ("influence", True),
    "interest": ("interest", True),
    "stance": ("stance", True),
    "sector": ("sector", False),
    "scale": ("scale", False),
}


def list_actors_page(
    engine: Engine, workspace_id: int, wanted: ActorFilter, sort: str = "name", offset: int = 0, limit: int = 100
) -> tuple[list[Actor], int]:
    """One page of the register, searched, filtered and sorted in the store: ``limit`` actors from
    ``offset`` and how many match in all.

    The filter means what :func:`toolkit.actor_filter.filter_actors` means: the chosen sectors,
    scales, stances and quadrants and the data-quality list (``missing``) are matched by the
    database; the search words and themes (matched without case or accents) over the matching
    actors' texts only, so a 20,000-actor register reads one page of whole rows. An unknown
    ``sort`` reads by name.
    """
    if searches(wanted):
        ids = matching_actor_ids(engine, workspace_id, wanted, sort)
        return actors_by_ids(engine, workspace_id, ids[offset : offset + limit]), len(ids)
    query = _listing(workspace_id, wanted, sort)
    with reading(engine, workspace_id) as connection:
        total = connection.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar()
        ids = list(connection.execute(query.offset(offset).limit(limit)).scalars())
    return actors_by_ids(engine, workspace_id, ids), total


def searches(wanted: ActorFilter) -> bool:
    """Whether the filter has search words or themes (matched in Python over every candidate)."""
    return bool(search_words(wanted.query) or wanted_themes(wanted))


def matching_actor_ids(engine: Engine, workspace_id: int, wanted: ActorFilter, sort: str = "name") -> list[int]:
    """The ids of every actor the filter keeps, in the order asked for (ids only: a page can keep
    them for the workspace's revision without holding anyone's data)."""
    words, themes = search_words(wanted.query), wanted_themes(wanted)
    # the themes' JSON as text, decoded by json.loads: SQLAlchemy's JSON type costs four times as much
    texts = (actors.c.name, actors.c.acronym, actors.c.city, actors.c.country, actors.c.notes)
    query = _listing(workspace_id, wanted, sort).add_columns(*texts, cast(actors.c.themes, Text).label("themes_text"))
    ids = []
    with reading(engine, workspace_id) as connection:
        for row in connection.execute(query):
            listed = json.loads(row.themes_text or "[]")
            if words and not words_match(words, [row.name, row.acronym, row.city, row.country, *listed, row.notes]):
                continue
            if themes and not themes_match(themes, listed):
                continue
            ids.append(row.id)
    return ids


def actors_by_ids(engine: Engine, workspace_id: int, ids: list[int]) -> list[Actor]:
    """The workspace's actors of these ids, in the order given (ids of other workspaces are skipped)."""
    if not ids:
        return []
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(actors).where(actors.c.workspace_id == workspace_id, actors.c.id.in_(ids))
        ).all()
    place = {actor_id: n for n, actor_id in enumerate(ids)}
    return sorted((_actor(row) for row in rows), key=lambda actor: place[actor.id])


def _listing(workspace_id: int, wanted: ActorFilter, sort: str):
    """The ids the database's part of the filter keeps, in the order asked for."""
    column, descending = ACTOR_SORTS.get(sort, ACTOR_SORTS["name"])
    order = actors.c[column].desc() if descending else actors.c[column].asc()
    ties = [actors.c.name, actors.c.id] if column != "id" else []
    return (
        select(actors.c.id)
        .where(actors.c.workspace_id == workspace_id, *_chosen(wanted))
        .order_by(order.nulls_last(), *ties)
    )


def _chosen(wanted: ActorFilter) -> list:
    """The filter's choices the database matches: sectors, scales, stances, quadrants, missing."""

    def one_of(column, values) -> object:
        known = [value for value in values if value is not None]
        either = [column.in_(known)] if known else []
        return or_(*either, column.is_(None)) if None in values else either[0]

    conditions = [
        one_of(actors.c[name], values)
        for name, values in (("sector", wanted.sectors), ("scale", wanted.scales), ("stance", wanted.stances))
        if values
    ]
    if wanted.quadrants:
        conditions.append(or_(*(_in_quadrant(name) for name in wanted.quadrants)))
    if wanted.missing:
        conditions.append(_lacking(wanted.missing))
    if wanted.salience:  # the class of each actor's latest salience judgement (issue 20)
        conditions.append(salience_condition(wanted.salience))
    return conditions


def _lacking(missing: str) -> object:
    """Actors on one data-quality list, as :func:`toolkit.actor_filter.lacks` puts them there (an
    unknown list keeps nobody, so a mistyped link never shows the whole register as if it were one)."""
    if missing == "sector":
        return or_(actors.c.sector.is_(None), actors.c.sector == "")
    if missing == "stance":
        return actors.c.stance.is_(None)
    if missing == "consent":
        has_contact = or_(actors.c.contact_name != "", actors.c.email != "", actors.c.phone != "")
        return and_(has_contact, actors.c.consent != "yes")
    if missing == "isolated":
        ends = or_(relations.c.source_id == actors.c.id, relations.c.target_id == actors.c.id)
        return ~exists().where(relations.c.workspace_id == actors.c.workspace_id, ends)
    return false()


def _in_quadrant(name: str | None) -> object:
    """Actors whose influence and interest put them in a quadrant (None: a level unknown), as
    :func:`toolkit.domain.quadrant` places them."""
    influence, interest = actors.c.influence, actors.c.interest
    if name is None:
        return or_(influence.is_(None), interest.is_(None))
    high_power = influence >= HIGH_LEVEL if name in ("manage_closely", "keep_satisfied") else influence < HIGH_LEVEL
    high_interest = interest >= HIGH_LEVEL if name in ("manage_closely", "keep_informed") else interest < HIGH_LEVEL
    return and_(high_power, high_interest)


def actor_count(engine: Engine, workspace_id: int) -> int:
    """How many actors the workspace holds."""
    with reading(engine, workspace_id) as connection:
        return connection.execute(
            select(func.count()).select_from(actors).where(actors.c.workspace_id == workspace_id)
        ).scalar()


def actor_themes(engine: Engine, workspace_id: int) -> list[str]:
    """Every theme used in the register, once (as first written), sorted without case or accents."""
    with reading(engine, workspace_id) as connection:
        listed = cast(actors.c.themes, Text)
        lists = connection.execute(
            select(listed)
            .where(actors.c.workspace_id == workspace_id)
            .group_by(listed)
            .order_by(func.min(actors.c.id))  # the spelling of the first actor that used a theme
        ).scalars()
        seen: dict[str, str] = {}
        for themes in lists:  # each distinct list once, decoded by json.loads (see matching_actor_ids)
            for theme in json.loads(themes or "[]"):
                seen.setdefault(fold(theme), theme)
    return sorted(seen.values(), key=fold)


def list_relations(engine: Engine, workspace_id: int) -> list[Relation]:
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(relations).where(relations.c.workspace_id == workspace_id).order_by(relations.c.id)
        ).all()
    return [_relation(row) for row in rows]


def _require_workspace(connection: Connection, workspace_id: int) -> None:
    """Check the workspace exists, locking its row on PostgreSQL (call it first, like ``lock_workspace``)."""
    found = connection.execute(select(workspaces.c.id).where(workspaces.c.id == workspace_id).with_for_update()).first()
    if found is None:
        raise StoreError("workspace_not_found")


def add_actor(engine: Engine, workspace_id: int, actor: Actor) -> int:
    """Add one actor; returns its id."""
    values = validate_actor(actor_values(actor))
    with writing(engine, workspace_id) as connection:
        new_id = connection.execute(
            insert(actors).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
    return new_id


def save_actor_edits(engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()) -> SaveResult:
    """Edits made in the register's table and the actors marked to delete, all or nothing in one
    transaction.

    Each edit carries the version the user saw; if someone else saved that actor in between (or
    deleted it), nothing is written or deleted and the result names the conflicts. Deleted actors
    go to the bin with their relations (see :func:`delete_actors`). A changed influence, interest or
    stance is recorded in the actor's assessment history, dated today (reason "edit").
    """

    def apply(connection: Connection) -> SaveResult:
        def check(row, changes: dict[str, object]) -> dict[str, object]:
            values = validate_actor(changes)
            record_change(connection, workspace_id, row, values, EDIT_REASON)
            return values

        return apply_edits(
            connection,
            workspace_id,
            actors,
            edits,
            to_delete,
            fields=ACTOR_FIELDS,
            validate=check,
            label=lambda row: row.name,
            label_missing=lambda edit: str(edit.changes.get("name") or edit.id),
            remove=remove_actors,
        )

    return save_edits(engine, workspace_id, edits, to_delete, apply)


def remove_actors(connection: Connection, workspace_id: int, actor_ids: list[int]) -> int:
    """Put actors in the bin and delete them with their relations and contact data, inside the
    caller's write to the workspace; returns how many were deleted."""
    bin.put(connection, workspace_id, "actors", actor_ids)
    connection.execute(
        delete(relations).where(
            relations.c.workspace_id == workspace_id,
            or_(relations.c.source_id.in_(actor_ids), relations.c.target_id.in_(actor_ids)),
        )
    )
    deleted = connection.execute(
        delete(actors).where(actors.c.workspace_id == workspace_id, actors.c.id.in_(actor_ids))
    ).rowcount
    # their interaction links and assessments went with them (on delete cascade); an interaction
    # left with no actor goes too (the bin holds it with the actor)
    linked = exists().where(interaction_actors.c.interaction_id == interactions.c.id)
    connection.execute(delete(interactions).where(interactions.c.workspace_id == workspace_id, ~linked))
    return deleted


def delete_actors(engine: Engine, workspace_id: int, actor_ids: list[int]) -> int:
    """Delete actors with their relations and contact data; returns how many were deleted."""
    if not actor_ids:
        return 0
    with writing(engine, workspace_id) as connection:
        return remove_actors(connection, workspace_id, actor_ids)


def _check_relation(connection: Connection, workspace_id: int, values: dict[str, object]) -> dict[str, object]:
    cleaned = clean_values(values)
    if "strength" in cleaned:
        strength = int(cleaned["strength"] or 2)
        if not 1 <= strength <= 3:
            raise StoreError("strength_out_of_range")
        cleaned["strength"] = strength
    if "directed" in cleaned:
        cleaned["directed"] = bool(cleaned["directed"])
    if "description" in cleaned:
        cleaned["description"] = "" if cleaned["description"] is None else str(cleaned["description"])
    for name in ("starts_on", "ends_on"):
        if name in cleaned and cleaned[name] is not None and not isinstance(cleaned[name], date):
            raise StoreError("bad_date")
    if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["starts_on"] > cleaned["ends_on"]:
        raise StoreError("relation_dates")
    cleaned = checked(relations, cleaned)
    ends = [cleaned.get(end) for end in ("source_id", "target_id") if end in cleaned]
    if any(end is None for end in ends):
        raise StoreError("relation_ends_required")
    if ends:
        found = (
            connection.execute(select(actors.c.id).where(actors.c.workspace_id == workspace_id, actors.c.id.in_(ends)))
            .scalars()
            .all()
        )
        if set(ends) - set(found):
            raise StoreError("relation_ends_required")
    if cleaned.get("source_id") is not None and cleaned.get("source_id") == cleaned.get("target_id"):
        raise StoreError("relation_to_itself")
    return cleaned


def add_relation(engine: Engine, workspace_id: int, relation: Relation) -> int:
    with writing(engine, workspace_id) as connection:
        values = _check_relation(
            connection,
            workspace_id,
            {
                "source_id": relation.source,
                "target_id": relation.target,
                "type": relation.type,
                "strength": relation.strength,
                "directed": relation.directed,
                "description": relation.description,
                "starts_on": relation.starts_on,
                "ends_on": relation.ends_on,
                "custom": relation.custom or {},
            },
        )
        _refuse_repeated(connection, workspace_id, values)
        new_id = connection.execute(
            insert(relations).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
    return new_id


def _refuse_repeated(connection: Connection, workspace_id: int, values: dict[str, object]) -> None:
    """Refuse a relation the register already holds: same actors, same type (either way round when
    either one is undirected)."""
    source, target, directed = values["source_id"], values["target_id"], values.get("directed", False)
    same_way = (relations.c.source_id == source) & (relations.c.target_id == target)
    other_way = (relations.c.source_id == target) & (relations.c.target_id == source)
    if directed:
        other_way = other_way & ~relations.c.directed
    found = connection.execute(
        select(relations.c.id).where(
            relations.c.workspace_id == workspace_id,
            relations.c.type == values.get("type", "cooperation"),
            or_(same_way, other_way),
        )
    ).first()
    if found is None:
        return
    names = dict(connection.execute(select(actors.c.id, actors.c.name).where(actors.c.id.in_([source, target]))).all())
    kind = str(values.get("type", "cooperation"))
    custom = connection.execute(
        select(vocab_terms.c.label).where(
            vocab_terms.c.workspace_id == workspace_id,
            vocab_terms.c.vocabulary == "relation_types",
            vocab_terms.c.key == kind,
        )
    ).scalar()
    raise StoreError(
        "relation_exists",
        source=names.get(source, ""),
        target=names.get(target, ""),
        type=label("relation_types", kind, {kind: custom or ""}),
    )


def save_relation_edits(engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()) -> SaveResult:
    """Like :func:`save_actor_edits`, for relations (``source``/``target`` are actor ids)."""

    def apply(connection: Connection) -> SaveResult:
        def check(row, changes: dict[str, object]) -> dict[str, object]:
            if "source" in changes:
                changes["source_id"] = changes.pop("source")
            if "target" in changes:
                changes["target_id"] = changes.pop("target")
            return _check_relation(connection, workspace_id, changes)

        return apply_edits(
            connection, workspace_id, relations, edits, to_delete, fields=EDITABLE_RELATION_FIELDS, validate=check
        )

    return save_edits(engine, workspace_id, edits, to_delete, apply)


def delete_relations(engine: Engine, workspace_id: int, relation_ids: list[int]) -> int:
    if not relation_ids:
        return 0
    with writing(engine, workspace_id) as connection:
        done = connection.execute(
            delete(relations).where(relations.c.workspace_id == workspace_id, relations.c.id.in_(relation_ids))
        )
    return done.rowcount


def insert_actors(connection: Connection, workspace_id: int, rows: list[dict[str, object]]) -> list[int]:
    """Insert actors into a workspace locked by ``lock_workspace``; their ids in the order given.

    Nobody else can add to the workspace until this transaction ends, and ids count up in the
    order rows are inserted (SQLite's rowid, PostgreSQL's sequence), so the new rows are the
    workspace's n highest ids. The names are checked against the rows, so a driver that ever
    inserted out of order would fail the import instead of tying relations to the wrong actors.
    (``RETURNING`` with ``sort_by_parameter_order`` is 4-5 times slower on PostgreSQL.)
    """
    _insert_rows(connection, rows)
    found = connection.execute(
        select(actors.c.id, actors.c.name)
        .where(actors.c.workspace_id == workspace_id)
        .order_by(actors.c.id.desc())
        .limit(len(rows))
    ).all()
    found.reverse()
    if [row.name for row in found] != [row["name"] for row in rows]:
        raise RuntimeError("new actors' ids could not be matched to the imported rows")
    return [row.id for row in found]


def _insert_rows(connection: Connection, rows: list[dict[str, object]]) -> None:
    """``insert(actors)`` of ``rows``, recorded in the trail as SQLAlchemy's would be; an import's
    thousands of rows go through one prepared statement of the driver, with each distinct list or
    dict encoded to JSON once (SQLAlchemy encoded every row's themes, dimensions and custom fields,
    and building its parameters took longer than SQLite's write: benchmarks/README.md, "Importing")."""
    columns = [column.name for column in actors.c if column.name != "id"]
    if (
        len(rows) <= audit.MANY  # a few rows: the trail records each one, through SQLAlchemy
        or set(rows[0]) != set(columns)  # a column left to its default: SQLAlchemy fills it in
        or any(len(row) != len(columns) for row in rows)
    ):
        connection.execute(insert(actors), rows)
        return
    dialect = connection.dialect
    statement = insert(actors).compile(dialect=dialect, column_keys=columns)
    names = list(statement.positiontup) if statement.positional else columns
    converters = []
    for index, name in enumerate(names):
        column_type = actors.c[name].type
        if isinstance(column_type, JSON):
            converters.append((index, _json_encoder(dialect)))
        elif (process := column_type.dialect_impl(dialect).bind_processor(dialect)) is not None:
            converters.append((index, process))
    values_of = itemgetter(*names)
    parameters = []
    for row in rows:
        try:
            values = list(values_of(row))
        except KeyError:  # rows of different columns: as SQLAlchemy takes them
            connection.execute(insert(actors), rows)
            return
        for index, convert in converters:
            values[index] = convert(values[index])
        parameters.append(tuple(values) if statement.positional else dict(zip(names, values, strict=True)))
    connection.exec_driver_sql(statement.string, parameters)
    if not connection.info.get(audit.QUIET):  # what audit's after_execute records for many rows
        audit.record(connection, rows[0]["workspace_id"], "insert_many", actors.name, None, after={"count": len(rows)})


def _json_encoder(dialect):
    """A function giving the JSON text the dialect's JSON type writes for a value (None too: the
    JSON ``null``), encoded once per distinct list or dict of texts (an import's rows repeat the
    same few theme lists)."""
    serialise = getattr(dialect, "_json_serializer", None) or json.dumps
    lists: dict[tuple, str] = {}
    dicts: dict[tuple, str] = {}

    def encode(value: object) -> str:
        kind = type(value)
        if kind is list and all(type(item) is str for item in value):
            known, key = lists, tuple(value)
        elif kind is dict and all(type(k) is str and type(v) is str for k, v in value.items()):
            known, key = dicts, tuple(value.items())
        else:  # numbers, nested values: as they come
            return serialise(value)
        found = known.get(key)
        if found is None:
            found = known[key] = serialise(value)
        return found

    return encode
