"""The roadmap's and the indicators' sheets of the backup workbook: ``milestones``, ``indicators``
and ``indicator_measurements``, written and read back.

Like the other sheets of the backup, rows are numbered 1..n in the order things were created;
a milestone names its consultation and campaign by the backup's own numbers (those of the
``consultations`` and ``campaigns`` sheets), a measurement its indicator by the ``indicators``
sheet's number. Pure functions: nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from toolkit.domain import (
    DIMENSIONS,
    INDICATOR_COLUMNS,
    INDICATOR_MEASUREMENT_COLUMNS,
    MILESTONE_COLUMNS,
    MILESTONE_STATUSES,
    Indicator,
    IndicatorMeasurement,
    Milestone,
)
from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.backup_rows import BAD_VALUE, number, numbered, table, whole
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.writing import SheetSpec


def backup_sheets(
    milestones: list[Milestone],
    indicators: list[Indicator],
    measurements: list[IndicatorMeasurement],
    consultation_ref: dict[int, int],
    campaign_ref: dict[int, int],
) -> list[SheetSpec]:
    """The three sheets, in creation order; links to consultations and campaigns by their backup numbers.

    >>> sheets = backup_sheets([Milestone("Taller", consultation_id=40, id=9)], [], [], {40: 1}, {})
    >>> [s.name for s in sheets], sheets[0].rows[0][:3], sheets[0].rows[0][8:10]
    (['milestones', 'indicators', 'indicator_measurements'], [1, '', 'Taller'], [1, ''])
    """
    milestone_rows = [
        [
            position,
            m.phase or "",
            m.title,
            m.description,
            m.starts_on,
            m.due_on,
            m.owner,
            m.status,
            consultation_ref.get(m.consultation_id, ""),
            campaign_ref.get(m.campaign_id, ""),
            m.notes,
        ]
        for position, m in enumerate(sorted(milestones, key=lambda m: m.id or 0), start=1)
    ]
    indicator_order = sorted(indicators, key=lambda i: i.id or 0)
    indicator_ref = numbered(indicators)
    indicator_rows = [
        [
            indicator_ref[i.id],
            i.dimension,
            i.name,
            i.unit,
            i.baseline,
            i.baseline_on,
            i.target,
            i.target_on,
            i.source,
            i.automatic or "",
            i.position,
        ]
        for i in indicator_order
    ]
    measured = sorted(
        (m for m in measurements if m.indicator_id in indicator_ref),
        key=lambda m: (indicator_ref[m.indicator_id], m.measured_on, m.id or 0),
    )
    measurement_rows = [
        [position, indicator_ref[m.indicator_id], m.measured_on, m.value, m.source, m.notes]
        for position, m in enumerate(measured, start=1)
    ]
    return [
        SheetSpec("milestones", list(MILESTONE_COLUMNS), milestone_rows),
        SheetSpec("indicators", list(INDICATOR_COLUMNS), indicator_rows),
        SheetSpec("indicator_measurements", list(INDICATOR_MEASUREMENT_COLUMNS), measurement_rows),
    ]


@dataclass
class BackupMilestone:
    row: int
    milestone: Milestone
    consultation_ref: str = ""  # the consultations sheet's number, "" when not linked
    campaign_ref: str = ""


@dataclass
class RoadmapBackup:
    """What the three sheets bring: milestones with their links by backup number, indicators each
    with its measurements, and the rows that could not be read."""

    milestones: list[BackupMilestone] = field(default_factory=list)
    indicators: list[tuple[Indicator, list[IndicatorMeasurement]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _day(value: object) -> date | None:
    return norm.day(value)


def _required(value: object) -> str:
    words = norm.text(value)
    if not words:
        raise norm.Unclear("reports.restore.missing_name")
    return words


def _milestone(cells: dict[str, object]) -> Milestone:
    status = norm.text(cells.get("status")) or "planned"
    if status not in MILESTONE_STATUSES:
        raise norm.Unclear(BAD_VALUE, value=status)
    return Milestone(
        title=_required(cells.get("title")),
        phase=norm.text(cells.get("phase")) or None,
        description=norm.text(cells.get("description")),
        starts_on=_day(cells.get("starts_on")),
        due_on=_day(cells.get("due_on")),
        owner=norm.text(cells.get("owner")),
        status=status,
        notes=norm.text(cells.get("notes")),
    )


def _indicator(cells: dict[str, object]) -> Indicator:
    dimension = norm.text(cells.get("dimension"))
    if dimension not in DIMENSIONS:
        raise norm.Unclear(BAD_VALUE, value=dimension)
    return Indicator(
        dimension=dimension,
        name=_required(cells.get("name")),
        unit=norm.text(cells.get("unit")),
        baseline=number(cells.get("baseline")),
        baseline_on=_day(cells.get("baseline_on")),
        target=number(cells.get("target")),
        target_on=_day(cells.get("target_on")),
        source=norm.text(cells.get("source")),
        automatic=norm.text(cells.get("automatic")) or None,
        position=whole(cells.get("position")) or 0,
    )


def _measurement(cells: dict[str, object]) -> IndicatorMeasurement:
    """A measurement with its day and value (both required); its indicator is set when restored."""
    measured_on, value = _day(cells.get("measured_on")), number(cells.get("value"))
    if measured_on is None:
        raise norm.Unclear(BAD_VALUE, value="")
    if value is None:
        raise norm.Unclear(BAD_VALUE, value="")
    return IndicatorMeasurement(
        indicator_id=0,
        measured_on=measured_on,
        value=value,
        source=norm.text(cells.get("source")),
        notes=norm.text(cells.get("notes")),
    )


def parse_backup(sheets: dict[str, list[list[object]]]) -> RoadmapBackup:
    """The three sheets of a backup (absent in older backups, which then bring none), row by row.

    >>> found = parse_backup({"milestones": [["id", "title", "status", "campaign"], [1, "Foro", "done", 2],
    ...                                      [2, "", "planned", ""]]})
    >>> [(m.milestone.title, m.milestone.status, m.campaign_ref) for m in found.milestones]
    [('Foro', 'done', '2')]
    >>> [(p.sheet, p.row, p.key) for p in found.problems]
    [('milestones', 3, 'reports.restore.missing_name')]
    """
    result = RoadmapBackup()

    def refuse(sheet: str, row: int, error: norm.Unclear, column: str = "") -> None:
        result.problems.append(Problem(sheet, row, column, error.key, error.details))

    for row, cells in table(sheets.get("milestones", [])):
        try:
            milestone = _milestone(cells)
        except norm.Unclear as error:
            refuse("milestones", row, error)
            continue
        result.milestones.append(
            BackupMilestone(row, milestone, norm.text(cells.get("consultation")), norm.text(cells.get("campaign")))
        )
    by_ref: dict[str, list[IndicatorMeasurement]] = {}
    for row, cells in table(sheets.get("indicators", [])):
        try:
            indicator = _indicator(cells)
        except norm.Unclear as error:
            refuse("indicators", row, error)
            continue
        by_ref[norm.text(cells.get("id"))] = []
        result.indicators.append((indicator, by_ref[norm.text(cells.get("id"))]))
    for row, cells in table(sheets.get("indicator_measurements", [])):
        owner = by_ref.get(norm.text(cells.get("indicator")))
        if owner is None:
            refuse(
                "indicator_measurements",
                row,
                norm.Unclear(BAD_VALUE, value=norm.text(cells.get("indicator"))),
                "indicator",
            )
            continue
        try:
            owner.append(_measurement(cells))
        except norm.Unclear as error:
            refuse("indicator_measurements", row, error)
    return result


def check_links(backup: RoadmapBackup, consultation_refs: set[str], campaign_refs: set[str]) -> list[Problem]:
    """Milestones that point at a consultation or campaign the backup does not have.

    >>> found = RoadmapBackup([BackupMilestone(2, Milestone("Foro"), "1", "7")])
    >>> [(p.row, p.column, p.details) for p in check_links(found, {"1"}, {"1", "2"})]
    [(2, 'campaign', {'value': '7'})]
    """
    problems = []
    for entry in backup.milestones:
        for column, ref, known in (
            ("consultation", entry.consultation_ref, consultation_refs),
            ("campaign", entry.campaign_ref, campaign_refs),
        ):
            if ref and ref not in known:
                problems.append(Problem("milestones", entry.row, column, BAD_VALUE, {"value": ref}))
    return problems
