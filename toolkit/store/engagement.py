"""The actor's whole story: contact history (interactions with one or several actors) and dated
assessments of influence, interest and stance.

Every change goes through :func:`~toolkit.store.workspaces.writing` (role, lock, revision) and is in
the audit trail (the engine records it). A deleted interaction goes to the bin. Recording an
assessment also sets the actor's current influence, interest and stance when it is the latest, so
every screen that reads the register keeps working.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, delete, exists, insert, select, update

from toolkit.domain import INTERACTION_KINDS, Assessment, Interaction
from toolkit.store import bin
from toolkit.store.columns import checked, clean_values
from toolkit.store.edits import Edit, SaveResult, apply_edits, save_edits
from toolkit.store.engine import StoreError
from toolkit.store.reassessments import IMPORT_REASON, record_change
from toolkit.store.register import validate_actor
from toolkit.store.tables import actors, assessments, campaigns, consultations, interaction_actors, interactions
from toolkit.store.workspaces import reading, require_in_workspace, writing

INTERACTION_FIELDS = (
    "kind",
    "occurred_on",
    "team_member",
    "summary",
    "agreements",
    "next_step",
    "next_step_due",
    "next_step_done",
    "consultation_id",
    "campaign_id",
)
LEVELS = ("influence", "interest", "stance")


# -- checks ------------------------------------------------------------------------------------


def _date(value: object, reason: str = "bad_date") -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise StoreError(reason) from error


def _link(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise StoreError("interaction_link_not_found") from error


def validate_interaction(values: dict[str, object]) -> dict[str, object]:
    """Clean and check the fields given (a whole interaction or an edit's changes).

    >>> validate_interaction({"kind": "call", "summary": "  Llamada  de seguimiento "})
    {'kind': 'call', 'summary': 'Llamada  de seguimiento'}
    >>> validate_interaction({"kind": "fax"})
    Traceback (most recent call last):
    toolkit.store.engine.StoreError: interaction_kind
    """
    cleaned = clean_values(values)
    if "kind" in cleaned and cleaned["kind"] not in INTERACTION_KINDS:
        raise StoreError("interaction_kind")
    if "occurred_on" in cleaned:
        cleaned["occurred_on"] = _date(cleaned["occurred_on"])
        if cleaned["occurred_on"] is None:
            raise StoreError("interaction_date_required")
    if "next_step_due" in cleaned:
        cleaned["next_step_due"] = _date(cleaned["next_step_due"])
    if "next_step_done" in cleaned:
        cleaned["next_step_done"] = bool(cleaned["next_step_done"])
    if "team_member" in cleaned:
        cleaned["team_member"] = " ".join(str(cleaned["team_member"] or "").split())
    for name in ("summary", "agreements", "next_step"):
        if name in cleaned:
            cleaned[name] = str(cleaned[name] or "").strip()
    for name in ("consultation_id", "campaign_id"):
        if name in cleaned:
            cleaned[name] = _link(cleaned[name])
    return checked(interactions, cleaned)


def _check_links(connection: Connection, workspace_id: int, values: dict[str, object]) -> None:
    if values.get("consultation_id") is not None:
        require_in_workspace(
            connection, consultations, workspace_id, [values["consultation_id"]], "interaction_link_not_found"
        )
    if values.get("campaign_id") is not None:
        require_in_workspace(connection, campaigns, workspace_id, [values["campaign_id"]], "interaction_link_not_found")


def _people(connection: Connection, workspace_id: int, people: dict[int, str]) -> dict[int, str]:
    if not people:
        raise StoreError("interaction_actors_required")
    try:
        found = {int(actor_id): " ".join(str(who or "").split()) for actor_id, who in people.items()}
    except (TypeError, ValueError) as error:
        raise StoreError("interaction_actor_not_found") from error
    require_in_workspace(connection, actors, workspace_id, list(found), "interaction_actor_not_found")
    return found


# -- contact history ---------------------------------------------------------------------------


def insert_interactions(connection: Connection, workspace_id: int, recorded: Iterable[Interaction]) -> list[int]:
    """Store interactions inside the caller's write to the workspace (the sample, a restore)."""
    ids = []
    for interaction in recorded:
        values = validate_interaction({name: getattr(interaction, name) for name in INTERACTION_FIELDS})
        for name in ("kind", "occurred_on"):
            if values.get(name) is None:
                raise StoreError("interaction_kind" if name == "kind" else "interaction_date_required")
        _check_links(connection, workspace_id, values)
        people = _people(connection, workspace_id, interaction.actors)
        new_id = connection.execute(
            insert(interactions).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
        connection.execute(
            insert(interaction_actors),
            [
                checked(
                    interaction_actors,
                    {"workspace_id": workspace_id, "interaction_id": new_id, "actor_id": actor_id, "people": who},
                )
                for actor_id, who in people.items()
            ],
        )
        ids.append(new_id)
    return ids


def record_interaction(engine: Engine, workspace_id: int, interaction: Interaction) -> int:
    """Record a meeting, call, e-mail... with one or several actors (and who of each took part);
    returns its id."""
    with writing(engine, workspace_id) as connection:
        return insert_interactions(connection, workspace_id, [interaction])[0]


def record_interactions(engine: Engine, workspace_id: int, recorded: list[Interaction]) -> list[int]:
    """Record several interactions together (a calendar or e-mail file imported): all of them, or
    none when one is refused (an actor deleted since the file was checked, a text too long)."""
    with writing(engine, workspace_id) as connection:
        return insert_interactions(connection, workspace_id, recorded)


def set_interaction_actors(engine: Engine, workspace_id: int, interaction_id: int, people: dict[int, str]) -> None:
    """Replace who took part in an interaction (at least one actor)."""
    with writing(engine, workspace_id) as connection:
        require_in_workspace(connection, interactions, workspace_id, [interaction_id], "interaction_not_found")
        found = _people(connection, workspace_id, people)
        connection.execute(delete(interaction_actors).where(interaction_actors.c.interaction_id == interaction_id))
        connection.execute(
            insert(interaction_actors),
            [
                checked(
                    interaction_actors,
                    {"workspace_id": workspace_id, "interaction_id": interaction_id, "actor_id": a, "people": who},
                )
                for a, who in found.items()
            ],
        )


def remove_interactions(connection: Connection, workspace_id: int, ids: list[int]) -> int:
    """Put interactions in the bin and delete them, inside the caller's write; how many."""
    bin.put(connection, workspace_id, "interactions", ids)
    return connection.execute(
        delete(interactions).where(interactions.c.workspace_id == workspace_id, interactions.c.id.in_(ids))
    ).rowcount


def remove_orphans(connection: Connection, workspace_id: int) -> int:
    """Delete the interactions left with no actor (their actors were deleted); how many."""
    linked = exists().where(interaction_actors.c.interaction_id == interactions.c.id)
    return connection.execute(delete(interactions).where(interactions.c.workspace_id == workspace_id, ~linked)).rowcount


def save_interaction_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: Collection[int] = ()
) -> SaveResult:
    """Edits made in the contact history's table and the rows marked to delete (to the bin), all or
    nothing in one transaction, each edit from the version the user saw (see
    :func:`toolkit.store.edits.apply_edits`)."""

    def apply(connection: Connection) -> SaveResult:
        def check(row, changes: dict[str, object]) -> dict[str, object]:
            values = validate_interaction(changes)
            _check_links(connection, workspace_id, values)
            return values

        return apply_edits(
            connection,
            workspace_id,
            interactions,
            edits,
            to_delete,
            fields=INTERACTION_FIELDS,
            validate=check,
            label=lambda row: row.summary[:80] or f"#{row.id}",
            remove=remove_interactions,
        )

    return save_edits(engine, workspace_id, edits, list(to_delete), apply)


@dataclass(frozen=True)
class InteractionFilter:
    actor_id: int | None = None
    kinds: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    team_member: str | None = None
    open_steps: bool = False  # only those with a next step not done yet


def _interaction(row, people: dict[int, str]) -> Interaction:
    return Interaction(
        kind=row.kind,
        occurred_on=row.occurred_on,
        actors=people,
        team_member=row.team_member,
        summary=row.summary,
        agreements=row.agreements,
        next_step=row.next_step,
        next_step_due=row.next_step_due,
        next_step_done=row.next_step_done,
        consultation_id=row.consultation_id,
        campaign_id=row.campaign_id,
        id=row.id,
        version=row.version,
    )


def list_interactions(engine: Engine, workspace_id: int, where: InteractionFilter | None = None) -> list[Interaction]:
    """The workspace's contact history, newest first, narrowed by actor, kinds, dates (inclusive),
    team member (any case) and to the next steps still open."""
    where = where or InteractionFilter()
    query = select(interactions).where(interactions.c.workspace_id == workspace_id)
    if where.actor_id is not None:
        query = query.where(
            exists().where(
                interaction_actors.c.interaction_id == interactions.c.id,
                interaction_actors.c.actor_id == where.actor_id,
            )
        )
    if where.kinds:
        query = query.where(interactions.c.kind.in_(where.kinds))
    if where.start is not None:
        query = query.where(interactions.c.occurred_on >= where.start)
    if where.end is not None:
        query = query.where(interactions.c.occurred_on <= where.end)
    if where.open_steps:
        query = query.where(interactions.c.next_step != "", interactions.c.next_step_done.is_(False))
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(query.order_by(interactions.c.occurred_on.desc(), interactions.c.id.desc())).all()
        links = connection.execute(
            select(interaction_actors)
            .where(interaction_actors.c.workspace_id == workspace_id)
            .order_by(interaction_actors.c.id)
        ).all()
    people: dict[int, dict[int, str]] = {}
    for link in links:
        people.setdefault(link.interaction_id, {})[link.actor_id] = link.people
    found = [_interaction(row, people.get(row.id, {})) for row in rows]
    if where.team_member:
        wanted = " ".join(where.team_member.split()).casefold()
        found = [i for i in found if i.team_member.casefold() == wanted]
    return found


# -- dated assessments -------------------------------------------------------------------------


def _levels(assessment: Assessment) -> dict[str, object]:
    values = validate_actor({name: getattr(assessment, name) for name in LEVELS})
    return {name: values.get(name) for name in LEVELS}


def insert_assessments(
    connection: Connection, workspace_id: int, recorded: Iterable[Assessment], set_current: bool = True
) -> list[int]:
    """Store assessments inside the caller's write; an assessment that is the actor's latest also
    becomes its current influence, interest and stance (unless ``set_current`` is False: the
    sample and a restored backup, whose actors already hold them)."""
    ids = []
    for assessment in recorded:
        if not isinstance(assessment.assessed_on, date):
            raise StoreError("assessment_date_required")
        require_in_workspace(connection, actors, workspace_id, [assessment.actor_id], "interaction_actor_not_found")
        levels = _levels(assessment)
        newest = connection.execute(
            select(assessments.c.assessed_on)
            .where(assessments.c.actor_id == assessment.actor_id)
            .order_by(assessments.c.assessed_on.desc())
            .limit(1)
        ).scalar()
        values = checked(
            assessments,
            {
                "workspace_id": workspace_id,
                "actor_id": assessment.actor_id,
                "assessed_on": assessment.assessed_on,
                "reason": str(assessment.reason or "").strip(),
                **levels,
            },
        )
        ids.append(connection.execute(insert(assessments).values(**values)).inserted_primary_key[0])
        if set_current and (newest is None or newest <= assessment.assessed_on):
            connection.execute(
                update(actors)
                .where(actors.c.id == assessment.actor_id, actors.c.workspace_id == workspace_id)
                .values(version=actors.c.version + 1, **levels)
            )
    return ids


def record_assessment(engine: Engine, workspace_id: int, assessment: Assessment) -> int:
    """Re-assess an actor's influence, interest and stance on a day, with the reason; the history
    is kept and the latest is the current value. Returns the assessment's id."""
    with writing(engine, workspace_id) as connection:
        return insert_assessments(connection, workspace_id, [assessment])[0]


def _assessment(row) -> Assessment:
    return Assessment(
        actor_id=row.actor_id,
        assessed_on=row.assessed_on,
        influence=row.influence,
        interest=row.interest,
        stance=row.stance,
        reason=row.reason,
        id=row.id,
    )


def list_assessments(engine: Engine, workspace_id: int, actor_id: int | None = None) -> list[Assessment]:
    """The assessments of the workspace (or of one actor), oldest first."""
    query = select(assessments).where(assessments.c.workspace_id == workspace_id)
    if actor_id is not None:
        query = query.where(assessments.c.actor_id == actor_id)
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(query.order_by(assessments.c.assessed_on, assessments.c.id)).all()
    return [_assessment(row) for row in rows]


def import_assessments(connection: Connection, workspace_id: int, actor_id: int, changes: dict[str, object]) -> None:
    """Before an import updates an actor: a change of influence, interest or stance becomes a new
    assessment dated today with the reason "import" (the history keeps what it was, see
    :func:`toolkit.store.reassessments.record_change`)."""
    wanted = {name: changes[name] for name in LEVELS if name in changes}
    if not wanted:
        return
    row = connection.execute(
        select(actors).where(actors.c.id == actor_id, actors.c.workspace_id == workspace_id)
    ).first()
    if row is not None:
        record_change(connection, workspace_id, row, validate_actor(wanted), IMPORT_REASON)
