"""The audit trail: every change to a workspace's data, who made it, when, before and after.

It is recorded by the engine itself (SQLAlchemy's ``before_execute``/``after_execute`` events,
installed by ``open_store``), in the same transaction as the change: a use case cannot forget to
record, and a change rolled back leaves no record. Contact data is personal: the trail notes that
an e-mail or a phone changed, never the values, so deleting an actor deletes its contact data
everywhere (the bin keeps it 30 days, then purges it).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import Connection, Delete, Engine, Insert, Update, event, insert, select

from toolkit import access, clock
from toolkit.domain import PERSONAL_COLUMNS
from toolkit.store import tables as t

# table -> the column that names a row in the feed
LABELS = {
    "actors": "name",
    "consultations": "title",
    "audiences": "name",
    "campaigns": "title",
    "activities": "title",
    "kpis": "name",
    "milestones": "title",
    "indicators": "name",
    "vocab_terms": "label",
    "interactions": "summary",
    "map_views": "title",
    "stories": "title",
    "story_slides": "title",
    "questionnaire_questions": "text",
    "districts_maps": "file_name",
    "strategy_objectives": "title",
}
# rows named after the row they point to: table -> (column, parent table)
PARENTS = {
    "participants": ("actor_id", "actors"),
    "contributions": ("actor_id", "actors"),
    "audience_members": ("actor_id", "actors"),
    "campaign_audiences": ("audience_id", "audiences"),
    "kpi_measurements": ("kpi_id", "kpis"),
    "indicator_measurements": ("indicator_id", "indicators"),
    "relations": ("source_id", "actors"),
    "memberships": ("user_id", "users"),
    "interaction_actors": ("actor_id", "actors"),
    "assessments": ("actor_id", "actors"),
    "questionnaires": ("consultation_id", "consultations"),
    "strategy_positions": ("actor_id", "actors"),
    "strategy_influences": ("source_id", "actors"),
    "salience_assessments": ("actor_id", "actors"),
}
# audited without a name of their own: the links sent, a participant's answers, the SDG tags
UNNAMED = {"questionnaire_links", "questionnaire_responses", "questionnaire_answers", "sdg_tags"}
AUDITED = set(LABELS) | set(PARENTS) | UNNAMED  # not the map's saved layout: how it looks, not data
PERSONAL = set(PERSONAL_COLUMNS) | {"attendee"}
# a link's token hash, a visit's key and address stay out; the districts' GeoJSON is named by its file
HIDDEN = {"id", "workspace_id", "version", "revision", "password_hash", "token_hash", "visitor", "client", "geojson"}
REDACTED = "•••"
# an insert of more rows than this at once (an import) is one entry that counts them
MANY = 25
SKIP = "hoja_audit_skip"  # execution option: a statement the caller records itself (a restore)
QUIET = "hoja_audit_quiet"  # connection.info key: see summarised()


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _visible(row: dict) -> dict:
    return {
        key: (REDACTED if key in PERSONAL and value not in (None, "") else _plain(value))
        for key, value in row.items()
        if key not in HIDDEN
    }


def _label(connection: Connection, table: str, row: dict) -> str:
    if table in LABELS:
        return str(row.get(LABELS[table]) or row.get("key") or "")[:300]
    if table in PARENTS:
        column, parent = PARENTS[table]
        parent_table = t.metadata.tables[parent]
        name = "username" if parent == "users" else LABELS[parent]
        value = row.get(column)
        if value is None:
            return ""
        found = connection.execute(
            select(parent_table.c[name]).where(parent_table.c.id == value).execution_options(**{SKIP: True})
        ).scalar()
        if table in ("relations", "strategy_influences") and row.get("target_id") is not None:
            target = connection.execute(
                select(t.actors.c.name).where(t.actors.c.id == row["target_id"]).execution_options(**{SKIP: True})
            ).scalar()
            return f"{found or ''} → {target or ''}"[:300]
        return str(found or "")[:300]
    return ""


def record(
    connection: Connection,
    workspace_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
    label: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """Write one entry of the trail inside the caller's transaction, as the person acting."""
    person = access.current()
    connection.execute(
        insert(t.audit_log).values(
            workspace_id=workspace_id,
            at=clock.now(),
            user_id=person.user_id,
            username=person.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            label=label[:300],
            before=before,
            after=after,
        )
    )


def _table_of(statement) -> str | None:
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    return name if name in AUDITED else None


def _skipped(statement, connection=None) -> bool:
    if connection is not None and connection.info.get(QUIET):
        return True
    return bool(statement.get_execution_options().get(SKIP))


@contextmanager
def summarised(connection: Connection, workspace_id: int, action: str, label: str = ""):
    """Inside the block, the rows written through ``connection`` make one entry (``action``: loading
    the sample, restoring a backup) instead of one each."""
    connection.info[QUIET] = True
    try:
        yield
    finally:
        connection.info.pop(QUIET, None)
    record(connection, workspace_id, action, "workspaces", workspace_id, label)


def _before(connection, statement, multiparams, params, execution_options):
    if (
        isinstance(statement, (Update, Delete))
        and (name := _table_of(statement))
        and not _skipped(statement, connection)
    ):
        table = t.metadata.tables[name]
        query = select(table)
        if statement.whereclause is not None:
            query = query.where(statement.whereclause)
        rows = [dict(row) for row in connection.execute(query.execution_options(**{SKIP: True})).mappings()]
        connection.info.setdefault("hoja_audit", {})[id(statement)] = rows
    return statement, multiparams, params


def _after(connection, statement, multiparams, params, execution_options, result):
    if not isinstance(statement, (Insert, Update, Delete)) or _skipped(statement, connection):
        return
    name = _table_of(statement)
    if name is None:
        return
    table = t.metadata.tables[name]
    if isinstance(statement, Insert):
        parameters = result.context.compiled_parameters or []
        if len(parameters) > MANY:  # an import: one entry that counts, without copying every row
            record(
                connection,
                parameters[0].get("workspace_id"),
                "insert_many",
                name,
                None,
                after={"count": len(parameters)},
            )
            return
        rows = [dict(row) for row in parameters]
        for row in rows:
            if len(rows) == 1 and result.inserted_primary_key:
                row["id"] = result.inserted_primary_key[0]
            record(
                connection,
                row.get("workspace_id"),
                "insert",
                name,
                row.get("id"),
                _label(connection, name, row),
                after=_visible(row),
            )
        return
    before = connection.info.get("hoja_audit", {}).pop(id(statement), [])
    if isinstance(statement, Delete):
        for row in before:
            record(
                connection,
                row.get("workspace_id"),
                "delete",
                name,
                row.get("id"),
                _label(connection, name, row),
                before=_visible(row),
            )
        return
    if not before:
        return
    key = table.primary_key.columns.values()[0]
    after = {
        row[key.name]: dict(row)
        for row in connection.execute(
            select(table).where(key.in_([row[key.name] for row in before])).execution_options(**{SKIP: True})
        ).mappings()
    }
    for old in before:
        new = after.get(old[key.name])
        if new is None:
            continue
        changed = [column for column in new if column not in HIDDEN and new[column] != old[column]]
        if not changed:
            continue
        record(
            connection,
            new.get("workspace_id"),
            "update",
            name,
            new.get("id"),
            _label(connection, name, new),
            before=_visible({c: old[c] for c in changed}),
            after=_visible({c: new[c] for c in changed}),
        )


def install(engine: Engine) -> None:
    """Record every change made through ``engine`` (``open_store`` calls this)."""
    event.listen(engine, "before_execute", _before, retval=True)
    event.listen(engine, "after_execute", _after)
