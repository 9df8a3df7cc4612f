"""Indicators of international action in the three dimensions of the AL-LAs alliance (institutional,
political, territorial): the recommended set, the figures filled in from the workspace, progress
against target, trend, and the dashboard per dimension.

The 2018 Paris seminar of AL-LAs asked for criteria "to follow and evaluate the internationalisation
of a local government in three dimensions: institutional, political and territorial"; the default set
below takes its wording from the alliance's work (a legal and institutional framework for foreign
action, a strategic and participatory international strategy, the territory's actors and citizens
who know, own and accompany it).

Pure functions with an explicit ``today``: nothing here reads the clock or the database. The
figures at the bottom are plotly graph objects; pages only display them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import plotly.graph_objects as go

from toolkit.campaigns import kpi_value
from toolkit.charts import in_locale, inert_figure
from toolkit.domain import (
    DIMENSIONS,
    Consultation,
    Contribution,
    Indicator,
    IndicatorMeasurement,
    Kpi,
    KpiMeasurement,
    Participant,
)
from toolkit.i18n import LANGUAGES, format_date, format_number, format_percent, t
from toolkit.markdown import escape
from toolkit.sample import read_sample
from toolkit.vocab import fold

SAMPLE_INDICATORS_PATH = Path(__file__).resolve().parents[1] / "sample_data" / "medellin_indicators.json"

# the workspace figures an indicator can be filled from
AUTOMATIC = ("actors_involved", "consultations_held", "campaign_reach")
HELD_STATUSES = frozenset({"held", "synthesised", "closed"})  # a consultation that took place
REACH_KINDS = frozenset({"reach"})  # campaign KPIs that count people reached
# an indicator whose progress trails the share of its time already gone by more than this is behind
TOLERANCE = 0.10
INDICATOR_STATES = ("reached", "on_track", "behind", "no_target", "no_measurements")
TRENDS = ("up", "down", "flat")
UNITS = ("yes_no", "people", "actors", "projects", "consultations", "networks", "posts", "percent", "currency")


# -- the recommended set ---------------------------------------------------------------------


@dataclass(frozen=True)
class DefaultIndicator:
    """One indicator of the recommended set; its name, unit and hint live in the catalogs."""

    key: str
    dimension: str
    unit: str  # a key of UNITS
    automatic: str | None = None

    @property
    def yes_no(self) -> bool:
        return self.unit == "yes_no"


DEFAULT_SET = (
    DefaultIndicator("ir_office", "institutional", "yes_no"),
    DefaultIndicator("dedicated_staff", "institutional", "people"),
    DefaultIndicator("annual_budget", "institutional", "currency"),
    DefaultIndicator("legal_framework", "institutional", "yes_no"),
    DefaultIndicator("monitoring_system", "institutional", "yes_no"),
    DefaultIndicator("strategy_approved", "political", "yes_no"),
    DefaultIndicator("development_plan", "political", "yes_no"),
    DefaultIndicator("networks_joined", "political", "networks"),
    DefaultIndicator("network_posts", "political", "posts"),
    DefaultIndicator("actors_involved", "territorial", "actors", automatic="actors_involved"),
    DefaultIndicator("joint_projects", "territorial", "projects"),
    DefaultIndicator("consultations_held", "territorial", "consultations", automatic="consultations_held"),
    DefaultIndicator("campaign_reach", "territorial", "people", automatic="campaign_reach"),
    DefaultIndicator("citizen_awareness", "territorial", "percent"),
)


def default_name(default: DefaultIndicator, lang: str | None = None) -> str:
    return t(f"indicators.default.{default.key}", lang=lang)


def default_hint(default: DefaultIndicator, lang: str | None = None) -> str:
    """What to count for this indicator and where to find it."""
    return t(f"indicators.hint.{default.key}", lang=lang)


def unit_name(unit: str, lang: str | None = None) -> str:
    return t(f"indicators.unit.{unit}", lang=lang)


def default_indicators(lang: str | None = None) -> list[Indicator]:
    """The recommended set, named in ``lang``; yes/no indicators aim at 1 ("yes").

    >>> chosen = default_indicators("es")
    >>> sorted({i.dimension for i in chosen}), chosen[1].name, chosen[0].unit, chosen[0].target
    (['institutional', 'political', 'territorial'], 'Personas dedicadas a la acción internacional', 'sí/no', 1.0)
    >>> [i.automatic for i in chosen if i.automatic]
    ['actors_involved', 'consultations_held', 'campaign_reach']
    """
    positions: dict[str, int] = {}
    chosen = []
    for default in DEFAULT_SET:
        position = positions.get(default.dimension, 0)
        positions[default.dimension] = position + 1
        chosen.append(
            Indicator(
                dimension=default.dimension,
                name=default_name(default, lang),
                unit=unit_name(default.unit, lang),
                target=1.0 if default.yes_no else None,
                automatic=default.automatic,
                position=position,
            )
        )
    return chosen


def missing_defaults(existing: list[Indicator], lang: str | None = None) -> list[Indicator]:
    """The recommended indicators a workspace does not have yet, named in ``lang``.

    One counts as present when an indicator carries its name in any language, or fills itself
    from the same workspace figure, so adding the set twice (or after switching language) adds
    nothing twice.

    >>> have = [Indicator("political", "Strategy", automatic=None), Indicator("territorial", "x",
    ...         automatic="campaign_reach"), Indicator("institutional", "International relations office in the "
    ...         "administration's structure")]
    >>> len(default_indicators()) - len(missing_defaults(have))
    2
    """
    names = {fold(i.name) for i in existing}
    automatic = {i.automatic for i in existing if i.automatic}
    wanted = []
    for default, indicator in zip(DEFAULT_SET, default_indicators(lang), strict=True):
        known = {fold(default_name(default, language)) for language in LANGUAGES}
        if not (known & names) and not (default.automatic and default.automatic in automatic):
            wanted.append(indicator)
    return wanted


def is_yes_no(indicator: Indicator) -> bool:
    """Whether the indicator is measured as yes (1) or no (0), by its unit in any language.

    >>> is_yes_no(Indicator("political", "Estrategia", unit="sí/no")), is_yes_no(Indicator("political", "x", unit="%"))
    (True, False)
    """
    return fold(indicator.unit) in {fold(unit_name("yes_no", language)) for language in LANGUAGES}


def automatic_source(lang: str | None = None) -> str:
    """The source written on measurements the app calculates."""
    return t("indicators.automatic.source", lang=lang)


def is_automatic_source(source: str) -> bool:
    """Whether a measurement's source says the app calculated it (in any language)."""
    return fold(source) in {fold(automatic_source(language)) for language in LANGUAGES}


def display_value(indicator: Indicator, value: float | None, lang: str | None = None) -> str:
    """A value as people read it: "Sí"/"No" for yes/no indicators, else the number and its unit.

    >>> display_value(Indicator("political", "Estrategia", unit="sí/no"), 1.0, "es")
    'Sí'
    >>> display_value(Indicator("territorial", "Personas", unit="personas"), 108500.0, "es")
    '108.500 personas'
    >>> display_value(Indicator("territorial", "Personas"), None, "es")
    '—'
    """
    if value is None:
        return "—"
    if is_yes_no(indicator):
        return t("indicators.yes" if value >= 0.5 else "indicators.no", lang=lang)
    digits = 0 if float(value).is_integer() else 1
    return f"{format_number(value, lang, digits)} {indicator.unit}".strip()


# -- figures filled in from the workspace ----------------------------------------------------


def actors_involved(participants: list[Participant], contributions: list[Contribution]) -> int:
    """Distinct actors of the register who attended a consultation or contributed to one.

    >>> actors_involved([Participant(1, 10, "attended"), Participant(1, 11, "invited"), Participant(2, 10, "attended")],
    ...                 [Contribution(1, "Propuesta", actor_id=12), Contribution(1, "Anónima")])
    2
    """
    attended = {p.actor_id for p in participants if p.status == "attended"}
    contributed = {c.actor_id for c in contributions if c.actor_id is not None}
    return len(attended | contributed)


def consultations_held(consultations: list[Consultation]) -> int:
    """Consultations that took place (held, synthesised or closed).

    >>> consultations_held([Consultation("A", status="held"), Consultation("B", status="closed"),
    ...                     Consultation("C", status="convened")])
    2
    """
    return sum(1 for c in consultations if c.status in HELD_STATUSES)


def campaign_reach(kpis: list[Kpi], measurements: list[KpiMeasurement], today: date | None = None) -> float:
    """People reached by every campaign: the sum of the totals of their reach KPIs as of ``today``
    (a ``sum`` KPI adds its measurements, a ``last`` KPI counts its last one).

    >>> kpis = [Kpi(1, "Redes", target=1000, id=1), Kpi(2, "Radio", target=500, aggregation="last", id=2),
    ...         Kpi(1, "Prensa", target=40, kind="press_mentions", id=3)]
    >>> done = [KpiMeasurement(1, date(2026, 8, 31), 300), KpiMeasurement(1, date(2026, 9, 30), 200),
    ...         KpiMeasurement(2, date(2026, 9, 1), 90), KpiMeasurement(2, date(2026, 10, 1), 120),
    ...         KpiMeasurement(3, date(2026, 9, 1), 7)]
    >>> campaign_reach(kpis, done), campaign_reach(kpis, done, date(2026, 9, 15))
    (620.0, 390.0)
    """
    total = 0.0
    for kpi in kpis:
        if kpi.kind in REACH_KINDS:
            total += kpi_value(kpi, measurements, today) or 0.0
    return total


def automatic_figures(
    consultations: list[Consultation],
    participants: list[Participant],
    contributions: list[Contribution],
    kpis: list[Kpi],
    kpi_measurements: list[KpiMeasurement],
    today: date,
) -> dict[str, float]:
    """Every figure of ``AUTOMATIC`` as the workspace stands on ``today``.

    >>> automatic_figures([Consultation("A", status="held")], [Participant(1, 10, "attended")], [], [], [],
    ...                   date(2026, 11, 22))
    {'actors_involved': 1.0, 'consultations_held': 1.0, 'campaign_reach': 0.0}
    """
    return {
        "actors_involved": float(actors_involved(participants, contributions)),
        "consultations_held": float(consultations_held(consultations)),
        "campaign_reach": float(campaign_reach(kpis, kpi_measurements, today)),
    }


# -- progress and trend ----------------------------------------------------------------------


def series(
    indicator: Indicator, measurements: list[IndicatorMeasurement], today: date | None = None
) -> list[tuple[date, float]]:
    """The indicator's measured values by day up to ``today`` (the last one of a day counts).

    >>> data = [IndicatorMeasurement(1, date(2026, 3, 31), 10), IndicatorMeasurement(1, date(2025, 12, 31), 9),
    ...         IndicatorMeasurement(1, date(2026, 3, 31), 12, id=9), IndicatorMeasurement(2, date(2026, 1, 1), 1),
    ...         IndicatorMeasurement(1, date(2027, 1, 1), 99)]
    >>> series(Indicator("institutional", "Personal", id=1), data, date(2026, 11, 22))
    [(datetime.date(2025, 12, 31), 9.0), (datetime.date(2026, 3, 31), 12.0)]
    """
    mine = [m for m in measurements if m.indicator_id == indicator.id and (today is None or m.measured_on <= today)]
    by_day: dict[date, float] = {}
    for measurement in sorted(mine, key=lambda m: (m.measured_on, m.id or 0)):
        by_day[measurement.measured_on] = float(measurement.value)
    return list(by_day.items())


def progress(indicator: Indicator, value: float | None) -> float | None:
    """How far ``value`` has gone from the baseline to the target, from 0.0 to 1.0.

    A target below the baseline (fewer of something) counts the way down; without a baseline the
    count starts from zero; without a target or a value there is no progress to tell (None).

    >>> progress(Indicator("institutional", "Personal", baseline=9, target=14), 12)
    0.6
    >>> progress(Indicator("territorial", "Trámites", baseline=40, target=10), 25)
    0.5
    >>> progress(Indicator("political", "Redes", target=10), 12), progress(Indicator("political", "Redes"), 5)
    (1.0, None)
    """
    if value is None or indicator.target is None:
        return None
    start = float(indicator.baseline or 0.0)
    span = float(indicator.target) - start
    if span == 0:
        return 1.0 if value == indicator.target else 0.0
    return min(1.0, max(0.0, (float(value) - start) / span))


def expected_progress(indicator: Indicator, first_measured_on: date | None, today: date) -> float | None:
    """The share of the indicator's time gone by ``today``: from its baseline date (else its first
    measurement) to its target date; None without both ends.

    >>> i = Indicator("political", "Redes", baseline_on=date(2026, 1, 1), target_on=date(2026, 12, 31))
    >>> round(expected_progress(i, None, date(2026, 7, 2)), 2), expected_progress(i, None, date(2027, 3, 1))
    (0.5, 1.0)
    >>> expected_progress(Indicator("political", "Redes"), date(2026, 1, 1), date(2026, 7, 2)) is None
    True
    """
    starts_on = indicator.baseline_on or first_measured_on
    ends_on = indicator.target_on
    if starts_on is None or ends_on is None or ends_on <= starts_on:
        return None
    if today <= starts_on:
        return 0.0
    if today >= ends_on:
        return 1.0
    return (today - starts_on).days / (ends_on - starts_on).days


def trend(points: list[tuple[date, float]]) -> str | None:
    """``up``, ``down`` or ``flat``: the last measurement against the one before (None with fewer than two).

    >>> d = date(2026, 1, 1)
    >>> trend([(d, 3.0), (d, 5.0)]), trend([(d, 5.0), (d, 5.0)]), trend([(d, 5.0)])
    ('up', 'flat', None)
    """
    if len(points) < 2:
        return None
    last, previous = points[-1][1], points[-2][1]
    if math.isclose(last, previous):
        return "flat"
    return "up" if last > previous else "down"


@dataclass
class IndicatorStatus:
    """Where one indicator stands on a day.

    ``progress`` and ``expected`` are shares from 0.0 to 1.0; ``state`` is one of INDICATOR_STATES;
    ``improving`` says whether the trend goes towards the target (None when flat or without target).
    """

    indicator: Indicator
    value: float | None  # the latest measurement up to today
    measured_on: date | None
    previous: float | None  # the measurement before it
    progress: float | None
    expected: float | None  # where progress should be by today (share of the time gone)
    trend: str | None  # up, down, flat; None with fewer than two measurements
    improving: bool | None
    state: str
    source: str = ""  # the source of the latest measurement
    series: list[tuple[date, float]] = field(default_factory=list)  # for a sparkline or a trend line


def indicator_status(indicator: Indicator, measurements: list[IndicatorMeasurement], today: date) -> IndicatorStatus:
    """Progress, trend and state of one indicator as of ``today``.

    It is ``behind`` when its progress trails the share of its time gone by more than ``TOLERANCE``,
    or, without dates to tell, when its last measurement moved away from the target.

    >>> i = Indicator("institutional", "Personal", unit="personas", baseline=9, baseline_on=date(2025, 7, 1),
    ...               target=14, target_on=date(2027, 6, 30), id=1)
    >>> done = [IndicatorMeasurement(1, date(2025, 9, 30), 9), IndicatorMeasurement(1, date(2026, 9, 30), 11)]
    >>> s = indicator_status(i, done, date(2026, 11, 22))
    >>> s.value, s.trend, s.improving, round(s.progress, 2), round(s.expected, 2), s.state
    (11.0, 'up', True, 0.4, 0.7, 'behind')
    >>> indicator_status(i, [], date(2026, 11, 22)).state
    'no_measurements'
    """
    points = series(indicator, measurements, today)
    value = points[-1][1] if points else None
    measured_on = points[-1][0] if points else None
    previous = points[-2][1] if len(points) > 1 else None
    done = progress(indicator, value)
    expected = expected_progress(indicator, points[0][0] if points else None, today)
    direction = trend(points)
    improving = None
    if (
        direction in ("up", "down")
        and indicator.target is not None
        and float(indicator.target) != float(indicator.baseline or 0.0)
    ):
        improving = (direction == "up") == (float(indicator.target) > float(indicator.baseline or 0.0))
    if value is None:
        state = "no_measurements"
    elif indicator.target is None:
        state = "no_target"
    elif done >= 1:
        state = "reached"
    elif (expected is not None and done < expected - TOLERANCE) or (expected is None and improving is False):
        state = "behind"
    else:
        state = "on_track"
    mine = [m for m in measurements if m.indicator_id == indicator.id and m.measured_on == measured_on]
    source = max(mine, key=lambda m: m.id or 0).source if mine else ""
    return IndicatorStatus(
        indicator, value, measured_on, previous, done, expected, direction, improving, state, source, points
    )


def _order(indicator: Indicator) -> tuple:
    dimension = DIMENSIONS.index(indicator.dimension) if indicator.dimension in DIMENSIONS else len(DIMENSIONS)
    return (dimension, indicator.position, indicator.id or 0)


def dashboard(
    indicators: list[Indicator], measurements: list[IndicatorMeasurement], today: date
) -> list[IndicatorStatus]:
    """Every indicator's status as of ``today``, by dimension (institutional, political,
    territorial) then by its position.

    >>> chosen = [Indicator("territorial", "Consultas", target=4, id=1), Indicator("institutional", "Oficina",
    ...           unit="sí/no", baseline=0, target=1, id=2)]
    >>> done = [IndicatorMeasurement(2, date(2026, 3, 1), 1)]
    >>> [(s.indicator.name, s.state) for s in dashboard(chosen, done, date(2026, 11, 22))]
    [('Oficina', 'reached'), ('Consultas', 'no_measurements')]
    """
    return [indicator_status(i, measurements, today) for i in sorted(indicators, key=_order)]


@dataclass
class DimensionSummary:
    """The indicators of one dimension at a glance.

    ``on_track`` counts those on track and those that reached their target (``reached`` says how
    many of them did); ``average_progress`` (0.0 to 1.0) is over the indicators with a target and a
    measurement, None when there is none.
    """

    dimension: str
    count: int = 0
    average_progress: float | None = None
    on_track: int = 0
    reached: int = 0
    behind: int = 0
    unmeasured: int = 0
    without_target: int = 0


def dimension_summary(statuses: list[IndicatorStatus]) -> list[DimensionSummary]:
    """One summary per dimension, in the order of DIMENSIONS (empty dimensions included).

    >>> chosen = [Indicator("territorial", "Consultas", target=4, id=1), Indicator("territorial", "Actores",
    ...           target=10, id=2), Indicator("political", "Redes", id=3)]
    >>> done = [IndicatorMeasurement(1, date(2026, 3, 1), 4), IndicatorMeasurement(2, date(2026, 3, 1), 5)]
    >>> [(s.dimension, s.count, s.average_progress, s.on_track, s.unmeasured)
    ...  for s in dimension_summary(dashboard(chosen, done, date(2026, 11, 22)))]
    [('institutional', 0, None, 0, 0), ('political', 1, None, 0, 1), ('territorial', 2, 0.75, 2, 0)]
    """
    summaries = []
    for dimension in DIMENSIONS:
        mine = [s for s in statuses if s.indicator.dimension == dimension]
        measured = [s.progress for s in mine if s.progress is not None]
        summaries.append(
            DimensionSummary(
                dimension=dimension,
                count=len(mine),
                average_progress=sum(measured) / len(measured) if measured else None,
                on_track=sum(1 for s in mine if s.state in ("on_track", "reached")),
                reached=sum(1 for s in mine if s.state == "reached"),
                behind=sum(1 for s in mine if s.state == "behind"),
                unmeasured=sum(1 for s in mine if s.state == "no_measurements"),
                without_target=sum(1 for s in mine if s.state == "no_target"),
            )
        )
    return summaries


# -- tables ----------------------------------------------------------------------------------


def status_table(statuses: list[IndicatorStatus], lang: str | None = None) -> dict[str, list]:
    """The dashboard's table of one dimension, column by column under their captions in ``lang``:
    name, progress (%), state, value, target, trend, the series (a sparkline), day and source.

    >>> i = Indicator("territorial", "Consultas", target=4, id=1)
    >>> table = status_table(dashboard([i], [IndicatorMeasurement(1, date(2026, 3, 1), 1)], date(2026, 11, 22)), "es")
    >>> table["Avance"], table["Situación"], table["Evolución"], table["Medido el"]
    ([25], ['A tiempo'], [[1.0]], ['1/03/2026'])
    """
    caption = lambda key: t(key, lang=lang)  # noqa: E731
    return {
        caption("indicators.fields.name"): [s.indicator.name for s in statuses],
        caption("indicators.board.progress"): [
            None if s.progress is None else round(100 * s.progress) for s in statuses
        ],
        caption("indicators.board.state"): [t(f"indicators.state.{s.state}", lang=lang) for s in statuses],
        caption("indicators.board.value"): [display_value(s.indicator, s.value, lang) for s in statuses],
        caption("indicators.fields.target"): [display_value(s.indicator, s.indicator.target, lang) for s in statuses],
        caption("indicators.board.trend"): [
            t(f"indicators.trend.{s.trend}", lang=lang) if s.trend else "—" for s in statuses
        ],
        caption("indicators.board.series"): [[v for _, v in s.series] for s in statuses],
        caption("indicators.board.measured_on"): [format_date(s.measured_on, lang) for s in statuses],
        caption("indicators.board.source"): [s.source or s.indicator.source for s in statuses],
    }


def recorded_values(recorded: list[tuple[str, float]]) -> str:
    """What recording the automatic measurements stored, as one line (names shown inert).

    >>> recorded_values([("Consultas *realizadas*", 1.0), ("Personas alcanzadas", 108500.0)])
    'Consultas \\\\*realizadas\\\\*: 1; Personas alcanzadas: 108.500'
    """
    return "; ".join(f"{escape(name)}: {format_number(value)}" for name, value in recorded)


def indicator_rows(indicators: list[Indicator]) -> list[dict[str, object]]:
    """Rows for the indicators table, by dimension then position."""
    return [
        {
            "id": i.id,
            "version": i.version,
            "delete": False,
            "dimension": i.dimension,
            "name": i.name,
            "unit": i.unit,
            "baseline": i.baseline,
            "baseline_on": i.baseline_on,
            "target": i.target,
            "target_on": i.target_on,
            "source": i.source,
            "automatic": i.automatic or "",
        }
        for i in sorted(indicators, key=_order)
    ]


def measurement_rows(indicators: list[Indicator], measurements: list[IndicatorMeasurement]) -> list[dict[str, object]]:
    """Rows for the measurements table, newest first."""
    names = {i.id: i.name for i in indicators}
    mine = [m for m in measurements if m.indicator_id in names]
    return [
        {
            "id": m.id,
            "delete": False,
            "indicator": names[m.indicator_id],
            "measured_on": m.measured_on,
            "value": m.value,
            "source": m.source,
            "notes": m.notes,
        }
        for m in sorted(mine, key=lambda m: (m.measured_on, m.id or 0), reverse=True)
    ]


# -- the sample ------------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def sample_indicators(
    path: Path = SAMPLE_INDICATORS_PATH, today: date | None = None
) -> list[tuple[Indicator, list[IndicatorMeasurement]]]:
    """The Medellín sample's indicators, each with its measurements (``indicator_id`` left at 0),
    dated around ``today`` (see :mod:`toolkit.sample`)."""
    data = read_sample(path, today)
    chosen = []
    for row in data["indicators"]:
        values = {k: v for k, v in row.items() if k not in ("key", "measurements")}
        values["baseline_on"], values["target_on"] = _day(values.get("baseline_on")), _day(values.get("target_on"))
        measured = [
            IndicatorMeasurement(0, _day(m["measured_on"]), m["value"], m.get("source", ""), m.get("notes", ""))
            for m in row.get("measurements", [])
        ]
        chosen.append((Indicator(**values), measured))
    return chosen


# -- figures ---------------------------------------------------------------------------------

STATE_COLOURS = {
    "reached": "#0B6E4F",
    "on_track": "#4A9B6F",
    "behind": "#C8553D",
    "no_target": "#8A8A8A",
    "no_measurements": "#BBBBBB",
}


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def dimensions_figure(summaries: list[DimensionSummary]) -> go.Figure:
    """Average progress towards target in each dimension (a bar per dimension, 0-100 %).

    >>> fig = dimensions_figure([DimensionSummary("institutional", 2, 0.5), DimensionSummary("political")])
    >>> list(fig.data[0].x), list(fig.data[0].y)
    ([50.0, 0.0], ['Institucional', 'Política'])
    """
    names = [t(f"vocab.dimensions.{s.dimension}") for s in summaries]
    values = [round(100 * (s.average_progress or 0.0), 1) for s in summaries]
    labels = ["—" if s.average_progress is None else format_percent(s.average_progress) for s in summaries]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            text=labels,
            textposition="auto",
            marker_color="#0B6E4F",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        title=t("indicators.chart.dimensions_title"),
        height=260,
        xaxis={"title": t("indicators.chart.progress_axis"), "range": [0, 105]},
        yaxis={"autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 50},
        showlegend=False,
    )
    return inert_figure(figure)


def progress_figure(statuses: list[IndicatorStatus]) -> go.Figure:
    """Progress towards target of each indicator (a bar each, coloured by state), with a diamond
    where it should be by now when its dates tell.

    >>> chosen = [Indicator("political", "Redes", baseline=8, target=12, id=1)]
    >>> fig = progress_figure(dashboard(chosen, [IndicatorMeasurement(1, date(2026, 3, 1), 10)], date(2026, 9, 1)))
    >>> [(trace.name, list(trace.x)) for trace in fig.data]
    [('A tiempo', [50.0])]
    """
    figure = go.Figure()
    names = [_short(s.indicator.name) for s in statuses]
    for state in INDICATOR_STATES:
        chosen = [s for s in statuses if s.state == state]
        if not chosen:
            continue
        figure.add_trace(
            go.Bar(
                x=[round(100 * (s.progress or 0.0), 1) for s in chosen],
                y=[_short(s.indicator.name) for s in chosen],
                orientation="h",
                name=t(f"indicators.state.{state}"),
                marker_color=STATE_COLOURS[state],
                text=["—" if s.progress is None else format_percent(s.progress) for s in chosen],
                textposition="outside",
                cliponaxis=False,  # a bar at 0 % still says so
                customdata=[[s.indicator.name] for s in chosen],
                hovertemplate="%{customdata[0]}: %{x:.0f} %<extra></extra>",
            )
        )
    timed = [s for s in statuses if s.expected is not None and s.progress is not None]
    if timed:
        figure.add_trace(
            go.Scatter(
                x=[round(100 * s.expected, 1) for s in timed],
                y=[_short(s.indicator.name) for s in timed],
                mode="markers",
                name=t("indicators.chart.expected"),
                marker={"symbol": "diamond", "size": 12, "color": "#222"},
                hovertemplate="%{y}: %{x:.0f} %<extra>" + t("indicators.chart.expected") + "</extra>",
            )
        )
    figure.update_layout(
        title=t("indicators.chart.progress_title"),
        barmode="overlay",
        height=max(240, 44 * len(names) + 160),
        xaxis={"title": t("indicators.chart.progress_axis"), "range": [0, 112]},
        yaxis={"categoryorder": "array", "categoryarray": names[::-1]},
        margin={"l": 10, "r": 10, "t": 90},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return inert_figure(figure)


def trend_figure(status: IndicatorStatus, today: date | None = None) -> go.Figure:
    """One indicator's measurements over time, with its baseline and target as lines and today marked.

    >>> i = Indicator("institutional", "Personal", baseline=9, target=14, id=1)
    >>> s = indicator_status(i, [IndicatorMeasurement(1, date(2026, 3, 31), 10)], date(2026, 11, 22))
    >>> [trace.name for trace in trend_figure(s, date(2026, 11, 22)).data]
    ['Valor medido']
    """
    indicator = status.indicator
    figure = go.Figure(
        go.Scatter(
            x=[d for d, _ in status.series],
            y=[v for _, v in status.series],
            mode="lines+markers",
            name=t("indicators.chart.value"),
            line={"color": "#0B6E4F", "width": 3},
        )
    )
    dates = [d for d, _ in status.series] + [d for d in (indicator.baseline_on, indicator.target_on, today) if d]
    if dates:
        first, last = min(dates), max(dates)
        lines = [(indicator.target, "target", "#C8553D", last, "right")]
        if indicator.baseline is not None and indicator.baseline != indicator.target:  # one line when they agree
            lines.append((indicator.baseline, "baseline", "#888", first, "left"))
        for value, key, colour, at, anchor in lines:
            if value is None:
                continue
            figure.add_shape(type="line", x0=first, x1=last, y0=value, y1=value, line={"dash": "dot", "color": colour})
            figure.add_annotation(
                x=at, y=value, text=t(f"indicators.chart.{key}"), showarrow=False, yshift=10, xanchor=anchor
            )
    if today:
        figure.add_shape(
            type="line", x0=today, x1=today, y0=0, y1=1, yref="paper", line={"dash": "dot", "color": "#222"}
        )
        figure.add_annotation(x=today, y=1, yref="paper", text=t("indicators.chart.today"), showarrow=False, yshift=8)
    yaxis = {"title": indicator.unit or None, "rangemode": "tozero"}
    if is_yes_no(indicator):
        yaxis = {"tickvals": [0, 1], "ticktext": [t("indicators.no"), t("indicators.yes")], "range": [-0.1, 1.15]}
    figure.update_layout(
        title=_short(indicator.name, 90), height=320, margin={"l": 10, "r": 10, "t": 60}, yaxis=yaxis, showlegend=False
    )
    return in_locale(inert_figure(figure))


def measurement_doubt(measured_on: date | None, baseline_on: date | None, today: date) -> str | None:
    """Why an indicator measurement's day is questioned before it is saved: ``"before_baseline"``
    (before the indicator's baseline), ``"future"`` (after today), or ``None`` when it is believable.

    >>> baseline, today = date(2026, 1, 1), date(2026, 11, 22)
    >>> measurement_doubt(date(2025, 12, 31), baseline, today), measurement_doubt(date(2027, 1, 1), baseline, today)
    ('before_baseline', 'future')
    >>> measurement_doubt(date(2026, 1, 1), baseline, today) is None
    True
    """
    if measured_on is None:
        return None
    if measured_on > today:
        return "future"
    if baseline_on is not None and measured_on < baseline_on:
        return "before_baseline"
    return None
