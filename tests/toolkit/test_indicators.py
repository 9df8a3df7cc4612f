"""Indicators of international action: the recommended set, the figures calculated from the
workspace, progress against target, trend, and the dashboard per dimension (a fixed "today")."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

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
from toolkit.i18n import LANGUAGES, t
from toolkit.indicators import (
    AUTOMATIC,
    DEFAULT_SET,
    actors_involved,
    automatic_figures,
    campaign_reach,
    consultations_held,
    dashboard,
    default_indicators,
    dimension_summary,
    dimensions_figure,
    display_value,
    indicator_status,
    is_automatic_source,
    missing_defaults,
    progress,
    progress_figure,
    sample_indicators,
    trend_figure,
)
from toolkit.spreadsheets.indicators import indicator_workbook
from toolkit.store.sample import sample_batch

TODAY = date(2026, 11, 22)


def measured(indicator_id, *points):
    return [IndicatorMeasurement(indicator_id, day, value, id=n) for n, (day, value) in enumerate(points, 1)]


# -- the recommended set ---------------------------------------------------------------------


def test_the_recommended_set_covers_the_three_dimensions_with_the_issue_examples():
    chosen = default_indicators("es")
    by_dimension = {d: [i.name for i in chosen if i.dimension == d] for d in DIMENSIONS}
    assert all(len(names) >= 4 for names in by_dimension.values()), by_dimension
    assert (
        "Oficina de relaciones internacionales en la estructura de la administración" in by_dimension["institutional"]
    )
    assert "Estrategia de internacionalización aprobada" in by_dimension["political"]
    assert "Ciudadanos que conocen la acción internacional de la ciudad" in by_dimension["territorial"]
    assert sorted(i.automatic for i in chosen if i.automatic) == sorted(AUTOMATIC)
    assert {i.dimension for i in chosen if i.automatic} == {"territorial"}
    for dimension in DIMENSIONS:  # positions run 0, 1, 2... within each dimension
        assert [i.position for i in chosen if i.dimension == dimension] == list(range(len(by_dimension[dimension])))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_yes_no_indicators_aim_at_yes_and_every_name_is_translated(lang):
    chosen = default_indicators(lang)
    names = [i.name for i in chosen]
    assert len(set(names)) == len(names) and all(names)
    yes_no = [i for i, d in zip(chosen, DEFAULT_SET, strict=True) if d.yes_no]
    assert len(yes_no) >= 5
    assert all(i.unit == t("indicators.unit.yes_no", lang=lang) and i.target == 1 for i in yes_no)
    assert all(display_value(i, 1.0, lang) == t("indicators.yes", lang=lang) for i in yes_no)


def test_adding_the_set_again_in_another_language_adds_nothing():
    spanish = default_indicators("es")
    assert missing_defaults(spanish, "en") == []
    renamed = [i for i in spanish if i.automatic != "campaign_reach"] + [
        Indicator("territorial", "Alcance de nuestras campañas", automatic="campaign_reach")
    ]
    assert missing_defaults(renamed, "es") == []  # known by the figure it fills from
    without_two = spanish[2:]
    assert [i.name for i in missing_defaults(without_two, "en")] == [
        "International relations office in the administration's structure",
        "Staff dedicated to international action",
    ]


# -- automatic figures -----------------------------------------------------------------------


def test_automatic_figures_on_hand_made_data():
    participants = [
        Participant(1, 10, "attended"),
        Participant(1, 11, "confirmed"),
        Participant(2, 10, "attended"),
        Participant(2, 12, "no_show"),
        Participant(2, 13, "attended"),
    ]
    contributions = [
        Contribution(1, "Propuesta", actor_id=14),
        Contribution(1, "Desde el público"),
        Contribution(2, "Compromiso", actor_id=13),
    ]
    consultations = [
        Consultation("A", status="held"),
        Consultation("B", status="synthesised"),
        Consultation("C", status="closed"),
        Consultation("D", status="convened"),
        Consultation("E", status="draft"),
    ]
    kpis = [
        Kpi(1, "Redes", target=1000, id=1),
        Kpi(1, "Seguidores", target=900, baseline=100, aggregation="last", id=2),
        Kpi(2, "Reuniones", target=20, kind="meetings", id=3),
    ]
    done = [
        KpiMeasurement(1, date(2026, 8, 31), 300),
        KpiMeasurement(1, date(2026, 9, 30), 200),
        KpiMeasurement(2, date(2026, 9, 1), 400),
        KpiMeasurement(2, date(2026, 12, 1), 800),
        KpiMeasurement(3, date(2026, 9, 1), 9),
    ]
    assert actors_involved(participants, contributions) == 3  # 10, 13 (attended) and 14 (contributed)
    assert consultations_held(consultations) == 3
    assert campaign_reach(kpis, done, TODAY) == 900  # 300 + 200, and the last 400 (December not yet)
    assert automatic_figures(consultations, participants, contributions, kpis, done, TODAY) == {
        "actors_involved": 3.0,
        "consultations_held": 3.0,
        "campaign_reach": 900.0,
    }
    assert automatic_figures([], [], [], [], [], TODAY) == {
        "actors_involved": 0.0,
        "consultations_held": 0.0,
        "campaign_reach": 0.0,
    }


def test_automatic_figures_on_the_sample():
    _, batch = sample_batch()
    consultations = [bundle.consultation for bundle in batch.consultations]
    participants = [
        Participant(0, ref[1], p.status) for bundle in batch.consultations for ref, p in bundle.participants
    ]
    contributions = [
        Contribution(0, c.text, actor_id=ref[1] if ref else None)
        for bundle in batch.consultations
        for ref, c in bundle.contributions
    ]
    kpis, done = [], []
    for bundle in batch.campaigns:
        for kpi, measurements in bundle.kpis:
            kpi.id = len(kpis) + 1
            kpis.append(kpi)
            done += [KpiMeasurement(kpi.id, m.measured_on, m.value) for m in measurements]
    assert automatic_figures(consultations, participants, contributions, kpis, done, TODAY) == {
        "actors_involved": 16.0,
        "consultations_held": 1.0,
        "campaign_reach": 108_500.0,
    }


# -- progress and trend ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "baseline, target, value, expected",
    [
        (9, 14, 12, 0.6),
        (9, 14, 9, 0.0),
        (9, 14, 20, 1.0),  # past the target counts as reached, not more
        (9, 14, 7, 0.0),  # below the baseline is no progress, not negative
        (40, 10, 25, 0.5),  # a target below the baseline: the reduction counts
        (40, 10, 5, 1.0),
        (40, 10, 45, 0.0),
        (None, 10, 4, 0.4),  # without a baseline the count starts from zero
        (0, 1, 1, 1.0),  # yes/no
        (1, 1, 1, 1.0),  # keep what is there
        (1, 1, 0, 0.0),
        (9, None, 12, None),  # no target: no progress to tell
        (9, 14, None, None),
    ],
)
def test_progress_from_baseline_to_target(baseline, target, value, expected):
    assert progress(Indicator("territorial", "x", baseline=baseline, target=target), value) == expected


def test_trend_compares_the_last_measurement_with_the_one_before():
    staff = Indicator("institutional", "Personal", baseline=9, target=14, id=1)
    rising = indicator_status(staff, measured(1, (date(2026, 3, 31), 10), (date(2026, 9, 30), 12)), TODAY)
    assert (rising.trend, rising.improving, rising.value, rising.previous) == ("up", True, 12.0, 10.0)
    assert rising.series == [(date(2026, 3, 31), 10.0), (date(2026, 9, 30), 12.0)]
    falling = indicator_status(staff, measured(1, (date(2026, 3, 31), 12), (date(2026, 9, 30), 11)), TODAY)
    assert (falling.trend, falling.improving) == ("down", False)
    steady = indicator_status(staff, measured(1, (date(2026, 3, 31), 12), (date(2026, 9, 30), 12)), TODAY)
    assert (steady.trend, steady.improving) == ("flat", None)
    once = indicator_status(staff, measured(1, (date(2026, 3, 31), 12)), TODAY)
    assert (once.trend, once.previous) == (None, None)
    procedures = Indicator("territorial", "Trámites", baseline=40, target=10, id=2)
    fewer = indicator_status(procedures, measured(2, (date(2026, 3, 31), 30), (date(2026, 9, 30), 25)), TODAY)
    assert (fewer.trend, fewer.improving) == ("down", True)  # going down is good when the target is lower


def test_measurements_after_today_and_of_other_indicators_do_not_count():
    staff = Indicator("institutional", "Personal", baseline=9, target=14, id=1)
    points = [
        IndicatorMeasurement(1, date(2026, 9, 30), 12, "Gestión Humana", id=1),
        IndicatorMeasurement(1, date(2027, 1, 31), 14, id=2),
        IndicatorMeasurement(2, date(2026, 10, 1), 99, id=3),
    ]
    status = indicator_status(staff, points, TODAY)
    assert (status.value, status.measured_on, status.source) == (12.0, date(2026, 9, 30), "Gestión Humana")


@pytest.mark.parametrize(
    "indicator, points, state",
    [
        (
            Indicator(
                "political",
                "Redes",
                baseline=8,
                baseline_on=date(2025, 7, 1),
                target=11,
                target_on=date(2027, 6, 30),
                id=1,
            ),
            [(date(2026, 9, 30), 10)],
            "on_track",
        ),
        (
            Indicator(
                "political",
                "Estrategia",
                unit="sí/no",
                baseline=0,
                baseline_on=date(2025, 7, 1),
                target=1,
                target_on=date(2026, 12, 31),
                id=1,
            ),
            [(date(2026, 11, 15), 0)],
            "behind",
        ),
        (Indicator("political", "Plan", unit="sí/no", baseline=1, target=1, id=1), [(date(2026, 1, 1), 1)], "reached"),
        (Indicator("political", "Redes", target=11, id=1), [(date(2026, 1, 1), 10), (date(2026, 6, 1), 9)], "behind"),
        (Indicator("political", "Redes", target=11, id=1), [(date(2026, 1, 1), 9), (date(2026, 6, 1), 10)], "on_track"),
        (Indicator("political", "Redes", id=1), [(date(2026, 1, 1), 9)], "no_target"),
        (Indicator("political", "Redes", target=11, id=1), [], "no_measurements"),
    ],
)
def test_state_against_the_time_gone_or_the_trend(indicator, points, state):
    assert indicator_status(indicator, measured(1, *points), TODAY).state == state


# -- the dashboard ---------------------------------------------------------------------------


@pytest.fixture
def workspace():
    chosen = [
        Indicator("territorial", "Consultas", target=4, baseline=0, id=1, position=1),
        Indicator("territorial", "Actores", target=40, baseline=0, id=2, position=0),
        Indicator("institutional", "Oficina", unit="sí/no", baseline=0, target=1, id=3),
        Indicator(
            "political",
            "Estrategia",
            unit="sí/no",
            baseline=0,
            baseline_on=date(2025, 7, 1),
            target=1,
            target_on=date(2026, 12, 31),
            id=4,
        ),
        Indicator("political", "Redes", id=5, position=1),
        Indicator("political", "Cargos", target=3, id=6, position=2),
    ]
    points = [
        IndicatorMeasurement(1, date(2026, 9, 30), 1, id=1),
        IndicatorMeasurement(2, date(2026, 9, 30), 16, id=2),
        IndicatorMeasurement(3, date(2026, 3, 31), 1, id=3),
        IndicatorMeasurement(4, date(2026, 11, 15), 0, id=4),
        IndicatorMeasurement(5, date(2026, 6, 30), 10, id=5),
    ]
    return chosen, points


def test_the_dashboard_goes_by_dimension_then_position(workspace):
    statuses = dashboard(*workspace, TODAY)
    assert [(s.indicator.name, s.state) for s in statuses] == [
        ("Oficina", "reached"),
        ("Estrategia", "behind"),
        ("Redes", "no_target"),
        ("Cargos", "no_measurements"),
        ("Actores", "on_track"),
        ("Consultas", "on_track"),
    ]


def test_the_summary_counts_each_dimension(workspace):
    summaries = {s.dimension: s for s in dimension_summary(dashboard(*workspace, TODAY))}
    assert list(summaries) == list(DIMENSIONS)
    institutional, political, territorial = (summaries[d] for d in DIMENSIONS)
    assert (institutional.count, institutional.average_progress, institutional.on_track, institutional.reached) == (
        1,
        1.0,
        1,
        1,
    )
    assert (
        political.count,
        political.average_progress,
        political.on_track,
        political.behind,
        political.unmeasured,
        political.without_target,
    ) == (3, 0.0, 0, 1, 1, 1)
    assert (territorial.count, territorial.average_progress, territorial.on_track) == (2, pytest.approx(0.325), 2)
    empty = dimension_summary([])
    assert [(s.dimension, s.count, s.average_progress) for s in empty] == [(d, 0, None) for d in DIMENSIONS]


def test_figures_show_each_dimension_and_indicator(workspace):
    statuses = dashboard(*workspace, TODAY)
    bars = dimensions_figure(dimension_summary(statuses))
    assert list(bars.data[0].y) == [t(f"vocab.dimensions.{d}") for d in DIMENSIONS]
    assert list(bars.data[0].x) == [100.0, 0.0, 32.5]
    political = [s for s in statuses if s.indicator.dimension == "political"]
    by_state = {trace.name: list(trace.y) for trace in progress_figure(political).data}
    assert by_state[t("indicators.state.behind")] == ["Estrategia"]
    assert by_state[t("indicators.chart.expected")] == ["Estrategia"]
    line = trend_figure(statuses[0], TODAY)
    assert list(line.data[0].y) == [1.0]


# -- the sample and the download -------------------------------------------------------------


def test_the_sample_ships_a_year_of_measurements_in_every_dimension():
    chosen = sample_indicators()
    assert {i.dimension for i, _ in chosen} == set(DIMENSIONS)
    for dimension in DIMENSIONS:
        days = [m.measured_on for i, ms in chosen if i.dimension == dimension for m in ms]
        assert (max(days) - min(days)).days >= 365, dimension
    assert all(i.target is not None and i.source for i, _ in chosen)
    calculated = [m for _, ms in chosen for m in ms if is_automatic_source(m.source)]
    assert calculated and all(m.source == "Calculado por Hoja de Ruta" for m in calculated)
    names = {i.name for i, _ in chosen}
    assert missing_defaults([i for i, _ in chosen], "es") == []
    assert len(names) == len(DEFAULT_SET)


def test_the_download_keeps_user_text_as_text(workspace):
    chosen, points = workspace
    chosen[0].name = '=HYPERLINK("http://x","clic")'
    points[0].source = "@SUM(A1:A2)"
    data = indicator_workbook(chosen, points, "en", TODAY)
    book = load_workbook(io.BytesIO(data))
    indicators_sheet, measurements_sheet = book.worksheets[0], book.worksheets[1]
    assert indicators_sheet.title == t("indicators.export.sheet.indicators", lang="en")
    header = [c.value for c in indicators_sheet[1]]
    assert header[:2] == ["Dimension", "Indicator"]
    rows = [[c.value for c in row] for row in indicators_sheet.iter_rows(min_row=2)]
    assert len(rows) == len(chosen)
    hostile = next(row for row in rows if row[1].startswith("=HYPERLINK"))
    cell = next(c for row in indicators_sheet.iter_rows(min_row=2) for c in row if c.value == hostile[1])
    assert cell.data_type == "s"
    assert rows[0][:2] == ["Institutional", "Oficina"]
    sources = [row[4].value for row in measurements_sheet.iter_rows(min_row=2)]
    assert "@SUM(A1:A2)" in sources
    assert len(sources) == len(points)
