"""The roadmap (hoja de ruta): milestones grouped in the workspace's phases, linked to a
consultation or a campaign. One function per thing a user does.

Every write opens one transaction, locks the workspace (bumping its revision), checks and writes,
all or nothing. Refusals are :class:`StoreError` whose reason starts with ``milestone_`` (their
messages are under ``roadmap.errors.``, see ``MESSAGE_KEYS``) or a shared one (``errors.``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select

from toolkit.domain import MILESTONE_STATUSES, Milestone
from toolkit.sample import read_sample
from toolkit.store.columns import checked, clean_values
from toolkit.store.edits import Edit, SaveResult, apply_edits, save_edits
from toolkit.store.engine import PROJECT_ROOT, StoreError
from toolkit.store.tables import campaigns, consultations, milestones, vocab_terms
from toolkit.store.workspaces import ensure_terms, reading, require_in_workspace, writing
from toolkit.vocab import fold

MAX_TITLE = 300
MAX_OWNER = 300
MAX_TEXT = 20_000
FIELDS = (
    "phase",
    "title",
    "description",
    "starts_on",
    "due_on",
    "owner",
    "status",
    "consultation_id",
    "campaign_id",
    "notes",
)
SAMPLE_ROADMAP_PATH = PROJECT_ROOT / "sample_data" / "medellin_roadmap.json"


def _milestone(row) -> Milestone:
    return Milestone(
        title=row.title,
        phase=row.phase,
        description=row.description,
        starts_on=row.starts_on,
        due_on=row.due_on,
        owner=row.owner,
        status=row.status,
        consultation_id=row.consultation_id,
        campaign_id=row.campaign_id,
        notes=row.notes,
        id=row.id,
        version=row.version,
    )


# -- checks ----------------------------------------------------------------------------------


def _text(value: object, limit: int, reason: str) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise StoreError(reason, limit=limit)
    return text


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise StoreError("bad_date")


def _link(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise StoreError("milestone_link_not_found")
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise StoreError("milestone_link_not_found") from error


def validate_milestone(values: dict[str, object]) -> dict[str, object]:
    """Clean and check the fields given (a whole milestone or an edit's changes).

    >>> validate_milestone({"title": "  Taller   de cierre ", "status": "done"})
    {'title': 'Taller de cierre', 'status': 'done'}
    >>> validate_milestone({"status": "someday"})
    Traceback (most recent call last):
    toolkit.store.engine.StoreError: milestone_status
    """
    cleaned = clean_values(values)
    if "title" in cleaned:
        title = " ".join(("" if cleaned["title"] is None else str(cleaned["title"])).split())
        if not title:
            raise StoreError("milestone_title_required")
        if len(title) > MAX_TITLE:
            raise StoreError("milestone_title_too_long", limit=MAX_TITLE)
        cleaned["title"] = title
    if "status" in cleaned and cleaned["status"] not in MILESTONE_STATUSES:
        raise StoreError("milestone_status")
    if "phase" in cleaned:
        cleaned["phase"] = ("" if cleaned["phase"] is None else str(cleaned["phase"]).strip()) or None
    if "owner" in cleaned:
        cleaned["owner"] = " ".join(_text(cleaned["owner"], MAX_OWNER, "milestone_owner_too_long").split())
    for name in ("description", "notes"):
        if name in cleaned:
            cleaned[name] = _text(cleaned[name], MAX_TEXT, "milestone_text_too_long")
    for name in ("starts_on", "due_on"):
        if name in cleaned:
            cleaned[name] = _date(cleaned[name])
    _check_dates(cleaned.get("starts_on"), cleaned.get("due_on"))
    for name in ("consultation_id", "campaign_id"):
        if name in cleaned:
            cleaned[name] = _link(cleaned[name])
    return checked(milestones, cleaned)


def _check_dates(starts_on: date | None, due_on: date | None) -> None:
    if starts_on and due_on and starts_on > due_on:
        raise StoreError("milestone_dates")


def _phases(connection: Connection, workspace_id: int) -> set[str]:
    return set(
        connection.execute(
            select(vocab_terms.c.key).where(
                vocab_terms.c.workspace_id == workspace_id, vocab_terms.c.vocabulary == "phases"
            )
        ).scalars()
    )


def _check_links(connection: Connection, workspace_id: int, values: dict[str, object], phases: set[str]) -> None:
    """The phase is one of the workspace's, the linked consultation and campaign are the workspace's."""
    if values.get("phase") is not None and values["phase"] not in phases:
        raise StoreError("milestone_phase")
    if values.get("consultation_id") is not None:
        require_in_workspace(
            connection, consultations, workspace_id, [values["consultation_id"]], "milestone_consultation_not_found"
        )
    if values.get("campaign_id") is not None:
        require_in_workspace(
            connection, campaigns, workspace_id, [values["campaign_id"]], "milestone_campaign_not_found"
        )


def _values(milestone: Milestone) -> dict[str, object]:
    return validate_milestone({name: getattr(milestone, name) for name in FIELDS})


# -- reading ---------------------------------------------------------------------------------


def list_milestones(engine: Engine, workspace_id: int) -> list[Milestone]:
    """The workspace's milestones, soonest due first (undated last), then by title."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(select(milestones).where(milestones.c.workspace_id == workspace_id)).all()
    found = [_milestone(row) for row in rows]
    return sorted(found, key=lambda m: (m.due_on is None, m.due_on or date.max, fold(m.title), m.id))


# -- writing ---------------------------------------------------------------------------------


def insert_milestones(connection: Connection, workspace_id: int, planned: list[Milestone]) -> list[int]:
    """Write milestones inside the caller's open transaction (the sample, a restored backup, a
    use case below); returns their ids in order.

    The caller locks the workspace; the phases must already be in its vocabulary and the linked
    consultations and campaigns in the workspace. Raises ``StoreError`` on the first bad one
    (the caller's transaction then writes nothing).
    """
    rows = [_values(milestone) for milestone in planned]
    if not rows:
        return []
    phases = _phases(connection, workspace_id)
    for values in rows:
        _check_links(connection, workspace_id, values, phases)
    return [
        connection.execute(
            insert(milestones).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
        for values in rows
    ]


def add_milestone(engine: Engine, workspace_id: int, milestone: Milestone) -> int:
    """Put one milestone on the roadmap; returns its id."""
    return add_milestones(engine, workspace_id, [milestone])[0]


def add_milestones(engine: Engine, workspace_id: int, planned: list[Milestone]) -> list[int]:
    """Put several milestones on the roadmap at once (commitments of a consultation), all or nothing."""
    if not planned:
        return []
    with writing(engine, workspace_id) as connection:
        return insert_milestones(connection, workspace_id, planned)


def save_milestone_edits(engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()) -> SaveResult:
    """Edits made in the milestones table and the rows marked to delete, all or nothing in one
    transaction, each edit from the version the user saw.

    A row someone else changed or deleted in between is a conflict: nothing is saved or deleted
    and the result names those rows. Bad values are refused with ``StoreError``. ``deleted`` says
    how many rows were deleted (others' ids are ignored).
    """

    def apply(connection: Connection) -> SaveResult:
        phases = _phases(connection, workspace_id)

        def check(row, changes: dict[str, object]) -> dict[str, object]:
            values = validate_milestone(changes)
            _check_dates(values.get("starts_on", row.starts_on), values.get("due_on", row.due_on))
            _check_links(connection, workspace_id, values, phases)
            return values

        return apply_edits(
            connection,
            workspace_id,
            milestones,
            edits,
            to_delete,
            fields=FIELDS,
            validate=check,
            label=lambda row: row.title,
        )

    return save_edits(engine, workspace_id, edits, to_delete, apply)


def delete_milestones(engine: Engine, workspace_id: int, ids: list[int]) -> int:
    """Take milestones off the roadmap; returns how many were deleted (others' ids are ignored)."""
    if not ids:
        return 0
    with writing(engine, workspace_id) as connection:
        return connection.execute(
            delete(milestones).where(milestones.c.workspace_id == workspace_id, milestones.c.id.in_(list(ids)))
        ).rowcount


# -- the Medellín sample ---------------------------------------------------------------------


def insert_sample_roadmap(
    connection: Connection, workspace_id: int, path: Path = SAMPLE_ROADMAP_PATH, today: date | None = None
) -> list[int]:
    """The sample's milestones, inside the transaction that loads the sample.

    The file names the consultation or campaign a milestone is linked to by its title.
    """
    data = read_sample(path, today)
    ensure_terms(connection, workspace_id, [("phases", key, None) for key in data.get("phases", [])])
    consultation_ids = dict(
        connection.execute(
            select(consultations.c.title, consultations.c.id).where(consultations.c.workspace_id == workspace_id)
        ).all()
    )
    campaign_ids = dict(
        connection.execute(
            select(campaigns.c.title, campaigns.c.id).where(campaigns.c.workspace_id == workspace_id)
        ).all()
    )
    planned = []
    for entry in data["milestones"]:
        values = {k: v for k, v in entry.items() if k not in ("consultation", "campaign")}
        for name in ("starts_on", "due_on"):
            values[name] = date.fromisoformat(values[name]) if values.get(name) else None
        planned.append(
            Milestone(
                **values,
                consultation_id=consultation_ids[entry["consultation"]] if entry.get("consultation") else None,
                campaign_id=campaign_ids[entry["campaign"]] if entry.get("campaign") else None,
            )
        )
    return insert_milestones(connection, workspace_id, planned)
