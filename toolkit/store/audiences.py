"""Audiences: segments of the register and publics outside it. One function per thing a user does.

Every write opens one transaction, locks the workspace (bumping its revision), checks, writes and
says what it did. Refusals are :class:`StoreError` whose reason is a catalog key under
``audiences.errors.`` (or the shared ``errors.`` for the workspace).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, insert, select, update

from toolkit.domain import (
    AUDIENCE_KINDS,
    PRIORITIES,
    QUADRANTS,
    RULE_CRITERIA,
    STANCE_VALUES,
    Audience,
    AudienceMember,
    AudienceRule,
)
from toolkit.store.columns import checked, clean_values
from toolkit.store.engine import StoreError
from toolkit.store.tables import actors, audience_members, audiences
from toolkit.store.workspaces import reading, require_in_workspace, writing

MAX_NAME = 300
MAX_SIZE = 2_000_000_000  # more people than any public a city addresses
AUDIENCE_FIELDS = (
    "name",
    "kind",
    "description",
    "rule",
    "estimated_size",
    "influence",
    "interest",
    "knowledge",
    "attitude",
    "needs",
    "barriers",
    "priority",
    "messages",
    "channels",
)

# where a member points: ("existing", actor id) or ("new", index into the batch's new actors)
ActorRef = tuple[str, int]


def _audience(row) -> Audience:
    return Audience(
        name=row.name,
        kind=row.kind,
        description=row.description,
        rule=AudienceRule.from_dict(row.rule),
        estimated_size=row.estimated_size,
        influence=row.influence,
        interest=row.interest,
        knowledge=row.knowledge,
        attitude=row.attitude,
        needs=row.needs,
        barriers=row.barriers,
        priority=row.priority,
        messages=list(row.messages or []),
        channels=list(row.channels or []),
        id=row.id,
        version=row.version,
    )


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _whole(value: object, reason: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise StoreError(reason) from error
    if not number.is_integer() or not low <= number <= high:
        raise StoreError(reason)
    return int(number)


def _words(values: object) -> list[str]:
    """A list of short texts without blanks or repeats, in the order given."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return list(dict.fromkeys(" ".join(str(v).split()) for v in values if str(v).strip()))


def validate_rule(rule: AudienceRule) -> AudienceRule:
    """Check a rule's vocabulary: stances and quadrants are fixed lists; communities are numbers."""
    if not isinstance(rule, AudienceRule):
        raise StoreError("bad_rule")
    if set(rule.stances) - set(STANCE_VALUES) or set(rule.quadrants) - set(QUADRANTS):
        raise StoreError("bad_rule")
    if any(c < 0 for c in rule.communities):
        raise StoreError("bad_rule")
    return AudienceRule(**{name: tuple(dict.fromkeys(getattr(rule, name))) for name in RULE_CRITERIA})


def validate_audience(values: dict[str, object]) -> dict[str, object]:
    """Clean and check an audience's fields; raises ``StoreError`` with the reason."""
    cleaned = clean_values(values)
    if "name" in cleaned:
        cleaned["name"] = " ".join(_text(cleaned["name"]).split())
        if not cleaned["name"]:
            raise StoreError("name_required")
        if len(cleaned["name"]) > MAX_NAME:
            raise StoreError("name_too_long", limit=MAX_NAME)
    if "kind" in cleaned and cleaned["kind"] not in AUDIENCE_KINDS:
        raise StoreError("bad_kind")
    if "priority" in cleaned and cleaned["priority"] not in PRIORITIES:
        raise StoreError("bad_priority")
    for name in ("description", "knowledge", "attitude", "needs", "barriers"):
        if name in cleaned:
            cleaned[name] = _text(cleaned[name])
    if "estimated_size" in cleaned:
        cleaned["estimated_size"] = _whole(cleaned["estimated_size"], "bad_size", 0, MAX_SIZE)
    for name in ("influence", "interest"):
        if name in cleaned:
            cleaned[name] = _whole(cleaned[name], "level_out_of_range", 1, 5)
    for name in ("messages", "channels"):
        if name in cleaned:
            cleaned[name] = _words(cleaned[name])
    if "rule" in cleaned:
        cleaned["rule"] = validate_rule(cleaned["rule"])
    return checked(audiences, cleaned)


def _row_values(audience: Audience) -> dict[str, object]:
    values = validate_audience({name: getattr(audience, name) for name in AUDIENCE_FIELDS})
    if values["kind"] == "public":  # a public outside the register has no rule
        values["rule"] = AudienceRule()
    values["rule"] = values["rule"].as_dict()
    return values


def _require_audience(connection: Connection, workspace_id: int, audience_id) -> None:
    require_in_workspace(connection, audiences, workspace_id, [audience_id], "audience_not_found")


def _require_actors(connection: Connection, workspace_id: int, actor_ids) -> None:
    require_in_workspace(connection, actors, workspace_id, actor_ids, "actor_not_found")


# -- reading ---------------------------------------------------------------------------------


def list_audiences(engine: Engine, workspace_id: int) -> list[Audience]:
    """The workspace's audiences in the order they were created."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(audiences).where(audiences.c.workspace_id == workspace_id).order_by(audiences.c.id)
        ).all()
    return [_audience(row) for row in rows]


def list_audience_members(engine: Engine, workspace_id: int) -> list[AudienceMember]:
    """The hand adjustments of every segment (added, or left out of what the rule takes)."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(audience_members)
            .where(audience_members.c.workspace_id == workspace_id)
            .order_by(audience_members.c.id)
        ).all()
    return [
        AudienceMember(audience_id=row.audience_id, actor_id=row.actor_id, included=row.included, id=row.id)
        for row in rows
    ]


# -- use cases -------------------------------------------------------------------------------


def create_audience(engine: Engine, workspace_id: int, audience: Audience, actor_ids: list[int] | None = None) -> int:
    """Describe a new audience (with actors chosen by hand, for a segment); returns its id."""
    values = _row_values(audience)
    chosen = list(dict.fromkeys(actor_ids or [])) if values["kind"] == "segment" else []
    with writing(engine, workspace_id) as connection:
        _require_actors(connection, workspace_id, set(chosen))
        new_id = connection.execute(
            insert(audiences).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
        if chosen:
            connection.execute(
                insert(audience_members),
                [
                    {"workspace_id": workspace_id, "audience_id": new_id, "actor_id": actor_id, "included": True}
                    for actor_id in chosen
                ],
            )
    return new_id


def update_audience(engine: Engine, workspace_id: int, audience: Audience) -> None:
    """Save an audience as edited from ``audience.version``; refused if someone saved it in between."""
    values = _row_values(audience)
    with writing(engine, workspace_id) as connection:
        done = connection.execute(
            update(audiences)
            .where(
                audiences.c.id == audience.id,
                audiences.c.workspace_id == workspace_id,
                audiences.c.version == audience.version,
            )
            .values(version=audiences.c.version + 1, **values)
        )
        if not done.rowcount:
            _require_audience(connection, workspace_id, audience.id)
            raise StoreError("audience_changed")
        if values["kind"] == "public":
            connection.execute(delete(audience_members).where(audience_members.c.audience_id == audience.id))


@dataclass
class AdjustResult:
    added: int = 0
    excluded: int = 0
    cleared: int = 0


def adjust_members(
    engine: Engine,
    workspace_id: int,
    audience_id: int,
    add: list[int] | None = None,
    exclude: list[int] | None = None,
    clear: list[int] | None = None,
) -> AdjustResult:
    """Adjust a segment by hand: ``add`` actors to it, ``exclude`` actors its rule takes, or
    ``clear`` earlier adjustments (the rule decides again)."""
    add, exclude, clear = (list(dict.fromkeys(ids or [])) for ids in (add, exclude, clear))
    if set(add) & set(exclude):
        raise StoreError("add_and_exclude")
    result = AdjustResult()
    with writing(engine, workspace_id) as connection:
        kind = connection.execute(
            select(audiences.c.kind).where(audiences.c.id == audience_id, audiences.c.workspace_id == workspace_id)
        ).scalar()
        if kind is None:
            raise StoreError("audience_not_found")
        if kind == "public" and (add or exclude):
            raise StoreError("public_has_no_members")
        _require_actors(connection, workspace_id, set(add) | set(exclude))
        if clear:
            result.cleared = connection.execute(
                delete(audience_members).where(
                    audience_members.c.audience_id == audience_id, audience_members.c.actor_id.in_(clear)
                )
            ).rowcount
        if add or exclude:  # a new adjustment replaces the earlier one
            connection.execute(
                delete(audience_members).where(
                    audience_members.c.audience_id == audience_id, audience_members.c.actor_id.in_(add + exclude)
                )
            )
        rows = [
            {"workspace_id": workspace_id, "audience_id": audience_id, "actor_id": actor_id, "included": True}
            for actor_id in add
        ]
        rows += [
            {"workspace_id": workspace_id, "audience_id": audience_id, "actor_id": actor_id, "included": False}
            for actor_id in exclude
        ]
        if rows:
            connection.execute(insert(audience_members), rows)
        result.added, result.excluded = len(add), len(exclude)
    return result


def delete_audience(engine: Engine, workspace_id: int, audience_id: int) -> None:
    """Delete an audience with its hand adjustments; campaigns that targeted it no longer do."""
    with writing(engine, workspace_id) as connection:
        done = connection.execute(
            delete(audiences).where(audiences.c.id == audience_id, audiences.c.workspace_id == workspace_id)
        )
        if not done.rowcount:
            raise StoreError("audience_not_found")


# -- the sample and restored backups ---------------------------------------------------------


@dataclass
class AudienceBundle:
    """A whole audience to write at once (the sample, a restored backup)."""

    audience: Audience
    members: list[tuple[ActorRef, bool]] = field(default_factory=list)  # (actor, included)


def write_audiences(
    connection: Connection, workspace_id: int, bundles: list[AudienceBundle], new_ids: list[int]
) -> list[int]:
    """Write audiences inside the caller's transaction; returns their ids in the order given.

    ``("new", i)`` refs point into ``new_ids`` (the batch's new actors).
    """
    ids = []
    for bundle in bundles:
        audience_id = connection.execute(
            insert(audiences).values(workspace_id=workspace_id, version=1, **_row_values(bundle.audience))
        ).inserted_primary_key[0]
        ids.append(audience_id)
        seen: set[int] = set()
        rows = []
        for (kind, value), included in bundle.members:
            actor_id = new_ids[value] if kind == "new" else value
            if actor_id in seen:  # two rows of one backup merged into the same actor
                continue
            seen.add(actor_id)
            rows.append(
                {
                    "workspace_id": workspace_id,
                    "audience_id": audience_id,
                    "actor_id": actor_id,
                    "included": bool(included),
                }
            )
        if rows and bundle.audience.kind != "public":
            connection.execute(insert(audience_members), rows)
    return ids
