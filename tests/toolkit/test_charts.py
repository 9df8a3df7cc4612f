"""User text in a chart is drawn as typed: plotly reads ``<a href>``, ``<b>`` and ``<span style>`` in
every text it draws, so a KPI, an actor, a term or a campaign named with markup must reach the
figure with its ``<`` as an entity (plotly shows the entity as the character)."""

from collections import Counter
from datetime import date

import pytest

from toolkit.campaigns import Budget, kpi_progress
from toolkit.charts import (
    activity_timeline_figure,
    budget_figure,
    count_bars,
    inert,
    kpi_progress_figure,
    kpi_timeline_figure,
    power_interest_figure,
)
from toolkit.domain import Activity, Campaign, Indicator, IndicatorMeasurement, Kpi, KpiMeasurement, Milestone
from toolkit.indicators import (
    dashboard,
    indicator_status,
    progress_figure,
    trend_figure,
)
from toolkit.roadmap import gantt_figure, timeline

HOSTILE = '<a href="https://evil.example" style="color:red">Clic</a> & <b>más</b>'
TODAY = date(2026, 11, 22)


def markup_in(figure) -> list[str]:
    """Every text of the figure that still holds markup (the app's own hover templates aside)."""
    found = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key != "hovertemplate" and "<" in value:
            found.append(f"{key}: {value}")

    walk(figure.to_plotly_json())
    return found


def kpi(**changes) -> Kpi:
    return Kpi(1, HOSTILE, target=100, unit=HOSTILE, id=1, **changes)


CAMPAIGN = Campaign(HOSTILE, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), id=1)
WORDS = {
    "title": HOSTILE,
    "axis": "%",
    "expected": "Esperado",
    "target": "Meta",
    "value": "Valor",
    "path": "Ruta",
    "today": "Hoy",
    "planned": "Previsto",
    "spent": "Gastado",
    "committed": "Comprometido",
    "late": "Con retraso",
}
INDICATOR = Indicator("political", HOSTILE, unit=HOSTILE, baseline=8, target=12, id=1)

FIGURES = {
    "home bars": lambda: count_bars(Counter({"x": 2}), lambda key: HOSTILE, HOSTILE),
    "home bars, vertical": lambda: count_bars(Counter({"x": 2}), lambda key: HOSTILE, "Escalas", horizontal=False),
    "power and interest": lambda: power_interest_figure(
        [{"id": 1, "name": HOSTILE, "interest": 5, "influence": 5, "stance": HOSTILE}],
        dict.fromkeys(("manage_closely", "keep_satisfied", "keep_informed", "monitor"), HOSTILE),
        {"x": HOSTILE, "y": HOSTILE},
        {HOSTILE: "#1b7837"},
    ),
    "KPI progress": lambda: kpi_progress_figure(
        [kpi_progress(kpi(), [KpiMeasurement(1, date(2026, 3, 1), 30)], CAMPAIGN, TODAY)],
        WORDS,
        {"behind": HOSTILE, "on_track": HOSTILE},
    ),
    "KPI over time": lambda: kpi_timeline_figure(
        kpi(), [(date(2026, 3, 1), 30.0)], CAMPAIGN.starts_on, CAMPAIGN.ends_on, TODAY, WORDS
    ),
    "budget": lambda: budget_figure([(HOSTILE, Budget(10.0, 4.0, 3.0))], WORDS),
    "activities": lambda: activity_timeline_figure(
        [Activity(1, HOSTILE, channel="events", due_on=date(2026, 11, 10), id=1)],
        lambda channel: HOSTILE,
        lambda status: HOSTILE,
        TODAY,
        WORDS,
    ),
    "indicator progress": lambda: progress_figure(
        dashboard([INDICATOR], [IndicatorMeasurement(1, date(2026, 3, 1), 10)], TODAY)
    ),
    "indicator trend": lambda: trend_figure(
        indicator_status(INDICATOR, [IndicatorMeasurement(1, date(2026, 3, 1), 10)], TODAY), TODAY
    ),
    "roadmap gantt": lambda: gantt_figure(
        timeline([Milestone(HOSTILE, owner=HOSTILE, due_on=date(2027, 1, 20), id=1)]), TODAY
    ),
}


@pytest.mark.parametrize("build", FIGURES.values(), ids=FIGURES.keys())
def test_user_text_reaches_the_chart_without_markup(build):
    figure = build()
    assert markup_in(figure) == []
    assert "&lt;a href=" in str(figure.to_plotly_json())  # the text is there, as an entity


def test_inert_keeps_what_is_not_text_and_escapes_what_is():
    assert inert([[1, "<b>"], (date(2026, 1, 1), None)]) == [[1, "&lt;b&gt;"], [date(2026, 1, 1), None]]
    assert inert("I+D & Co") == "I+D &amp; Co"
