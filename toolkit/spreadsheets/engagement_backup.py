"""The contact history's and the assessments' sheets of the backup workbook, and the relations'
dates: ``interactions``, ``interaction_actors`` and ``assessments``, written and read back.

Like the other sheets of the backup, rows are numbered 1..n in the order things were created and
name actors by the ``actors`` sheet's numbers; an interaction names its consultation and campaign
by the numbers of those sheets, and each of its actors (with who of them took part) is one row of
``interaction_actors``, so the people's text stays whole in its own cell. Pure functions: nothing
here touches the database; the store checks lengths and ranges when the backup is read
(:func:`toolkit.backup.read_backup`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from toolkit.domain import ASSESSMENT_COLUMNS, INTERACTION_KINDS, Assessment, Interaction
from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.backup_rows import table, whole
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.writing import SheetSpec

INTERACTION_COLUMNS = (
    "id",
    "kind",
    "occurred_on",
    "team_member",
    "summary",
    "agreements",
    "next_step",
    "next_step_due",
    "next_step_done",
    "consultation",
    "campaign",
)
INTERACTION_ACTOR_COLUMNS = ("id", "interaction", "actor", "people")
UNKNOWN = "backup.engagement.unknown"  # a number that names nothing in its sheet
BAD_DATE = "backup.engagement.bad_date"  # the import's words would say the cell is left blank


def backup_sheets(
    interactions: list[Interaction],
    assessments: list[Assessment],
    actor_ref: dict[int, int],
    consultation_ref: dict[int, int],
    campaign_ref: dict[int, int],
) -> list[SheetSpec]:
    """The three sheets: interactions in creation order, their actors, and the assessments by actor
    and day.

    >>> meeting = Interaction("meeting", date(2026, 3, 2), {7: "Ana", 9: ""}, summary="Mesa", id=4)
    >>> sheets = backup_sheets([meeting], [Assessment(7, date(2026, 3, 2), 4, 5, 1, "taller")], {7: 1, 9: 2}, {}, {})
    >>> [s.name for s in sheets], sheets[0].rows[0][:2], sheets[1].rows
    (['interactions', 'interaction_actors', 'assessments'], [1, 'meeting'], [[1, 1, 1, 'Ana'], [2, 1, 2, '']])
    """
    ordered = sorted(interactions, key=lambda i: i.id or 0)
    interaction_rows, actor_rows = [], []
    for position, i in enumerate(ordered, start=1):
        interaction_rows.append(
            [
                position,
                i.kind,
                i.occurred_on,
                i.team_member,
                i.summary,
                i.agreements,
                i.next_step,
                i.next_step_due,
                i.next_step_done,
                consultation_ref.get(i.consultation_id, ""),
                campaign_ref.get(i.campaign_id, ""),
            ]
        )
        for actor_id, people in sorted(i.actors.items(), key=lambda item: actor_ref.get(item[0], 0)):
            if actor_id in actor_ref:
                actor_rows.append([len(actor_rows) + 1, position, actor_ref[actor_id], people])
    assessed = sorted(
        (a for a in assessments if a.actor_id in actor_ref),
        key=lambda a: (actor_ref[a.actor_id], a.assessed_on, a.id or 0),
    )
    assessment_rows = [
        [position, actor_ref[a.actor_id], a.assessed_on, a.influence, a.interest, a.stance, a.reason]
        for position, a in enumerate(assessed, start=1)
    ]
    return [
        SheetSpec("interactions", list(INTERACTION_COLUMNS), interaction_rows),
        SheetSpec("interaction_actors", list(INTERACTION_ACTOR_COLUMNS), actor_rows),
        SheetSpec("assessments", list(ASSESSMENT_COLUMNS), assessment_rows),
    ]


@dataclass
class BackupInteraction:
    """An interaction read back; its actors (backup number -> people) and links by backup number."""

    row: int
    interaction: Interaction
    actor_refs: dict[str, str] = field(default_factory=dict)
    consultation_ref: str = ""
    campaign_ref: str = ""
    actor_rows: dict[str, int] = field(default_factory=dict)  # the interaction_actors row of each


@dataclass
class BackupAssessment:
    row: int
    actor_ref: str
    assessment: Assessment


@dataclass
class EngagementBackup:
    """What the three sheets bring (nothing, from a backup older than them), the relations' dates by
    the ``relations`` sheet's row, and the rows that could not be read."""

    interactions: list[BackupInteraction] = field(default_factory=list)
    assessments: list[BackupAssessment] = field(default_factory=list)
    relation_dates: dict[int, tuple[date | None, date | None]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _day(value: object) -> date | None:
    try:
        return norm.day(value)
    except norm.Unclear as error:
        raise norm.Unclear(BAD_DATE, **error.details) from error


def _required_day(value: object, key: str) -> date:
    found = _day(value)
    if found is None:
        raise norm.Unclear(key)
    return found


def _interaction(cells: dict[str, object]) -> Interaction:
    kind = norm.text(cells.get("kind"))
    if kind not in INTERACTION_KINDS:
        raise norm.Unclear("engagement.errors.interaction_kind")
    return Interaction(
        kind=kind,
        occurred_on=_required_day(cells.get("occurred_on"), "engagement.errors.interaction_date_required"),
        team_member=norm.text(cells.get("team_member")),
        summary=norm.text(cells.get("summary")),
        agreements=norm.text(cells.get("agreements")),
        next_step=norm.text(cells.get("next_step")),
        next_step_due=_day(cells.get("next_step_due")),
        next_step_done=norm.yes_no(cells.get("next_step_done")),
    )


def _assessment(cells: dict[str, object]) -> Assessment:
    return Assessment(
        actor_id=0,
        assessed_on=_required_day(cells.get("assessed_on"), "engagement.errors.assessment_date_required"),
        influence=whole(cells.get("influence")),
        interest=whole(cells.get("interest")),
        stance=whole(cells.get("stance")),
        reason=norm.text(cells.get("reason")),
    )


def _relation_dates(result: EngagementBackup, rows: list[list[object]]) -> None:
    for row, cells in table(rows):
        try:
            starts_on, ends_on = _day(cells.get("starts_on")), _day(cells.get("ends_on"))
        except norm.Unclear as error:
            result.problems.append(Problem("relations", row, "", error.key, error.details))
            continue
        if starts_on and ends_on and starts_on > ends_on:
            result.problems.append(Problem("relations", row, "ends_on", "engagement.errors.relation_dates"))
        elif starts_on or ends_on:
            result.relation_dates[row] = (starts_on, ends_on)


def parse_backup(sheets: dict[str, list[list[object]]]) -> EngagementBackup:
    """The three sheets of a backup and the ``relations`` sheet's dates, row by row.

    >>> found = parse_backup({"interactions": [["id", "kind", "occurred_on"], [1, "call", "2026-03-02"],
    ...                                        [2, "call", "hace poco"]],
    ...                       "interaction_actors": [["id", "interaction", "actor", "people"], [1, 1, 4, "Ana"]]})
    >>> [(i.interaction.kind, i.interaction.occurred_on.isoformat(), i.actor_refs) for i in found.interactions]
    [('call', '2026-03-02', {'4': 'Ana'})]
    >>> [(p.sheet, p.row, p.key) for p in found.problems]
    [('interactions', 3, 'backup.engagement.bad_date')]
    """
    result = EngagementBackup()

    def refuse(sheet: str, row: int, error: norm.Unclear, column: str = "") -> None:
        result.problems.append(Problem(sheet, row, column, error.key, error.details))

    _relation_dates(result, sheets.get("relations", []))
    by_ref: dict[str, BackupInteraction] = {}
    for row, cells in table(sheets.get("interactions", [])):
        ref = norm.text(cells.get("id"))
        if ref in by_ref:
            refuse("interactions", row, norm.Unclear("backup.engagement.repeated", value=ref), "id")
            continue
        try:
            interaction = _interaction(cells)
        except norm.Unclear as error:
            refuse("interactions", row, error)
            continue
        by_ref[ref] = BackupInteraction(
            row, interaction, {}, norm.text(cells.get("consultation")), norm.text(cells.get("campaign"))
        )
        result.interactions.append(by_ref[ref])
    for row, cells in table(sheets.get("interaction_actors", [])):
        owner = by_ref.get(norm.text(cells.get("interaction")))
        if owner is None:
            value = norm.text(cells.get("interaction"))
            refuse("interaction_actors", row, norm.Unclear(UNKNOWN, value=value, sheet="interactions"), "interaction")
            continue
        actor = norm.text(cells.get("actor"))
        owner.actor_refs[actor] = norm.text(cells.get("people"))
        owner.actor_rows[actor] = row
    for row, cells in table(sheets.get("assessments", [])):
        try:
            result.assessments.append(BackupAssessment(row, norm.text(cells.get("actor")), _assessment(cells)))
        except norm.Unclear as error:
            refuse("assessments", row, error)
    return result


def check_links(
    backup: EngagementBackup, actor_refs: set[str], consultation_refs: set[str], campaign_refs: set[str]
) -> list[Problem]:
    """Rows that name an actor, a consultation or a campaign the backup does not have, and
    interactions with nobody.

    >>> call = BackupInteraction(2, Interaction("call", date(2026, 3, 2)), {"9": ""}, "1", actor_rows={"9": 5})
    >>> [(p.sheet, p.row, p.column, p.details) for p in check_links(EngagementBackup([call]), {"1"}, {"1"}, set())]
    [('interaction_actors', 5, 'actor', {'value': '9', 'sheet': 'actors'})]
    """
    problems = []
    for entry in backup.interactions:
        if not entry.actor_refs:
            problems.append(Problem("interactions", entry.row, "", "engagement.errors.interaction_actors_required"))
        for ref in entry.actor_refs:
            if ref not in actor_refs:
                where = entry.actor_rows.get(ref, entry.row)
                problems.append(Problem("interaction_actors", where, "actor", UNKNOWN, _unknown(ref, "actors")))
        for column, ref, known in (
            ("consultation", entry.consultation_ref, consultation_refs),
            ("campaign", entry.campaign_ref, campaign_refs),
        ):
            if ref and ref not in known:
                problems.append(Problem("interactions", entry.row, column, UNKNOWN, _unknown(ref, f"{column}s")))
    for entry in backup.assessments:
        if entry.actor_ref not in actor_refs:
            problems.append(Problem("assessments", entry.row, "actor", UNKNOWN, _unknown(entry.actor_ref, "actors")))
    return problems


def _unknown(value: str, sheet: str) -> dict[str, object]:
    return {"value": value, "sheet": sheet}
