"""The campaign use cases: one transaction each, plain refusals, nothing half-written; and the
migration that brings audiences and campaigns to an older database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from toolkit.domain import Activity, Audience, Campaign, Kpi, KpiMeasurement
from toolkit.store import StoreError
from toolkit.store.audiences import create_audience
from toolkit.store.campaigns import (
    add_activity,
    add_kpi,
    create_campaign,
    delete_activities,
    delete_campaign,
    delete_kpis,
    delete_measurements,
    import_activities,
    import_measurements,
    list_activities,
    list_campaigns,
    list_kpis,
    list_measurements,
    log_measurement,
    save_activity_edits,
    save_kpi_edits,
    update_campaign,
    validate_activity,
    validate_campaign,
    validate_kpi,
)
from toolkit.store.edits import Edit
from toolkit.store.tables import activities, campaign_audiences, campaigns, kpi_measurements, kpis
from toolkit.store.workspaces import create_workspace, delete_workspace, revision


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Campañas").id


@pytest.fixture
def campaign_id(engine, workspace):
    audience = create_audience(engine, workspace, Audience("Concejo de Medellín"))
    return create_campaign(
        engine,
        workspace,
        Campaign(
            "Por una política de largo plazo",
            type="advocacy",
            audience_ids=[audience],
            starts_on=date(2026, 7, 1),
            ends_on=date(2027, 6, 30),
            budget=45_000_000,
            messages=["Una política de ciudad"],
            channels=["bilateral_meetings"],
        ),
    )


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar()


def test_a_campaign_keeps_its_plan_and_audiences(engine, workspace, campaign_id):
    [stored] = list_campaigns(engine, workspace)
    assert (stored.id, stored.type, stored.budget, stored.messages, stored.channels) == (
        campaign_id,
        "advocacy",
        45e6,
        ["Una política de ciudad"],
        ["bilateral_meetings"],
    )
    assert len(stored.audience_ids) == 1 and stored.status == "planned"


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"title": " "}, "title_required"),
        ({"title": "x" * 301}, "title_too_long"),
        ({"type": "propaganda"}, "bad_type"),
        ({"status": "done"}, "bad_status"),
        ({"starts_on": date(2026, 9, 1), "ends_on": date(2026, 8, 1)}, "dates_reversed"),
        ({"budget": -1}, "bad_budget"),
        ({"budget": float("nan")}, "bad_budget"),
        ({"budget": "mucho"}, "bad_budget"),
        ({"starts_on": "mañana"}, "bad_date"),
    ],
)
def test_bad_campaign_values_are_refused_with_a_reason(values, reason):
    with pytest.raises(StoreError) as refused:
        validate_campaign({"title": "Difusión", **values})
    assert refused.value.reason == reason


def test_a_refused_campaign_stores_nothing(engine, workspace):
    before = revision(engine, workspace)
    for campaign in (Campaign("Difusión", audience_ids=[987_654]), Campaign("Difusión", budget=-1)):
        with pytest.raises(StoreError) as refused:
            create_campaign(engine, workspace, campaign)
        assert refused.value.reason in ("audience_not_found", "bad_budget")
    assert count(engine, campaigns) == 0 and count(engine, campaign_audiences) == 0
    assert revision(engine, workspace) == before


def test_a_second_save_over_the_same_plan_is_refused_not_lost(engine, workspace, campaign_id):
    [seen] = list_campaigns(engine, workspace)
    other = create_audience(engine, workspace, Audience("Cooperantes"))
    update_campaign(
        engine, workspace, Campaign(**{**vars(seen), "status": "active", "audience_ids": [*seen.audience_ids, other]})
    )
    with pytest.raises(StoreError) as refused:
        update_campaign(engine, workspace, Campaign(**{**vars(seen), "status": "paused", "audience_ids": []}))
    assert refused.value.reason == "campaign_changed"
    [now] = list_campaigns(engine, workspace)
    assert now.status == "active" and now.audience_ids == [*seen.audience_ids, other]


def test_activities_are_planned_edited_and_deleted(engine, workspace, campaign_id):
    first = add_activity(
        engine,
        workspace,
        Activity(
            campaign_id, "Reunión con la Comisión Primera", channel="bilateral_meetings", due_on=date(2026, 8, 12)
        ),
    )
    add_activity(engine, workspace, Activity(campaign_id, "Desayuno con cooperantes", cost=5_500_000))
    [seen, _] = list_activities(engine, workspace)
    result = save_activity_edits(engine, workspace, [Edit(first, seen.version, {"status": "done", "cost": 0})])
    assert result.ok and result.saved == 1
    stale = save_activity_edits(engine, workspace, [Edit(first, seen.version, {"status": "delayed"})])
    assert stale.conflicts == ["Reunión con la Comisión Primera"]
    assert list_activities(engine, workspace)[0].status == "done"
    with pytest.raises(StoreError) as refused:
        save_activity_edits(engine, workspace, [Edit(first, seen.version + 1, {"status": "finished"})])
    assert refused.value.reason == "bad_activity_status"
    assert delete_activities(engine, workspace, [first]) == 1
    assert [a.title for a in list_activities(engine, workspace)] == ["Desayuno con cooperantes"]


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"title": "  "}, "activity_title_required"),
        ({"status": "hecho"}, "bad_activity_status"),
        ({"cost": -3}, "bad_cost"),
        ({"due_on": "2026-13-01"}, "bad_date"),
    ],
)
def test_bad_activities_are_refused(values, reason):
    with pytest.raises(StoreError) as refused:
        validate_activity({"title": "Foro", **values})
    assert refused.value.reason == reason


def test_an_imported_plan_is_stored_all_or_nothing(engine, workspace, campaign_id):
    good = [Activity(0, "Cuña radial", channel="radio"), Activity(0, "Boletín", channel="newsletter")]
    with pytest.raises(StoreError):
        import_activities(engine, workspace, campaign_id, [*good, Activity(0, "Mala", cost=-1)])
    assert count(engine, activities) == 0
    assert import_activities(engine, workspace, campaign_id, good) == 2
    assert {a.campaign_id for a in list_activities(engine, workspace)} == {campaign_id}


def test_kpis_and_measurements(engine, workspace, campaign_id):
    kpi_id = add_kpi(engine, workspace, Kpi(campaign_id, "Reuniones de incidencia", target=20, kind="meetings"))
    log_measurement(engine, workspace, KpiMeasurement(kpi_id, date(2026, 8, 31), 3, "Agenda de la dirección"))
    assert (
        import_measurements(
            engine,
            workspace,
            campaign_id,
            [KpiMeasurement(kpi_id, date(2026, 9, 30), 2), KpiMeasurement(kpi_id, date(2026, 10, 31), 4)],
        )
        == 2
    )
    assert [(m.measured_on.month, m.value) for m in list_measurements(engine, workspace)] == [
        (8, 3.0),
        (9, 2.0),
        (10, 4.0),
    ]
    [kpi] = list_kpis(engine, workspace)
    with pytest.raises(StoreError) as refused:  # an edit that makes the target equal the baseline
        save_kpi_edits(engine, workspace, [Edit(kpi_id, kpi.version, {"baseline": 20})])
    assert refused.value.reason == "target_is_baseline"
    assert save_kpi_edits(engine, workspace, [Edit(kpi_id, kpi.version, {"target": 24})]).ok
    assert delete_measurements(engine, workspace, [list_measurements(engine, workspace)[0].id]) == 1
    assert delete_kpis(engine, workspace, [kpi_id]) == 1
    assert count(engine, kpi_measurements) == 0


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"name": ""}, "kpi_name_required"),
        ({"target": None}, "bad_target"),
        ({"target": "diez"}, "bad_target"),
        ({"target": 0}, "target_is_baseline"),
        ({"baseline": "x"}, "bad_baseline"),
        ({"kind": "likes"}, "bad_kpi_kind"),
        ({"aggregation": "average"}, "bad_aggregation"),
    ],
)
def test_bad_kpis_are_refused(values, reason):
    with pytest.raises(StoreError) as refused:
        validate_kpi({"name": "Alcance", "target": 10, "baseline": 0, **values})
    assert refused.value.reason == reason


def test_measurements_need_a_date_a_number_and_a_kpi_of_the_campaign(engine, workspace, campaign_id):
    kpi_id = add_kpi(engine, workspace, Kpi(campaign_id, "Alcance", target=1000))
    other_campaign = create_campaign(engine, workspace, Campaign("Otra"))
    for measurement, reason in (
        (KpiMeasurement(kpi_id, None, 5), "measured_on_required"),
        (KpiMeasurement(kpi_id, date(2026, 9, 1), None), "bad_value"),
        (KpiMeasurement(kpi_id, date(2026, 9, 1), float("inf")), "bad_value"),
        (KpiMeasurement(424_242, date(2026, 9, 1), 5), "kpi_not_found"),
    ):
        with pytest.raises(StoreError) as refused:
            log_measurement(engine, workspace, measurement)
        assert refused.value.reason == reason
    with pytest.raises(StoreError) as refused:
        import_measurements(engine, workspace, other_campaign, [KpiMeasurement(kpi_id, date(2026, 9, 1), 5)])
    assert refused.value.reason == "kpi_not_found"
    assert count(engine, kpi_measurements) == 0


def test_another_workspace_cannot_write_into_a_campaign(engine, workspace, campaign_id):
    other = create_workspace(engine, "Otra").id
    with pytest.raises(StoreError) as refused:
        add_activity(engine, other, Activity(campaign_id, "Intrusa"))
    assert refused.value.reason == "campaign_not_found"
    with pytest.raises(StoreError):
        delete_campaign(engine, other, campaign_id)
    assert len(list_campaigns(engine, workspace)) == 1 and count(engine, activities) == 0


def test_deleting_a_campaign_deletes_its_activities_kpis_and_measurements(engine, workspace, campaign_id):
    add_activity(engine, workspace, Activity(campaign_id, "Foro"))
    kpi_id = add_kpi(engine, workspace, Kpi(campaign_id, "Asistentes", target=100, kind="attendance"))
    log_measurement(engine, workspace, KpiMeasurement(kpi_id, date(2026, 9, 10), 80))
    before = revision(engine, workspace)
    delete_campaign(engine, workspace, campaign_id)
    assert revision(engine, workspace) > before
    assert [count(engine, table) for table in (campaigns, campaign_audiences, activities, kpis, kpi_measurements)] == [
        0,
        0,
        0,
        0,
        0,
    ]


def test_deleting_the_workspace_deletes_its_campaigns(engine, workspace, campaign_id):
    add_activity(engine, workspace, Activity(campaign_id, "Foro"))
    delete_workspace(engine, workspace)
    assert count(engine, campaigns) == 0 and count(engine, activities) == 0


def test_a_database_before_campaigns_is_upgraded_without_losing_data(tmp_path):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine, text

    from toolkit.store import open_store
    from toolkit.store.engine import MIGRATIONS
    from toolkit.store.tables import metadata

    url = f"sqlite:///{tmp_path / 'v3.db'}"
    old = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.execute(
            text(
                "insert into workspaces (name, city, country, language, description, revision) "
                "values ('Antigua', 'Cali', 'Colombia', 'es', '', 0)"
            )
        )
    old.dispose()
    upgraded = open_store(url)
    with upgraded.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []  # the migration builds exactly the tables toolkit/store/tables.py describes
    assert create_campaign(upgraded, 1, Campaign("Primera campaña"))
    upgraded.dispose()


def test_the_sample_ships_audiences_and_campaigns_with_late_work(engine, sample_id):
    from toolkit.audiences import segment_members, unreached_priority
    from toolkit.campaigns import dashboard
    from toolkit.store.audiences import list_audience_members, list_audiences
    from toolkit.store.register import list_actors

    audiences = list_audiences(engine, sample_id)
    by_name = {a.name: a for a in audiences}
    assert len(audiences) >= 3
    assert by_name["Residentes de la Comuna 13"].kind == "public"
    assert by_name["Residentes de la Comuna 13"].estimated_size > 100_000
    actors = list_actors(engine, sample_id)
    names = {a.id: a.name for a in actors}
    partners = segment_members(
        by_name["Cooperantes y organismos multilaterales aliados"], actors, list_audience_members(engine, sample_id)
    )
    assert "Agencia Presidencial de Cooperación Internacional de Colombia" in {names[i] for i in partners.added}
    assert "Organización Internacional para las Migraciones" in {names[i] for i in partners.excluded}
    campaigns = list_campaigns(engine, sample_id)
    assert {"dissemination", "advocacy"} <= {c.type for c in campaigns}
    assert all(c.audience_ids for c in campaigns)
    work, measured = list_activities(engine, sample_id), list_measurements(engine, sample_id)
    assert len({(a.due_on.year, a.due_on.month) for a in work if a.due_on}) >= 6
    assert len({(m.measured_on.year, m.measured_on.month) for m in measured}) >= 3
    states = {
        s.campaign.type: s.state
        for s in dashboard(campaigns, work, list_kpis(engine, sample_id), measured, date(2026, 11, 22))
    }
    assert states == {"dissemination": "late", "advocacy": "on_track", "mixed": "no_measurements"}
    assert [a.name for a in unreached_priority(audiences, campaigns)] == ["Pymes exportadoras de Antioquia"]
