"""A measurement dated before its campaign or its indicator's baseline, or after today, is questioned
before it is saved (issue 16): the store refuses it unless confirmed, the imports warn of it. The
suite's today is 2026-11-22 (tests/conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.campaigns import measurement_doubt as kpi_doubt
from toolkit.domain import Campaign, Indicator, IndicatorMeasurement, Kpi, KpiMeasurement
from toolkit.indicators import measurement_doubt as indicator_doubt
from toolkit.spreadsheets.campaigns import read_measurements
from toolkit.spreadsheets.reading import read_workbook
from toolkit.store import StoreError
from toolkit.store.campaigns import add_kpi, create_campaign, import_measurements, list_measurements, log_measurement
from toolkit.store.indicators import add_indicator, add_measurement, list_indicator_measurements
from toolkit.store.workspaces import create_workspace, revision

TODAY = date(2026, 11, 22)
START = date(2026, 3, 1)


@pytest.mark.parametrize(
    "day, doubt",
    [
        (date(2026, 2, 28), "before_start"),
        (START, None),
        (TODAY, None),
        (date(2026, 11, 23), "future"),
        (None, None),
    ],
)
def test_a_kpi_measurement_day_is_doubted_before_the_start_or_after_today(day, doubt):
    assert kpi_doubt(day, START, TODAY) == doubt


@pytest.mark.parametrize(
    "day, baseline, doubt",
    [
        (date(2025, 6, 30), date(2025, 7, 1), "before_baseline"),
        (date(2025, 7, 1), date(2025, 7, 1), None),
        (date(2020, 1, 1), None, None),  # no baseline day: nothing to be before
        (date(2027, 1, 1), None, "future"),
    ],
)
def test_an_indicator_measurement_day_is_doubted_before_the_baseline_or_after_today(day, baseline, doubt):
    assert indicator_doubt(day, baseline, TODAY) == doubt


@pytest.fixture
def kpi(engine):
    workspace = create_workspace(engine, "Quito")
    campaign_id = create_campaign(engine, workspace.id, Campaign("Quito abierta", starts_on=START))
    return workspace.id, campaign_id, add_kpi(engine, workspace.id, Kpi(campaign_id, "Personas alcanzadas", 1000))


@pytest.mark.parametrize(
    "day, reason",
    [(date(2026, 2, 27), "measurement_before_start"), (date(2026, 12, 1), "measurement_in_future")],
)
def test_a_doubtful_kpi_measurement_is_stored_only_when_confirmed(engine, kpi, day, reason):
    workspace_id, _, kpi_id = kpi
    before = revision(engine, workspace_id)
    with pytest.raises(StoreError) as refused:
        log_measurement(engine, workspace_id, KpiMeasurement(kpi_id, day, 40))
    assert refused.value.reason == reason
    assert list_measurements(engine, workspace_id) == [] and revision(engine, workspace_id) == before
    log_measurement(engine, workspace_id, KpiMeasurement(kpi_id, day, 40), confirmed=True)
    assert [(m.measured_on, m.value) for m in list_measurements(engine, workspace_id)] == [(day, 40)]


def test_the_refusal_names_the_campaigns_start(engine, kpi):
    workspace_id, _, kpi_id = kpi
    with pytest.raises(StoreError) as refused:
        log_measurement(engine, workspace_id, KpiMeasurement(kpi_id, date(2026, 2, 27), 40))
    assert refused.value.details == {"start": "1 de marzo de 2026"}


def test_a_kpi_measurement_within_the_campaign_needs_no_confirmation(engine, kpi):
    workspace_id, _, kpi_id = kpi
    log_measurement(engine, workspace_id, KpiMeasurement(kpi_id, TODAY, 40))
    assert len(list_measurements(engine, workspace_id)) == 1


def test_an_import_with_doubtful_days_warns_and_stores_them_only_when_confirmed(engine, kpi, make_xlsx):
    workspace_id, campaign_id, kpi_id = kpi
    data = make_xlsx({"Mediciones": [["Fecha", "Valor"], ["15/02/2026", 10], ["15/06/2026", 20], ["15/12/2026", 30]]})
    kpis = [Kpi(campaign_id, "Personas alcanzadas", 1000, id=kpi_id)]
    preview = read_measurements(read_workbook(data, "m.xlsx"), kpis, START, TODAY)
    assert [(p.row, p.key) for p in preview.warnings] == [
        (2, "campaigns.import.report.measurement_before_start"),
        (4, "campaigns.import.report.measurement_in_future"),
    ]
    rows = [m for _, m in preview.measurements]
    assert len(rows) == 3
    with pytest.raises(StoreError) as refused:
        import_measurements(engine, workspace_id, campaign_id, rows)
    assert refused.value.reason == "measurement_before_start"
    assert list_measurements(engine, workspace_id) == []
    assert import_measurements(engine, workspace_id, campaign_id, rows, confirmed=True) == 3


@pytest.mark.parametrize(
    "day, reason",
    [(date(2025, 12, 31), "measurement_before_baseline"), (date(2026, 11, 30), "measurement_in_future")],
)
def test_a_doubtful_indicator_measurement_is_stored_only_when_confirmed(engine, day, reason):
    workspace = create_workspace(engine, "Rosario")
    indicator_id = add_indicator(
        engine, workspace.id, Indicator("political", "Redes de ciudades", baseline=2, baseline_on=date(2026, 1, 1))
    )
    with pytest.raises(StoreError) as refused:
        add_measurement(engine, workspace.id, IndicatorMeasurement(indicator_id, day, 3))
    assert refused.value.reason == reason
    assert refused.value.message_key == f"indicators.errors.{reason}"
    assert list_indicator_measurements(engine, workspace.id) == []
    add_measurement(engine, workspace.id, IndicatorMeasurement(indicator_id, day, 3), confirmed=True)
    assert [m.measured_on for m in list_indicator_measurements(engine, workspace.id)] == [day]
