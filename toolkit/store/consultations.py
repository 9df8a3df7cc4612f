"""Multi-actor consultations: plan, convene, record. One function per thing a user does.

Every write opens one transaction, checks, writes, bumps the workspace revision and says
what it did. Refusals are :class:`StoreError` whose reason is a catalog key under
``consultations.errors.`` (or the shared ``errors.`` for the workspace and conflicts).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from toolkit import clock
from toolkit.consultations import ATTENDANCE_STATUSES, BEFORE_HELD, attendance_refusal, held_by
from toolkit.domain import (
    CONSULTATION_STATUSES,
    CONTRIBUTION_TYPES,
    INVITATION_STATUSES,
    MODALITIES,
    PRIORITIES,
    TARGET_DIMENSIONS,
    Actor,
    Consultation,
    Contribution,
    CoverageTarget,
    Participant,
    status_dates,
)
from toolkit.store import bin
from toolkit.store.columns import checked, clean_values
from toolkit.store.edits import Edit, SaveResult, apply_edits, save_edits
from toolkit.store.engine import StoreError
from toolkit.store.register import (
    actor_values,
    insert_actors,
    validate_actor,
)
from toolkit.store.tables import actors, consultations, contributions, participants
from toolkit.store.workspaces import reading, require_in_workspace, writing

MAX_TITLE = 300
MAX_BUDGET = 1e13
CONSULTATION_FIELDS = (
    "title",
    "objective",
    "specific_objectives",
    "questions",
    "instrument",
    "modality",
    "starts_on",
    "ends_on",
    "place",
    "facilitator",
    "budget",
    "status",
    "targets",
)
PARTICIPANT_FIELDS = ("status", "invited_on", "responded_on", "attended_on", "attendee", "notes")
CONTRIBUTION_FIELDS = ("actor_id", "theme", "type", "text", "priority", "due_on", "response")

# where an imported row points: ("existing", actor id) or ("new", index into the batch's new actors)
ActorRef = tuple[str, int]


# -- rows to objects -------------------------------------------------------------------------


def _targets(stored: object) -> list[CoverageTarget]:
    return [CoverageTarget(str(t["dimension"]), str(t["key"]), int(t.get("minimum", 1))) for t in stored or []]


def _consultation(row) -> Consultation:
    return Consultation(
        title=row.title,
        objective=row.objective,
        specific_objectives=row.specific_objectives,
        questions=row.questions,
        instrument=row.instrument,
        modality=row.modality,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        place=row.place,
        facilitator=row.facilitator,
        budget=row.budget,
        status=row.status,
        targets=_targets(row.targets),
        id=row.id,
        version=row.version,
    )


def _participant(row) -> Participant:
    return Participant(
        consultation_id=row.consultation_id,
        actor_id=row.actor_id,
        status=row.status,
        invited_on=row.invited_on,
        responded_on=row.responded_on,
        attended_on=row.attended_on,
        attendee=row.attendee,
        notes=row.notes,
        id=row.id,
        version=row.version,
    )


def _contribution(row) -> Contribution:
    return Contribution(
        consultation_id=row.consultation_id,
        text=row.text,
        actor_id=row.actor_id,
        theme=row.theme,
        type=row.type,
        priority=row.priority,
        due_on=row.due_on,
        response=row.response,
        id=row.id,
        version=row.version,
    )


# -- checks ----------------------------------------------------------------------------------


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise StoreError("bad_date")


def validate_consultation(values: dict[str, object]) -> dict[str, object]:
    """Clean and check a consultation's fields; raises ``StoreError`` with the reason."""
    cleaned = clean_values(values)
    if "title" in cleaned:
        cleaned["title"] = " ".join(_text(cleaned["title"]).split())
        if not cleaned["title"]:
            raise StoreError("title_required")
        if len(cleaned["title"]) > MAX_TITLE:
            raise StoreError("title_too_long", limit=MAX_TITLE)
    for name in ("objective", "specific_objectives", "questions", "place", "facilitator"):
        if name in cleaned:
            cleaned[name] = _text(cleaned[name])
    if "instrument" in cleaned and not _text(cleaned["instrument"]):
        raise StoreError("instrument_required")
    if "modality" in cleaned and cleaned["modality"] not in MODALITIES:
        raise StoreError("bad_modality")
    if "status" in cleaned and cleaned["status"] not in CONSULTATION_STATUSES:
        raise StoreError("bad_status")
    for name in ("starts_on", "ends_on"):
        if name in cleaned:
            cleaned[name] = _date(cleaned[name])
    if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
        raise StoreError("dates_reversed")
    if cleaned.get("budget") is not None:
        try:
            budget = float(cleaned["budget"])
        except (TypeError, ValueError) as error:
            raise StoreError("bad_budget") from error
        if not 0 <= budget < MAX_BUDGET:
            raise StoreError("bad_budget")
        cleaned["budget"] = budget
    if "targets" in cleaned:
        seen: dict[tuple[str, str], dict[str, object]] = {}
        for target in cleaned["targets"] or []:
            dimension, key, minimum = target.dimension, _text(target.key), target.minimum
            if dimension not in TARGET_DIMENSIONS or not key or not isinstance(minimum, int) or minimum < 1:
                raise StoreError("bad_target")
            seen[(dimension, key)] = {"dimension": dimension, "key": key, "minimum": minimum}  # the last one wins
        cleaned["targets"] = list(seen.values())
    return checked(consultations, cleaned)


def _consultation_values(consultation: Consultation) -> dict[str, object]:
    return validate_consultation({name: getattr(consultation, name) for name in CONSULTATION_FIELDS})


def validate_participant(values: dict[str, object]) -> dict[str, object]:
    cleaned = clean_values(values)
    if "status" in cleaned and cleaned["status"] not in INVITATION_STATUSES:
        raise StoreError("bad_invitation_status")
    for name in ("invited_on", "responded_on", "attended_on"):
        if name in cleaned:
            cleaned[name] = _date(cleaned[name])
    for name in ("attendee", "notes"):
        if name in cleaned:
            cleaned[name] = _text(cleaned[name])
    return checked(participants, cleaned)


def validate_contribution(values: dict[str, object]) -> dict[str, object]:
    cleaned = clean_values(values)
    if "text" in cleaned:
        cleaned["text"] = _text(cleaned["text"])
        if not cleaned["text"]:
            raise StoreError("text_required")
    if "type" in cleaned and cleaned["type"] not in CONTRIBUTION_TYPES:
        raise StoreError("bad_type")
    if "priority" in cleaned and cleaned["priority"] not in PRIORITIES:
        raise StoreError("bad_priority")
    for name in ("theme", "response"):
        if name in cleaned:
            cleaned[name] = " ".join(_text(cleaned[name]).split()) if name == "theme" else _text(cleaned[name])
    if "due_on" in cleaned:
        cleaned["due_on"] = _date(cleaned["due_on"])
    return checked(contributions, cleaned)


def _require_consultation(connection: Connection, workspace_id: int, consultation_id) -> None:
    require_in_workspace(connection, consultations, workspace_id, [consultation_id], "consultation_not_found")


def _require_actors(connection: Connection, workspace_id: int, actor_ids) -> None:
    require_in_workspace(connection, actors, workspace_id, actor_ids, "actor_not_found")


def _starts_on(connection: Connection, workspace_id: int, consultation_id: int) -> date | None:
    row = connection.execute(
        select(consultations.c.starts_on).where(
            consultations.c.id == consultation_id, consultations.c.workspace_id == workspace_id
        )
    ).first()
    if row is None:
        raise StoreError("consultation_not_found")
    return row.starts_on


def _check_attendance(starts_on: date | None, marks) -> None:
    """Refuse attendance (``(status, day)`` pairs) for a consultation not held yet, or dated after today."""
    today = clock.today()
    for status, on in marks:
        reason = attendance_refusal(starts_on, today, status, on)
        if reason:
            raise StoreError(reason)


def _attendance_recorded(connection: Connection, consultation_id: int) -> bool:
    return (
        connection.execute(
            select(participants.c.id)
            .where(
                participants.c.consultation_id == consultation_id,
                participants.c.status.in_(sorted(ATTENDANCE_STATUSES)),
            )
            .limit(1)
        ).first()
        is not None
    )


def _mark_held(connection: Connection, workspace_id: int, consultation_ids) -> None:
    """A consultation "in preparation" or "convened" whose attendance is recorded took place: "held"."""
    for consultation_id in set(consultation_ids):
        if _attendance_recorded(connection, consultation_id):
            connection.execute(
                update(consultations)
                .where(
                    consultations.c.id == consultation_id,
                    consultations.c.workspace_id == workspace_id,
                    consultations.c.status.in_(sorted(BEFORE_HELD)),
                )
                .values(status="held", version=consultations.c.version + 1)
            )


# -- reading ---------------------------------------------------------------------------------


def list_consultations(engine: Engine, workspace_id: int) -> list[Consultation]:
    """The workspace's consultations in the order they were created."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(consultations).where(consultations.c.workspace_id == workspace_id).order_by(consultations.c.id)
        ).all()
    return [_consultation(row) for row in rows]


def get_consultation(engine: Engine, workspace_id: int, consultation_id: int) -> Consultation:
    with reading(engine, workspace_id) as connection:
        row = connection.execute(
            select(consultations).where(
                consultations.c.id == consultation_id, consultations.c.workspace_id == workspace_id
            )
        ).first()
    if row is None:
        raise StoreError("consultation_not_found")
    return _consultation(row)


def list_participants(engine: Engine, workspace_id: int, consultation_id: int | None = None) -> list[Participant]:
    """Participants of one consultation, or of all of them (to know who was ever consulted)."""
    query = select(participants).where(participants.c.workspace_id == workspace_id)
    if consultation_id is not None:
        query = query.where(participants.c.consultation_id == consultation_id)
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(query.order_by(participants.c.id)).all()
    return [_participant(row) for row in rows]


def list_contributions(engine: Engine, workspace_id: int, consultation_id: int | None = None) -> list[Contribution]:
    query = select(contributions).where(contributions.c.workspace_id == workspace_id)
    if consultation_id is not None:
        query = query.where(contributions.c.consultation_id == consultation_id)
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(query.order_by(contributions.c.id)).all()
    return [_contribution(row) for row in rows]


# -- the plan --------------------------------------------------------------------------------


def create_consultation(engine: Engine, workspace_id: int, consultation: Consultation) -> int:
    """Plan a new consultation; returns its id."""
    values = _consultation_values(consultation)
    with writing(engine, workspace_id) as connection:
        new_id = connection.execute(
            insert(consultations).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
    return new_id


def update_consultation(engine: Engine, workspace_id: int, consultation: Consultation) -> Consultation:
    """Save the plan as edited from ``consultation.version``; refused if someone saved it in between."""
    values = _consultation_values(consultation)
    with writing(engine, workspace_id) as connection:
        done = connection.execute(
            update(consultations)
            .where(
                consultations.c.id == consultation.id,
                consultations.c.workspace_id == workspace_id,
                consultations.c.version == consultation.version,
            )
            .values(version=consultations.c.version + 1, **values)
        )
        if not done.rowcount:
            _require_consultation(connection, workspace_id, consultation.id)
            raise StoreError("consultation_changed")
        if _attendance_recorded(connection, consultation.id):
            if values["status"] in BEFORE_HELD:
                raise StoreError("status_before_held")
            if not held_by(values["starts_on"], clock.today()):
                raise StoreError("date_after_attendance")
    return get_consultation(engine, workspace_id, consultation.id)


def duplicate_consultation(
    engine: Engine, workspace_id: int, consultation_id: int, title: str, with_participants: bool = True
) -> int:
    """A new draft with the same plan and targets, for the next round: no dates, and the same
    participants back at "to invite" (what they said stays with the first round)."""
    with writing(engine, workspace_id) as connection:
        row = connection.execute(
            select(consultations).where(
                consultations.c.id == consultation_id, consultations.c.workspace_id == workspace_id
            )
        ).first()
        if row is None:
            raise StoreError("consultation_not_found")
        original = _consultation(row)
        copy = replace(original, title=title, status="draft", starts_on=None, ends_on=None, id=None, version=1)
        new_id = connection.execute(
            insert(consultations).values(workspace_id=workspace_id, version=1, **_consultation_values(copy))
        ).inserted_primary_key[0]
        if with_participants:
            actor_ids = (
                connection.execute(
                    select(participants.c.actor_id)
                    .where(participants.c.consultation_id == consultation_id)
                    .order_by(participants.c.id)
                )
                .scalars()
                .all()
            )
            if actor_ids:
                connection.execute(
                    insert(participants), [_participant_row(workspace_id, new_id, actor_id) for actor_id in actor_ids]
                )
    return new_id


def delete_consultation(engine: Engine, workspace_id: int, consultation_id: int) -> None:
    """Delete a consultation with its participant list and contributions."""
    with writing(engine, workspace_id) as connection:
        bin.put(connection, workspace_id, "consultations", [consultation_id])
        done = connection.execute(
            delete(consultations).where(
                consultations.c.id == consultation_id, consultations.c.workspace_id == workspace_id
            )
        )
        if not done.rowcount:
            raise StoreError("consultation_not_found")


# -- who takes part --------------------------------------------------------------------------


@dataclass
class InviteResult:
    added: int = 0
    already: int = 0  # were on the list before


def _participant_row(workspace_id: int, consultation_id: int, actor_id: int, **values: object) -> dict[str, object]:
    row = {
        "workspace_id": workspace_id,
        "consultation_id": consultation_id,
        "actor_id": actor_id,
        "status": "to_invite",
        "invited_on": None,
        "responded_on": None,
        "attended_on": None,
        "attendee": "",
        "notes": "",
        "version": 1,
    }
    row.update(values)
    return row


def _listed(connection: Connection, consultation_id: int) -> dict[int, int]:
    """Actor id -> participant id of those already on the list."""
    return dict(
        connection.execute(
            select(participants.c.actor_id, participants.c.id).where(participants.c.consultation_id == consultation_id)
        ).all()
    )


def invite_actors(engine: Engine, workspace_id: int, consultation_id: int, actor_ids: list[int]) -> InviteResult:
    """Put actors of the register on the consultation's list ("to invite"); those already there stay as they are."""
    wanted = list(dict.fromkeys(actor_ids))
    try:
        with writing(engine, workspace_id) as connection:
            _require_consultation(connection, workspace_id, consultation_id)
            _require_actors(connection, workspace_id, set(wanted))
            listed = _listed(connection, consultation_id)
            new = [actor_id for actor_id in wanted if actor_id not in listed]
            if new:
                connection.execute(
                    insert(participants),
                    [_participant_row(workspace_id, consultation_id, actor_id) for actor_id in new],
                )
    except IntegrityError as error:  # someone else put one of them on the list at the same moment
        raise StoreError("consultation_changed") from error
    return InviteResult(added=len(new), already=len(wanted) - len(new))


def remove_participants(engine: Engine, workspace_id: int, consultation_id: int, participant_ids: list[int]) -> int:
    """Take participants off the list (their contributions stay); returns how many."""
    if not participant_ids:
        return 0
    with writing(engine, workspace_id) as connection:
        _require_consultation(connection, workspace_id, consultation_id)
        done = connection.execute(
            delete(participants).where(
                participants.c.consultation_id == consultation_id,
                participants.c.workspace_id == workspace_id,
                participants.c.id.in_(participant_ids),
            )
        )
    return done.rowcount


def change_status(
    engine: Engine, workspace_id: int, consultation_id: int, participant_ids: list[int], status: str, on: date | None
) -> int:
    """Bulk change: these participants move to ``status`` on ``on`` (the matching date is set)."""
    if status not in INVITATION_STATUSES:
        raise StoreError("bad_invitation_status")
    if not participant_ids:
        return 0
    with writing(engine, workspace_id) as connection:
        _check_attendance(_starts_on(connection, workspace_id, consultation_id), [(status, on)])
        rows = connection.execute(
            select(participants).where(
                participants.c.consultation_id == consultation_id,
                participants.c.workspace_id == workspace_id,
                participants.c.id.in_(participant_ids),
            )
        ).all()
        if len(rows) != len(set(participant_ids)):
            raise StoreError("participant_not_found")
        for row in rows:
            dates = status_dates(status, on, row.invited_on, row.responded_on, row.attended_on)
            connection.execute(
                update(participants)
                .where(participants.c.id == row.id)
                .values(status=status, version=participants.c.version + 1, **dates)
            )
        _mark_held(connection, workspace_id, [consultation_id])
    return len(rows)


def save_participant_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()
) -> SaveResult:
    """Edits made in the participants table and the participants taken off the list (their
    contributions stay), all or nothing in one transaction, each edit from the version the user saw."""

    def apply(connection: Connection) -> SaveResult:
        def name(row) -> str:
            return connection.execute(select(actors.c.name).where(actors.c.id == row.actor_id)).scalar()

        touched: list[int] = []

        def check(row, changes: dict[str, object]) -> dict[str, object]:
            values = validate_participant(changes)
            if values.keys() & {"status", "attended_on"}:
                status, on = values.get("status", row.status), values.get("attended_on", row.attended_on)
                _check_attendance(_starts_on(connection, workspace_id, row.consultation_id), [(status, on)])
                touched.append(row.consultation_id)
            return values

        result = apply_edits(
            connection,
            workspace_id,
            participants,
            edits,
            to_delete,
            fields=PARTICIPANT_FIELDS,
            validate=check,
            label=name,
        )
        _mark_held(connection, workspace_id, touched)
        return result

    return save_edits(engine, workspace_id, edits, to_delete, apply)


# -- contributions ---------------------------------------------------------------------------


def record_contribution(engine: Engine, workspace_id: int, contribution: Contribution) -> int:
    """Note down one contribution (quick entry during a session); returns its id."""
    values = validate_contribution({name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS})
    with writing(engine, workspace_id) as connection:
        _require_consultation(connection, workspace_id, contribution.consultation_id)
        if values["actor_id"] is not None:
            _require_actors(connection, workspace_id, {values["actor_id"]})
        new_id = connection.execute(
            insert(contributions).values(
                workspace_id=workspace_id, consultation_id=contribution.consultation_id, version=1, **values
            )
        ).inserted_primary_key[0]
    return new_id


def save_contribution_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()
) -> SaveResult:
    """Edits made in the contributions table and the contributions marked to delete, all or nothing."""

    def apply(connection: Connection) -> SaveResult:
        def check(row, changes: dict[str, object]) -> dict[str, object]:
            values = validate_contribution(changes)
            if values.get("actor_id") is not None:
                _require_actors(connection, workspace_id, {values["actor_id"]})
            return values

        return apply_edits(
            connection, workspace_id, contributions, edits, to_delete, fields=CONTRIBUTION_FIELDS, validate=check
        )

    return save_edits(engine, workspace_id, edits, to_delete, apply)


def delete_contributions(engine: Engine, workspace_id: int, contribution_ids: list[int]) -> int:
    if not contribution_ids:
        return 0
    with writing(engine, workspace_id) as connection:
        done = connection.execute(
            delete(contributions).where(
                contributions.c.workspace_id == workspace_id, contributions.c.id.in_(contribution_ids)
            )
        )
    return done.rowcount


# -- imports (attendance, contributions) and restores ------------------------------------------


@dataclass
class AttendanceMark:
    """One attendance row: the status to move to (None: leave it as it is) and on which day."""

    status: str | None
    on: date | None = None
    attendee: str = ""
    notes: str = ""


@dataclass
class ConsultationImport:
    """What an attendance or contributions file adds to one consultation.

    ``new_actors`` are people or organisations the register did not have (added only when the
    user asked for it); rows point at actors through :data:`ActorRef`.
    """

    new_actors: list[Actor] = field(default_factory=list)
    attendance: list[tuple[ActorRef, AttendanceMark]] = field(default_factory=list)
    contributions: list[tuple[ActorRef | None, Contribution]] = field(default_factory=list)


@dataclass
class ImportResult:
    actors_added: int = 0
    participants_added: int = 0
    participants_updated: int = 0
    contributions_added: int = 0


def _resolve(ref: ActorRef | None, new_ids: list[int]) -> int | None:
    if ref is None:
        return None
    kind, value = ref
    return new_ids[value] if kind == "new" else value


def _write_import(
    connection: Connection, workspace_id: int, consultation_id: int, batch: ConsultationImport
) -> ImportResult:
    starts_on = _starts_on(connection, workspace_id, consultation_id)
    _check_attendance(starts_on, [(mark.status, mark.on) for _, mark in batch.attendance])
    result = ImportResult()
    new_ids: list[int] = []
    if batch.new_actors:
        rows = [
            {"workspace_id": workspace_id, "version": 1, **validate_actor(actor_values(a))} for a in batch.new_actors
        ]
        new_ids = insert_actors(connection, workspace_id, rows)
        result.actors_added = len(new_ids)
    _require_actors(
        connection,
        workspace_id,
        {ref[1] for ref, _ in batch.attendance if ref[0] == "existing"}
        | {ref[1] for ref, _ in batch.contributions if ref is not None and ref[0] == "existing"},
    )
    for _, mark in batch.attendance:
        if mark.status is not None and mark.status not in INVITATION_STATUSES:
            raise StoreError("bad_invitation_status")
    current = {
        row.actor_id: row
        for row in connection.execute(
            select(participants).where(participants.c.consultation_id == consultation_id)
        ).all()
    }
    listed = {actor_id: row.id for actor_id, row in current.items()}
    for ref, mark in batch.attendance:
        actor_id = _resolve(ref, new_ids)
        values: dict[str, object] = {}
        if mark.attendee:
            values["attendee"] = mark.attendee.strip()
        if mark.notes:
            values["notes"] = mark.notes.strip()
        row = current.get(actor_id)
        if mark.status is not None:
            values["status"] = mark.status
            values.update(
                status_dates(
                    mark.status,
                    mark.on,
                    *((row.invited_on, row.responded_on, row.attended_on) if row is not None else ()),
                )
            )
        if actor_id in listed:
            if values:
                connection.execute(
                    update(participants)
                    .where(participants.c.id == listed[actor_id])
                    .values(version=participants.c.version + 1, **values)
                )
                result.participants_updated += 1
        else:
            listed[actor_id] = connection.execute(
                insert(participants).values(**_participant_row(workspace_id, consultation_id, actor_id, **values))
            ).inserted_primary_key[0]
            result.participants_added += 1
    rows = []
    for ref, contribution in batch.contributions:
        actor_id = _resolve(ref, new_ids)
        values = validate_contribution({name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS})
        values["actor_id"] = actor_id
        rows.append({"workspace_id": workspace_id, "consultation_id": consultation_id, "version": 1, **values})
        if actor_id is not None and actor_id not in listed:  # who spoke took part (once it took place)
            came = {"status": "attended"} if held_by(starts_on, clock.today()) else {}
            listed[actor_id] = connection.execute(
                insert(participants).values(**_participant_row(workspace_id, consultation_id, actor_id, **came))
            ).inserted_primary_key[0]
            result.participants_added += 1
    if rows:
        connection.execute(insert(contributions), rows)
        result.contributions_added = len(rows)
    _mark_held(connection, workspace_id, [consultation_id])
    return result


def record_attendance(
    engine: Engine, workspace_id: int, consultation_id: int, batch: ConsultationImport
) -> ImportResult:
    """Store an imported attendance list in one transaction (nothing on failure)."""
    try:
        with writing(engine, workspace_id) as connection:
            return _write_import(connection, workspace_id, consultation_id, batch)
    except IntegrityError as error:  # the list changed under the import
        raise StoreError("consultation_changed") from error


def import_contributions(
    engine: Engine, workspace_id: int, consultation_id: int, batch: ConsultationImport
) -> ImportResult:
    """Store imported contributions (and survey answers) in one transaction (nothing on failure)."""
    try:
        with writing(engine, workspace_id) as connection:
            return _write_import(connection, workspace_id, consultation_id, batch)
    except IntegrityError as error:  # the list changed under the import
        raise StoreError("consultation_changed") from error


@dataclass
class ConsultationBundle:
    """A whole consultation to write at once (the sample, a restored backup)."""

    consultation: Consultation
    participants: list[tuple[ActorRef, Participant]] = field(default_factory=list)
    contributions: list[tuple[ActorRef | None, Contribution]] = field(default_factory=list)


def write_consultations(
    connection: Connection, workspace_id: int, bundles: list[ConsultationBundle], new_ids: list[int]
) -> int:
    """Write consultations inside the caller's transaction; ``("new", i)`` refs point into ``new_ids``.

    A consultation the workspace already has (same title and start date) is left as it is, so
    restoring the same backup twice does not double it. Returns how many were written.
    """
    existing = set(
        connection.execute(
            select(consultations.c.title, consultations.c.starts_on).where(consultations.c.workspace_id == workspace_id)
        ).all()
    )
    written = 0
    for bundle in bundles:
        values = _consultation_values(bundle.consultation)
        if (values["title"], values["starts_on"]) in existing:
            continue
        existing.add((values["title"], values["starts_on"]))
        written += 1
        consultation_id = connection.execute(
            insert(consultations).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
        seen: set[int] = set()
        rows = []
        for ref, participant in bundle.participants:
            actor_id = _resolve(ref, new_ids)
            if actor_id in seen:  # two rows of one backup merged into the same actor
                continue
            seen.add(actor_id)
            values = validate_participant({name: getattr(participant, name) for name in PARTICIPANT_FIELDS})
            rows.append(_participant_row(workspace_id, consultation_id, actor_id, **values))
        if rows:
            connection.execute(insert(participants), rows)
        rows = []
        for ref, contribution in bundle.contributions:
            values = validate_contribution({name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS})
            values["actor_id"] = _resolve(ref, new_ids)
            rows.append({"workspace_id": workspace_id, "consultation_id": consultation_id, "version": 1, **values})
        if rows:
            connection.execute(insert(contributions), rows)
    return written
