"""Campaigns: activities due and overdue, KPI progress against target and against elapsed time,
budget planned and spent, and the dashboard across campaigns (on track, late, without measurements).

Pure functions with an explicit ``today``: nothing here reads the clock or the database.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from toolkit.domain import Activity, Campaign, Kpi, KpiMeasurement

# a KPI this far behind the share of the campaign's time already gone counts as late
TOLERANCE = 0.10
UPCOMING_DAYS = 14
OPEN_ACTIVITY = frozenset({"planned", "in_progress", "delayed"})  # still to be done
NOT_FOLLOWED = frozenset({"cancelled"})  # campaigns the dashboard leaves out
KPI_STATES = ("reached", "on_track", "behind", "no_measurements")


# -- time ------------------------------------------------------------------------------------


def elapsed(campaign: Campaign, today: date) -> float | None:
    """The share of the campaign's time gone by ``today`` (0 before it starts, 1 once it ended;
    None without both dates).

    >>> c = Campaign("C", starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 11))
    >>> elapsed(c, date(2025, 12, 1)), elapsed(c, date(2026, 1, 6)), elapsed(c, date(2026, 3, 1))
    (0.0, 0.5, 1.0)
    >>> elapsed(Campaign("Sin fechas"), date(2026, 1, 1)) is None
    True
    """
    if campaign.starts_on is None or campaign.ends_on is None:
        return None
    if today <= campaign.starts_on:
        return 0.0
    if today >= campaign.ends_on:
        return 1.0
    return (today - campaign.starts_on).days / (campaign.ends_on - campaign.starts_on).days


# -- activities ------------------------------------------------------------------------------


def overdue(activities: list[Activity], today: date) -> list[Activity]:
    """Activities whose date has passed and that are not done nor cancelled, oldest first.

    >>> today = date(2026, 11, 22)
    >>> work = [Activity(1, "Rueda de prensa", due_on=date(2026, 11, 2)),
    ...         Activity(1, "Boletín", due_on=date(2026, 11, 1), status="done"),
    ...         Activity(1, "Foro", due_on=date(2026, 11, 22)), Activity(1, "Sin fecha")]
    >>> [a.title for a in overdue(work, today)]
    ['Rueda de prensa']
    """
    late = [a for a in activities if a.due_on is not None and a.due_on < today and a.status in OPEN_ACTIVITY]
    return sorted(late, key=lambda a: (a.due_on, a.id or 0))


def upcoming(activities: list[Activity], today: date, days: int = UPCOMING_DAYS) -> list[Activity]:
    """Activities still to do from ``today`` to ``days`` days later (both included), soonest first.

    >>> today = date(2026, 11, 22)
    >>> work = [Activity(1, "Foro", due_on=date(2026, 12, 6)), Activity(1, "Gira", due_on=date(2026, 12, 7)),
    ...         Activity(1, "Hoy", due_on=today), Activity(1, "Hecha", due_on=today, status="done")]
    >>> [a.title for a in upcoming(work, today)]
    ['Hoy', 'Foro']
    """
    until = today + timedelta(days=days)
    soon = [a for a in activities if a.due_on is not None and today <= a.due_on <= until and a.status in OPEN_ACTIVITY]
    return sorted(soon, key=lambda a: (a.due_on, a.id or 0))


def late_activities(activities: list[Activity], today: date) -> list[Activity]:
    """Overdue activities and those the team marked as delayed, oldest first."""
    late = {id(a): a for a in overdue(activities, today)}
    late.update({id(a): a for a in activities if a.status == "delayed"})
    return sorted(late.values(), key=lambda a: (a.due_on or date.max, a.id or 0))


# -- KPIs ------------------------------------------------------------------------------------


def _measured(kpi: Kpi, measurements: list[KpiMeasurement], today: date | None) -> list[KpiMeasurement]:
    mine = [m for m in measurements if m.kpi_id == kpi.id and (today is None or m.measured_on <= today)]
    return sorted(mine, key=lambda m: (m.measured_on, m.id or 0))


def kpi_series(kpi: Kpi, measurements: list[KpiMeasurement], today: date | None = None) -> list[tuple[date, float]]:
    """The KPI's value after each day it was measured: a running total over the baseline for
    ``sum`` KPIs (each measurement adds), the last value for ``last`` KPIs.

    >>> kpi = Kpi(1, "Menciones en prensa", target=40, id=7)
    >>> data = [KpiMeasurement(7, date(2026, 9, 30), 6), KpiMeasurement(7, date(2026, 8, 31), 4),
    ...         KpiMeasurement(7, date(2026, 9, 30), 1)]
    >>> kpi_series(kpi, data)
    [(datetime.date(2026, 8, 31), 4.0), (datetime.date(2026, 9, 30), 11.0)]
    >>> kpi_series(Kpi(1, "Seguidores", target=9000, baseline=5000, aggregation="last", id=7), data)[-1]
    (datetime.date(2026, 9, 30), 1.0)
    """
    series: dict[date, float] = {}
    running = float(kpi.baseline)
    for measurement in _measured(kpi, measurements, today):
        if kpi.aggregation == "sum":
            running += float(measurement.value)
        else:
            running = float(measurement.value)
        series[measurement.measured_on] = running
    return list(series.items())


def kpi_value(kpi: Kpi, measurements: list[KpiMeasurement], today: date | None = None) -> float | None:
    """The KPI's value as of ``today`` (None before its first measurement)."""
    series = kpi_series(kpi, measurements, today)
    return series[-1][1] if series else None


@dataclass
class KpiProgress:
    kpi: Kpi
    value: float | None  # as of today
    progress: float | None  # share of the way from baseline to target (1.0 reached; may pass it)
    expected: float | None  # share of the campaign's time gone: where progress should be by now
    last_measured_on: date | None
    state: str  # reached, on_track, behind, no_measurements


def kpi_progress(kpi: Kpi, measurements: list[KpiMeasurement], campaign: Campaign, today: date) -> KpiProgress:
    """Progress of one KPI against its target and against the campaign's elapsed time.

    It is ``behind`` when its progress trails the share of time gone by more than ``TOLERANCE``.

    >>> campaign = Campaign("C", starts_on=date(2026, 7, 1), ends_on=date(2026, 12, 31))
    >>> kpi = Kpi(1, "Reuniones", target=10, id=3)
    >>> done = [KpiMeasurement(3, date(2026, 8, 15), 2)]
    >>> p = kpi_progress(kpi, done, campaign, date(2026, 10, 1))
    >>> round(p.progress, 2), round(p.expected, 2), p.state
    (0.2, 0.5, 'behind')
    >>> kpi_progress(kpi, [], campaign, date(2026, 10, 1)).state
    'no_measurements'
    """
    series = kpi_series(kpi, measurements, today)
    expected = elapsed(campaign, today)
    if not series:
        return KpiProgress(kpi, None, None, expected, None, "no_measurements")
    last_on, value = series[-1]
    span = float(kpi.target) - float(kpi.baseline)
    progress = (value - float(kpi.baseline)) / span if span else (1.0 if value == kpi.target else 0.0)
    if progress >= 1:
        state = "reached"
    elif expected is not None and progress < expected - TOLERANCE:
        state = "behind"
    else:
        state = "on_track"
    return KpiProgress(kpi, value, progress, expected, last_on, state)


# -- budget ----------------------------------------------------------------------------------


@dataclass
class Budget:
    planned: float | None  # the campaign's budget
    spent: float = 0.0  # cost of activities done
    committed: float = 0.0  # cost of activities still to do

    @property
    def remaining(self) -> float | None:
        return None if self.planned is None else self.planned - self.spent - self.committed

    @property
    def over(self) -> bool:
        return self.remaining is not None and self.remaining < 0


def budget(campaign: Campaign, activities: list[Activity]) -> Budget:
    """Budget planned against what the campaign's activities spent (done) and will spend (to do).

    >>> work = [Activity(1, "Pauta", cost=3_000_000, status="done"), Activity(1, "Foro", cost=2_500_000),
    ...         Activity(1, "Gira", cost=900_000, status="cancelled"), Activity(2, "Otra", cost=1)]
    >>> b = budget(Campaign("C", id=1, budget=5_000_000), work)
    >>> b.spent, b.committed, b.remaining, b.over
    (3000000.0, 2500000.0, -500000.0, True)
    """
    result = Budget(planned=campaign.budget)
    for activity in activities:
        if activity.campaign_id != campaign.id or not activity.cost:
            continue
        if activity.status == "done":
            result.spent += float(activity.cost)
        elif activity.status in OPEN_ACTIVITY:
            result.committed += float(activity.cost)
    return result


# -- the dashboard ---------------------------------------------------------------------------


@dataclass
class CampaignStatus:
    campaign: Campaign
    state: str  # on_track, late, no_measurements
    elapsed: float | None
    kpis: list[KpiProgress] = field(default_factory=list)
    late: list[Activity] = field(default_factory=list)  # overdue, or marked delayed
    upcoming: list[Activity] = field(default_factory=list)
    budget: Budget = field(default_factory=lambda: Budget(None))

    @property
    def behind(self) -> list[KpiProgress]:
        return [p for p in self.kpis if p.state == "behind"]

    @property
    def unmeasured(self) -> list[KpiProgress]:
        return [p for p in self.kpis if p.state == "no_measurements"]


def campaign_status(
    campaign: Campaign, activities: list[Activity], kpis: list[Kpi], measurements: list[KpiMeasurement], today: date
) -> CampaignStatus:
    """Where one campaign stands: ``late`` (overdue or delayed work, or a KPI behind the time
    gone), else ``no_measurements`` (no KPI measured yet), else ``on_track``."""
    mine = [a for a in activities if a.campaign_id == campaign.id]
    progress = [kpi_progress(k, measurements, campaign, today) for k in kpis if k.campaign_id == campaign.id]
    result = CampaignStatus(
        campaign,
        "on_track",
        elapsed(campaign, today),
        progress,
        late_activities(mine, today),
        upcoming(mine, today),
        budget(campaign, mine),
    )
    if result.late or result.behind:
        result.state = "late"
    elif all(p.state == "no_measurements" for p in progress):  # also: no KPI at all
        result.state = "no_measurements"
    return result


def dashboard(
    campaigns: list[Campaign],
    activities: list[Activity],
    kpis: list[Kpi],
    measurements: list[KpiMeasurement],
    today: date,
) -> list[CampaignStatus]:
    """Every campaign followed (cancelled ones aside): late first, then without measurements, then on track.

    >>> today = date(2026, 11, 22)
    >>> campaigns = [Campaign("A", id=1), Campaign("B", id=2), Campaign("C", id=3, status="cancelled")]
    >>> work = [Activity(2, "Rueda de prensa", due_on=date(2026, 11, 2))]
    >>> [(s.campaign.title, s.state) for s in dashboard(campaigns, work, [], [], today)]
    [('B', 'late'), ('A', 'no_measurements')]
    """
    order = {"late": 0, "no_measurements": 1, "on_track": 2}
    statuses = [
        campaign_status(c, activities, kpis, measurements, today) for c in campaigns if c.status not in NOT_FOLLOWED
    ]
    return sorted(statuses, key=lambda s: (order[s.state], s.campaign.starts_on or date.max, s.campaign.id or 0))


def dashboard_counts(statuses: list[CampaignStatus]) -> Counter:
    """How many campaigns are on track, late, without measurements."""
    return Counter(s.state for s in statuses)


# -- tables ----------------------------------------------------------------------------------


def activity_rows(activities: list[Activity]) -> list[dict[str, object]]:
    """Rows for the activities table, by date (undated last)."""
    ordered = sorted(activities, key=lambda a: (a.due_on or date.max, a.id or 0))
    return [
        {
            "id": a.id,
            "version": a.version,
            "delete": False,
            "title": a.title,
            "channel": a.channel,
            "due_on": a.due_on,
            "owner": a.owner,
            "status": a.status,
            "cost": a.cost,
            "notes": a.notes,
        }
        for a in ordered
    ]


def kpi_rows(kpis: list[Kpi]) -> list[dict[str, object]]:
    """Rows for the KPI table."""
    return [
        {
            "id": k.id,
            "version": k.version,
            "delete": False,
            "name": k.name,
            "kind": k.kind,
            "unit": k.unit,
            "baseline": k.baseline,
            "target": k.target,
            "aggregation": k.aggregation,
        }
        for k in kpis
    ]


def measurement_rows(kpis: list[Kpi], measurements: list[KpiMeasurement]) -> list[dict[str, object]]:
    """Rows for the measurements table, newest first."""
    names = {k.id: k.name for k in kpis}
    mine = [m for m in measurements if m.kpi_id in names]
    return [
        {
            "id": m.id,
            "delete": False,
            "kpi": names[m.kpi_id],
            "measured_on": m.measured_on,
            "value": m.value,
            "notes": m.notes,
        }
        for m in sorted(mine, key=lambda m: (m.measured_on, m.id or 0), reverse=True)
    ]


def first_to_follow(
    campaigns: list[Campaign],
    activities: list[Activity],
    kpis: list[Kpi],
    measurements: list[KpiMeasurement],
    today: date,
) -> int | None:
    """The campaign a page opens first: the one that most needs attention, else the last one
    (when all are cancelled); ``None`` without campaigns.

    >>> today = date(2026, 11, 22)
    >>> campaigns = [Campaign("A", id=1), Campaign("B", id=2), Campaign("C", id=3, status="cancelled")]
    >>> first_to_follow(campaigns, [Activity(2, "Foro", due_on=date(2026, 11, 2))], [], [], today)
    2
    >>> first_to_follow([Campaign("C", id=3, status="cancelled")], [], [], [], today)
    3
    >>> first_to_follow([], [], [], [], today) is None
    True
    """
    followed = dashboard(campaigns, activities, kpis, measurements, today)
    if followed:
        return followed[0].campaign.id
    return campaigns[-1].id if campaigns else None


def file_stem(title: str) -> str:
    """The start of a file name made from a campaign's title: letters and digits kept, at most 40.

    >>> file_stem("Medellín: ciudad abierta"), file_stem("¿?")
    ('Medellín__ciudad_abierta', '__')
    >>> file_stem("")
    'campana'
    """
    return "".join(ch if ch.isalnum() else "_" for ch in title)[:40] or "campana"


def measurement_doubt(measured_on: date | None, starts_on: date | None, today: date) -> str | None:
    """Why a KPI measurement's day is questioned before it is saved: ``"before_start"`` (before the
    campaign started), ``"future"`` (after today), or ``None`` when the day is believable.

    >>> start, today = date(2026, 3, 1), date(2026, 11, 22)
    >>> measurement_doubt(date(2026, 2, 27), start, today), measurement_doubt(date(2026, 12, 1), start, today)
    ('before_start', 'future')
    >>> measurement_doubt(date(2026, 3, 1), start, today) is None, measurement_doubt(date(2020, 1, 1), None, today)
    (True, None)
    """
    if measured_on is None:
        return None
    if measured_on > today:
        return "future"
    if starts_on is not None and measured_on < starts_on:
        return "before_start"
    return None
