"""The indicator use cases on SQLite and PostgreSQL: one transaction each, plain refusals, nothing
half-written; the automatic measurements; and the sample's year of measurements."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from toolkit.access import Person, acting_as
from toolkit.domain import DIMENSIONS, Indicator, IndicatorMeasurement
from toolkit.i18n import t
from toolkit.indicators import DEFAULT_SET
from toolkit.store import StoreError
from toolkit.store.edits import Edit
from toolkit.store.indicators import (
    add_default_indicators,
    add_indicator,
    add_measurement,
    delete_indicators,
    delete_measurements,
    insert_indicator_measurements,
    insert_indicators,
    list_indicator_measurements,
    list_indicators,
    record_automatic_measurements,
    save_indicator_edits,
    workspace_figures,
)
from toolkit.store.tables import indicator_measurements, indicators
from toolkit.store.workspaces import create_workspace, revision

TODAY = date(2026, 11, 22)


@pytest.fixture
def empty_id(engine):
    return create_workspace(engine, "Quito: acción internacional").id


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar()


def by_name(engine, workspace_id):
    return {i.name: i for i in list_indicators(engine, workspace_id)}


# -- the sample ------------------------------------------------------------------------------


def test_the_sample_ships_measurements_over_a_year_in_all_three_dimensions(engine, sample_id):
    chosen = list_indicators(engine, sample_id)
    measured = list_indicator_measurements(engine, sample_id)
    assert len(chosen) == len(DEFAULT_SET)
    assert [i.dimension for i in chosen] == sorted((i.dimension for i in chosen), key=DIMENSIONS.index)
    for dimension in DIMENSIONS:
        mine = {i.id for i in chosen if i.dimension == dimension}
        days = [m.measured_on for m in measured if m.indicator_id in mine]
        assert (max(days) - min(days)).days >= 365, dimension
        positions = [i.position for i in chosen if i.dimension == dimension]
        assert positions == sorted(positions)
    assert [(m.indicator_id, m.measured_on) for m in measured] == sorted(
        (m.indicator_id, m.measured_on) for m in measured
    )
    assert all(i.baseline is not None and i.target is not None and i.source for i in chosen)
    assert {i.automatic for i in chosen if i.automatic} == {"actors_involved", "consultations_held", "campaign_reach"}


def test_the_sample_figures_come_from_its_consultations_and_campaigns(engine, sample_id):
    assert workspace_figures(engine, sample_id, TODAY) == {
        "actors_involved": 16.0,
        "consultations_held": 1.0,
        "campaign_reach": 108_500.0,
    }
    # as of September only the first two months of the campaign had been measured
    assert workspace_figures(engine, sample_id, date(2026, 9, 30))["campaign_reach"] == 79_000.0


# -- indicators ------------------------------------------------------------------------------


def test_adding_listing_and_editing_an_indicator(engine, sample_id):
    before = revision(engine, sample_id)
    new_id = add_indicator(
        engine,
        sample_id,
        Indicator(
            dimension="political",
            name="  Hermanamientos   activos ",
            unit="acuerdos",
            baseline=3,
            baseline_on=date(2026, 1, 1),
            target=5,
            target_on=date(2027, 12, 31),
            source="Convenios firmados",
        ),
    )
    assert revision(engine, sample_id) == before + 1
    chosen = list_indicators(engine, sample_id)
    added = next(i for i in chosen if i.id == new_id)
    assert (added.name, added.unit, added.baseline, added.target, added.version) == (
        "Hermanamientos activos",
        "acuerdos",
        3.0,
        5.0,
        1,
    )
    political = [i for i in chosen if i.dimension == "political"]
    assert political[-1].id == new_id  # at the end of its dimension
    assert chosen.index(added) < min(chosen.index(i) for i in chosen if i.dimension == "territorial")

    result = save_indicator_edits(
        engine,
        sample_id,
        [Edit(new_id, 1, {"target": 6, "target_on": date(2028, 6, 30), "source": "Convenios vigentes"})],
    )
    assert result.ok and result.saved == 1
    edited = by_name(engine, sample_id)["Hermanamientos activos"]
    assert (edited.target, edited.target_on, edited.source, edited.version) == (
        6.0,
        date(2028, 6, 30),
        "Convenios vigentes",
        2,
    )


def test_a_conflicting_save_saves_nothing_and_names_the_rows(engine, sample_id):
    chosen = by_name(engine, sample_id)
    staff = chosen["Personas dedicadas a la acción internacional"]
    networks = chosen["Redes de ciudades de las que la ciudad es miembro"]
    assert save_indicator_edits(engine, sample_id, [Edit(staff.id, staff.version, {"target": 15})]).ok
    # someone who loaded the table before that save edits both rows
    result = save_indicator_edits(
        engine,
        sample_id,
        [Edit(networks.id, networks.version, {"target": 12}), Edit(staff.id, staff.version, {"target": 20})],
    )
    assert not result.ok and result.conflicts == [staff.name]
    after = by_name(engine, sample_id)
    assert after[networks.name].target == networks.target  # not saved either
    assert after[staff.name].target == 15


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"name": "   "}, "indicator_name_required"),
        ({"name": "x" * 301}, "indicator_name_too_long"),
        ({"dimension": "economic"}, "indicator_dimension"),
        ({"target": float("inf")}, "indicator_bad_target"),
        ({"target": "muchos"}, "indicator_bad_target"),
        ({"baseline": float("-inf")}, "indicator_bad_baseline"),
        ({"baseline": True}, "indicator_bad_baseline"),
        ({"target_on": date(2206, 1, 1)}, "indicator_bad_date"),
        ({"baseline_on": "ayer"}, "indicator_bad_date"),
        ({"target_on": date(2025, 1, 1)}, "indicator_dates_reversed"),  # before the stored baseline date
        ({"automatic": "weather"}, "indicator_bad_automatic"),
    ],
)
def test_bad_edits_are_refused_with_a_plain_reason(engine, sample_id, changes, reason):
    staff = by_name(engine, sample_id)["Personas dedicadas a la acción internacional"]
    before = revision(engine, sample_id)
    with pytest.raises(StoreError) as refused:
        save_indicator_edits(engine, sample_id, [Edit(staff.id, staff.version, changes)])
    assert refused.value.reason == reason
    assert t(refused.value.message_key) != refused.value.message_key  # a message exists for it
    assert by_name(engine, sample_id)[staff.name].version == staff.version
    assert revision(engine, sample_id) == before


@pytest.mark.parametrize(
    "indicator, reason",
    [
        (Indicator("", "Sin dimensión"), "indicator_dimension"),
        (Indicator("territorial", ""), "indicator_name_required"),
        (Indicator("territorial", "Meta imposible", target=float("nan")), "indicator_bad_target"),
        (
            Indicator("territorial", "Al revés", baseline_on=date(2026, 6, 1), target_on=date(2026, 1, 1)),
            "indicator_dates_reversed",
        ),
    ],
)
def test_bad_indicators_are_not_added(engine, empty_id, indicator, reason):
    with pytest.raises(StoreError) as refused:
        add_indicator(engine, empty_id, indicator)
    assert refused.value.reason == reason
    assert list_indicators(engine, empty_id) == []


def test_deleting_an_indicator_deletes_its_measurements(engine, sample_id):
    staff = by_name(engine, sample_id)["Personas dedicadas a la acción internacional"]
    measured_before = list_indicator_measurements(engine, sample_id)
    assert delete_indicators(engine, sample_id, [staff.id]) == 1
    assert staff.name not in by_name(engine, sample_id)
    after = list_indicator_measurements(engine, sample_id)
    assert len(after) == len(measured_before) - sum(1 for m in measured_before if m.indicator_id == staff.id)
    assert all(m.indicator_id != staff.id for m in after)


# -- measurements ----------------------------------------------------------------------------


def test_recording_and_deleting_a_measurement(engine, sample_id):
    projects = by_name(engine, sample_id)["Proyectos de cooperación ejecutados con actores locales"]
    new_id = add_measurement(
        engine,
        sample_id,
        IndicatorMeasurement(
            projects.id, date(2026, 11, 20), 9, "Banco de proyectos, ACI Medellín", "Proyecto con la UdeA"
        ),
    )
    mine = [m for m in list_indicator_measurements(engine, sample_id) if m.indicator_id == projects.id]
    assert (mine[-1].id, mine[-1].measured_on, mine[-1].value, mine[-1].source, mine[-1].notes) == (
        new_id,
        date(2026, 11, 20),
        9.0,
        "Banco de proyectos, ACI Medellín",
        "Proyecto con la UdeA",
    )
    assert delete_measurements(engine, sample_id, [new_id]) == 1
    assert new_id not in {m.id for m in list_indicator_measurements(engine, sample_id)}


@pytest.mark.parametrize(
    "day, value, reason",
    [
        (None, 3, "indicator_measured_on_required"),
        (date(2026, 11, 20), None, "indicator_bad_value"),
        (date(2026, 11, 20), float("nan"), "indicator_bad_value"),
        (date(2026, 11, 20), "tres", "indicator_bad_value"),
        (date(2026, 11, 20), 1e15, "indicator_bad_value"),
        (date(1850, 1, 1), 3, "indicator_bad_date"),
    ],
)
def test_bad_measurements_are_refused(engine, sample_id, day, value, reason):
    projects = by_name(engine, sample_id)["Proyectos de cooperación ejecutados con actores locales"]
    before = count(engine, indicator_measurements)
    with pytest.raises(StoreError) as refused:
        add_measurement(engine, sample_id, IndicatorMeasurement(projects.id, day, value))
    assert refused.value.reason == reason
    assert count(engine, indicator_measurements) == before


def test_ids_of_another_workspace_are_refused(engine, sample_id, empty_id):
    own_id = add_indicator(engine, empty_id, Indicator("territorial", "Consultas barriales", target=10))
    theirs = list_indicators(engine, sample_id)[0]
    their_measurement = list_indicator_measurements(engine, sample_id)[0]
    before = (count(engine, indicators), count(engine, indicator_measurements))
    with pytest.raises(StoreError) as refused:
        add_measurement(engine, empty_id, IndicatorMeasurement(theirs.id, TODAY, 1))
    assert refused.value.reason == "indicator_not_found"
    with pytest.raises(StoreError) as refused:
        delete_measurements(engine, empty_id, [their_measurement.id])
    assert refused.value.reason == "indicator_measurement_not_found"
    with pytest.raises(StoreError) as refused:
        delete_indicators(engine, empty_id, [own_id, theirs.id])
    assert refused.value.reason == "indicator_not_found"
    result = save_indicator_edits(engine, empty_id, [Edit(theirs.id, theirs.version, {"name": "Mío"})])
    assert not result.ok
    assert (count(engine, indicators), count(engine, indicator_measurements)) == before
    assert list_indicators(engine, sample_id)[0].name == theirs.name


def test_a_non_member_neither_reads_nor_writes(engine, sample_id):
    with acting_as(Person(10**6, "nadie@ciudad.gov")):
        for read in (list_indicators, list_indicator_measurements):
            with pytest.raises(StoreError) as refused:
                read(engine, sample_id)
            assert refused.value.reason == "workspace_not_found"
        with pytest.raises(StoreError):
            add_indicator(engine, sample_id, Indicator("political", "Intruso"))
        with pytest.raises(StoreError):
            record_automatic_measurements(engine, sample_id, TODAY)
    assert "Intruso" not in by_name(engine, sample_id)


# -- the recommended set and automatic measurements ------------------------------------------


def test_the_recommended_set_is_added_once(engine, empty_id):
    assert add_default_indicators(engine, empty_id, "es") == len(DEFAULT_SET)
    chosen = list_indicators(engine, empty_id)
    assert {i.dimension for i in chosen} == set(DIMENSIONS)
    assert add_default_indicators(engine, empty_id, "es") == 0
    assert add_default_indicators(engine, empty_id, "en") == 0  # same set, other language
    assert len(list_indicators(engine, empty_id)) == len(DEFAULT_SET)


def test_the_recommended_set_goes_after_the_teams_own(engine, empty_id):
    own = add_indicator(engine, empty_id, Indicator("political", "Hermanamientos activos"))
    add_default_indicators(engine, empty_id, "en")
    political = [i for i in list_indicators(engine, empty_id) if i.dimension == "political"]
    assert political[0].id == own
    assert political[1].name == "Internationalisation strategy approved"
    assert len({i.position for i in political}) == len(political)


def test_automatic_measurements_are_recorded_from_the_workspace(engine, sample_id):
    before = len(list_indicator_measurements(engine, sample_id))
    result = record_automatic_measurements(engine, sample_id, TODAY, "es")
    assert result.recorded == [
        ("Actores del territorio vinculados a la estrategia", 16.0),
        ("Consultas multiactor realizadas", 1.0),
        ("Personas alcanzadas por las campañas de difusión e incidencia", 108_500.0),
    ]
    measured = list_indicator_measurements(engine, sample_id)
    today = [m for m in measured if m.measured_on == TODAY]
    assert len(measured) == before + 3
    assert {m.source for m in today} == {"Calculado por Hoja de Ruta"}
    # twice the same day (in English now): the calculation is replaced, not repeated
    again = record_automatic_measurements(engine, sample_id, TODAY, "en")
    assert again.replaced == 3
    today = [m for m in list_indicator_measurements(engine, sample_id) if m.measured_on == TODAY]
    assert len(today) == 3 and {m.source for m in today} == {"Calculated by Hoja de Ruta"}


def test_a_figure_typed_by_hand_the_same_day_stays(engine, sample_id):
    consultations = by_name(engine, sample_id)["Consultas multiactor realizadas"]
    typed = add_measurement(engine, sample_id, IndicatorMeasurement(consultations.id, TODAY, 2, "Acta del comité"))
    record_automatic_measurements(engine, sample_id, TODAY)
    record_automatic_measurements(engine, sample_id, TODAY)
    mine = [
        m
        for m in list_indicator_measurements(engine, sample_id)
        if m.indicator_id == consultations.id and m.measured_on == TODAY
    ]
    assert sorted((m.value, m.id == typed) for m in mine) == [(1.0, False), (2.0, True)]


def test_without_automatic_indicators_nothing_is_recorded(engine, empty_id):
    add_indicator(engine, empty_id, Indicator("institutional", "Oficina", unit="sí/no", target=1))
    result = record_automatic_measurements(engine, empty_id, TODAY)
    assert result.recorded == [] and list_indicator_measurements(engine, empty_id) == []


# -- writing inside the caller's transaction (the sample, a restored backup) -----------------


def test_inserting_in_a_transaction_is_all_or_nothing(engine, empty_id):
    with engine.begin() as connection:
        ids = insert_indicators(
            connection, empty_id, [Indicator("territorial", "A", target=3), Indicator("political", "B", position=4)]
        )
        insert_indicator_measurements(
            connection,
            empty_id,
            [IndicatorMeasurement(ids[0], TODAY, 1, "acta"), IndicatorMeasurement(ids[1], TODAY, 2)],
        )
    assert [i.name for i in list_indicators(engine, empty_id)] == ["B", "A"]
    assert [(m.indicator_id, m.value, m.source) for m in list_indicator_measurements(engine, empty_id)] == [
        (ids[0], 1.0, "acta"),
        (ids[1], 2.0, ""),
    ]

    before = (count(engine, indicators), count(engine, indicator_measurements))
    with pytest.raises(StoreError), engine.begin() as connection:
        new_ids = insert_indicators(connection, empty_id, [Indicator("territorial", "C")])
        insert_indicator_measurements(connection, empty_id, [IndicatorMeasurement(new_ids[0], TODAY, float("inf"))])
    assert (count(engine, indicators), count(engine, indicator_measurements)) == before
