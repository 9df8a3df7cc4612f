"""Saving a table: every table's edits and deletes are one transaction. A conflict on an edited row,
a refused value or a refused delete leaves nothing saved and nothing deleted; a good save does both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Table, select

from toolkit.domain import (
    Activity,
    Actor,
    Campaign,
    Consultation,
    Contribution,
    Indicator,
    IndicatorMeasurement,
    Kpi,
    KpiMeasurement,
    Milestone,
    Relation,
)
from toolkit.store import StoreError, tables
from toolkit.store.campaigns import (
    add_activity,
    add_kpi,
    create_campaign,
    log_measurement,
    save_activity_edits,
    save_kpi_edits,
    save_kpi_measurement_edits,
)
from toolkit.store.consultations import (
    create_consultation,
    invite_actors,
    record_contribution,
    save_contribution_edits,
    save_participant_edits,
)
from toolkit.store.edits import Edit
from toolkit.store.indicators import (
    add_indicator,
    add_measurement,
    save_indicator_edits,
    save_indicator_measurement_edits,
)
from toolkit.store.register import add_actor, add_relation, save_actor_edits, save_relation_edits
from toolkit.store.roadmap import add_milestone, save_milestone_edits
from toolkit.store.workspaces import create_workspace

DAY = date(2026, 3, 2)


@dataclass
class Table_:
    """One editable table: how to make two rows, which column a good edit changes, a refused value."""

    table: Table
    save: Callable
    rows: Callable  # (engine, workspace id) -> (id to edit, id to delete)
    column: str
    good: object
    bad: object
    versioned: bool = True


def _actors(engine, ws):
    return add_actor(engine, ws, Actor("Alcaldía")), add_actor(engine, ws, Actor("Proantioquia"))


def _relations(engine, ws):
    a, b, c = (add_actor(engine, ws, Actor(name)) for name in ("A", "B", "C"))
    return add_relation(engine, ws, Relation(a, b)), add_relation(engine, ws, Relation(a, c))


def _consultation(engine, ws):
    return create_consultation(engine, ws, Consultation("Taller"))


def _participants(engine, ws):
    consultation = _consultation(engine, ws)
    invite_actors(engine, ws, consultation, list(_actors(engine, ws)))
    with engine.connect() as connection:
        ids = connection.execute(select(tables.participants.c.id).order_by(tables.participants.c.id)).scalars().all()
    return ids[0], ids[1]


def _contributions(engine, ws):
    consultation = _consultation(engine, ws)
    return (
        record_contribution(engine, ws, Contribution(consultation, "Más ciclovías")),
        record_contribution(engine, ws, Contribution(consultation, "Menos ruido")),
    )


def _campaign(engine, ws):
    return create_campaign(engine, ws, Campaign("Medellín cuida"))


def _activities(engine, ws):
    campaign = _campaign(engine, ws)
    return add_activity(engine, ws, Activity(campaign, "Rueda de prensa")), add_activity(
        engine, ws, Activity(campaign, "Boletín")
    )


def _kpis(engine, ws):
    campaign = _campaign(engine, ws)
    return add_kpi(engine, ws, Kpi(campaign, "Alcance", 1000)), add_kpi(engine, ws, Kpi(campaign, "Notas", 10))


def _kpi_measurements(engine, ws):
    kpi = _kpis(engine, ws)[0]
    return (
        log_measurement(engine, ws, KpiMeasurement(kpi, DAY, 100)),
        log_measurement(engine, ws, KpiMeasurement(kpi, DAY, 200)),
    )


def _indicators(engine, ws):
    return (
        add_indicator(engine, ws, Indicator("institutional", "Convenios firmados")),
        add_indicator(engine, ws, Indicator("political", "Declaraciones")),
    )


def _indicator_measurements(engine, ws):
    indicator = _indicators(engine, ws)[0]
    return (
        add_measurement(engine, ws, IndicatorMeasurement(indicator, DAY, 3)),
        add_measurement(engine, ws, IndicatorMeasurement(indicator, DAY, 4)),
    )


def _milestones(engine, ws):
    return add_milestone(engine, ws, Milestone("Mapa de actores")), add_milestone(engine, ws, Milestone("Taller"))


TABLES = {
    "actors": Table_(tables.actors, save_actor_edits, _actors, "name", "Alcaldía de Medellín", ""),
    "relations": Table_(tables.relations, save_relation_edits, _relations, "strength", 3, 9),
    "participants": Table_(tables.participants, save_participant_edits, _participants, "status", "invited", "maybe"),
    "contributions": Table_(tables.contributions, save_contribution_edits, _contributions, "priority", "high", "x"),
    "activities": Table_(tables.activities, save_activity_edits, _activities, "status", "done", "someday"),
    "kpis": Table_(tables.kpis, save_kpi_edits, _kpis, "target", 2000, "mucho"),
    "kpi measurements": Table_(
        tables.kpi_measurements, save_kpi_measurement_edits, _kpi_measurements, "value", 150, "n/a", versioned=False
    ),
    "indicators": Table_(tables.indicators, save_indicator_edits, _indicators, "name", "Convenios", ""),
    "indicator measurements": Table_(
        tables.indicator_measurements,
        save_indicator_measurement_edits,
        _indicator_measurements,
        "value",
        5,
        "n/a",
        versioned=False,
    ),
    "milestones": Table_(tables.milestones, save_milestone_edits, _milestones, "status", "done", "someday"),
}


@pytest.fixture(params=list(TABLES))
def case(request, engine):
    spec = TABLES[request.param]
    ws = create_workspace(engine, f"Guardar {request.param}").id
    edited, deleted = spec.rows(engine, ws)
    return spec, engine, ws, edited, deleted


def _row(engine, table: Table, row_id: int):
    with engine.connect() as connection:
        return connection.execute(select(table).where(table.c.id == row_id)).first()


def test_a_good_save_applies_the_edits_and_the_deletes(case):
    spec, engine, ws, edited, deleted = case
    result = spec.save(engine, ws, [Edit(edited, 1, {spec.column: spec.good})], [deleted])
    assert result.ok and result.saved == 1 and result.deleted == 1
    row = _row(engine, spec.table, edited)
    assert getattr(row, spec.column) == spec.good
    if spec.versioned:
        assert row.version == 2
    assert _row(engine, spec.table, deleted) is None


def test_a_conflict_saves_nothing_and_deletes_nothing(case):
    spec, engine, ws, edited, deleted = case
    before = _row(engine, spec.table, edited)
    if spec.versioned:  # someone else saved the row in between
        stale = Edit(edited, 7, {spec.column: spec.good})
        result = spec.save(engine, ws, [stale], [deleted])
    else:  # someone else deleted the row in between
        result = spec.save(engine, ws, [Edit(edited, 1, {spec.column: spec.good}), Edit(10_000, 1, {})], [deleted])
    assert not result.ok and result.conflicts and result.saved == 0 and result.deleted == 0
    assert _row(engine, spec.table, edited) == before
    assert _row(engine, spec.table, deleted) is not None


def test_a_refused_value_saves_nothing_and_deletes_nothing(case):
    spec, engine, ws, edited, deleted = case
    before = _row(engine, spec.table, edited)
    with pytest.raises(StoreError):
        spec.save(engine, ws, [Edit(edited, 1, {spec.column: spec.bad})], [deleted])
    assert _row(engine, spec.table, edited) == before
    assert _row(engine, spec.table, deleted) is not None


def test_deleting_an_actor_in_a_save_puts_it_in_the_bin_with_its_relations(engine):
    from toolkit.store.bin import list_bin

    ws = create_workspace(engine, "Papelera").id
    kept, gone = _actors(engine, ws)
    add_relation(engine, ws, Relation(kept, gone))
    result = save_actor_edits(engine, ws, [Edit(kept, 1, {"city": "Medellín"})], [gone])
    assert result.ok and result.deleted == 1
    (entry,) = list_bin(engine, ws)
    assert entry.label == "Proantioquia" and entry.related == 1
    with engine.connect() as connection:
        assert not connection.execute(select(tables.relations)).all()


def test_a_refused_delete_leaves_the_edits_unsaved(engine):
    ws = create_workspace(engine, "Ajena").id
    other = create_workspace(engine, "Otra").id
    mine = _indicators(engine, ws)[0]
    theirs = _indicators(engine, other)[0]
    with pytest.raises(StoreError, match="indicator_not_found"):
        save_indicator_edits(engine, ws, [Edit(mine, 1, {"name": "Convenios"})], [theirs])
    assert _row(engine, tables.indicators, mine).name == "Convenios firmados"
    assert _row(engine, tables.indicators, theirs) is not None
