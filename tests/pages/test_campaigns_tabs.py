"""Each part of Campañas run alone (``AppTest.from_function`` on a store of its own): the dashboard,
a new campaign, the picker, the plan, the activities, the KPIs; and each of its editable tables
stores the edits and the deletes of one click together, after asking, or nothing at all."""

from datetime import date

import pytest

from toolkit import access
from toolkit.campaigns import activity_rows, measurement_rows
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store import StoreError
from toolkit.store.accounts import create_user, set_member
from toolkit.store.campaigns import (
    list_activities,
    list_campaigns,
    list_kpis,
    list_measurements,
    save_activity_edits,
    save_kpi_edits,
)
from toolkit.store.edits import Edit

DISSEMINATION = "Medellín se conecta con el mundo: la internacionalización contada desde los barrios"


def campaigns_part(part: str):
    """One module of the page drawn alone, as the page draws it (``part``: its name)."""
    import importlib

    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.campaigns import data
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.campaigns")
    show_notice("campaigns")
    campaigns = data.load(ctx)
    module = importlib.import_module(f"pages.campaigns.{part}")
    if part in ("dashboard", "new_campaign", "picker"):
        module.show(ctx, campaigns)
    else:
        module.show(ctx, data.chosen(ctx, campaigns, st.session_state.get("campaigns_current")))


def campaign(kit_store, title=DISSEMINATION):
    engine, workspace_id = kit_store
    return next(c for c in list_campaigns(engine, workspace_id) if c.title == title)


def activities_of(kit_store, campaign_id):
    engine, workspace_id = kit_store
    return [a for a in list_activities(engine, workspace_id) if a.campaign_id == campaign_id]


def kpis_of(kit_store, campaign_id):
    engine, workspace_id = kit_store
    return [k for k in list_kpis(engine, workspace_id) if k.campaign_id == campaign_id]


def open_part(kit_page, part, campaign_id=None):
    app = kit_page(campaigns_part, part=part)
    if campaign_id is not None:
        app.session_state["campaigns_current"] = campaign_id
    app.run()
    assert not app.exception, app.exception
    return app


def type_in(app, table, edited_rows):
    """Change the grid ``table`` as a person would, then rerun."""
    app.session_state[f"{table}_editor_0"] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    app.run()
    assert not app.exception, app.exception


def click(app, key):
    next(b for b in app.button if b.key == key).click().run()
    assert not app.exception, app.exception


# -- the parts, one by one ---------------------------------------------------------------------


def test_the_dashboard_counts_the_sample_campaigns_and_lists_late_work(kit_page):
    app = open_part(kit_page, "dashboard")
    assert {m.label: m.value for m in app.metric} == {
        t("campaigns.state.on_track"): "1",
        t("campaigns.state.late"): "1",
        t("campaigns.state.no_measurements"): "1",
    }
    late = app.dataframe[1].value
    assert "Feria de la cooperación en el Parque Biblioteca San Javier" in set(late[t("campaigns.columns.title")])
    assert set(late[t("campaigns.columns.campaign")]) == {DISSEMINATION}


def test_a_new_campaign_is_created_and_becomes_the_current_one(kit_page, kit_store):
    app = open_part(kit_page, "new_campaign")
    app.text_input(key="campaigns_new_title").input("Medellín, ciudad de la ciencia")
    click(app, "campaigns_new_create")
    created = campaign(kit_store, "Medellín, ciudad de la ciencia")
    assert app.session_state["campaigns_current"] == created.id
    assert app.success[0].value == t("campaigns.new.done", title="Medellín, ciudad de la ciencia")
    assert app.text_input(key="campaigns_new_title").value == ""  # the form is empty for the next one


def test_a_campaign_without_title_is_refused_in_the_pages_words(kit_page, kit_store):
    engine, workspace_id = kit_store
    before = len(list_campaigns(engine, workspace_id))
    app = open_part(kit_page, "new_campaign")
    click(app, "campaigns_new_create")
    assert [e.value for e in app.error] == [t("campaigns.errors.title_required")]
    assert len(list_campaigns(engine, workspace_id)) == before


def test_the_picker_opens_the_campaign_that_most_needs_attention(kit_page, kit_store):
    app = open_part(kit_page, "picker")
    assert app.session_state["campaigns_current"] == campaign(kit_store).id
    assert app.selectbox(key="campaigns_pick").value == campaign(kit_store).id


def test_the_plan_saves_the_campaign_and_deleting_it_asks_first(kit_page, kit_store):
    chosen = campaign(kit_store)
    app = open_part(kit_page, "plan", chosen.id)
    app.text_input[1].input("Oficina de Comunicaciones")  # the owner
    next(b for b in app.button if b.label == t("campaigns.plan.save")).click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert campaign(kit_store).owner == "Oficina de Comunicaciones"
    assert app.success[0].value == t("campaigns.plan.saved")
    click(app, "campaigns_delete")
    assert t("campaigns.delete.question", title=escape(chosen.title)) in [m.value for m in app.markdown]
    assert campaign(kit_store).id == chosen.id  # nothing yet: the dialog asks (its button reruns it alone in a browser)


def test_the_activities_tab_adds_an_activity_and_refuses_one_without_title(kit_page, kit_store):
    chosen = campaign(kit_store)
    before = len(activities_of(kit_store, chosen.id))
    app = open_part(kit_page, "activities", chosen.id)
    assert app.subheader[1].value == t("campaigns.activities.list", count=before)
    next(b for b in app.button if b.label == t("campaigns.activities.add")).click().run()
    assert [e.value for e in app.error] == [t("campaigns.errors.activity_title_required")]
    app.text_input(key="campaigns_activity_title").input("Taller con periodistas comunitarios")
    app.date_input(key="campaigns_activity_day").set_value(date(2026, 12, 10))
    next(b for b in app.button if b.label == t("campaigns.activities.add")).click().run()
    assert not app.exception and not app.error
    assert len(activities_of(kit_store, chosen.id)) == before + 1
    assert app.success[0].value == t("campaigns.activities.added", title="Taller con periodistas comunitarios")


def test_the_kpis_tab_charts_progress_and_logs_a_measurement(kit_page, kit_store):
    engine, workspace_id = kit_store
    chosen = campaign(kit_store)
    press = next(k for k in kpis_of(kit_store, chosen.id) if k.name == "Menciones en prensa y radio")
    app = open_part(kit_page, "kpis", chosen.id)
    assert len(app.get("plotly_chart")) == 2  # progress against target and time, and one KPI over time
    before = len(list_measurements(engine, workspace_id))
    app.selectbox(key="campaigns_measure_kpi").set_value(press.id)
    app.number_input(key="campaigns_measure_0_value").set_value(7)
    next(b for b in app.button if b.label == t("campaigns.kpis.measure")).click().run()
    assert not app.exception and not app.error
    assert len(list_measurements(engine, workspace_id)) == before + 1
    assert app.success[0].value == t("campaigns.kpis.measured", name="Menciones en prensa y radio")


def test_deleting_a_kpi_asks_first(kit_page, kit_store):
    chosen = campaign(kit_store)
    shown = kpis_of(kit_store, chosen.id)[0]
    app = open_part(kit_page, "kpis", chosen.id)
    click(app, "campaigns_kpi_delete")
    assert t("campaigns.kpis.delete_kpi_question", name=shown.name) in [m.value for m in app.markdown]
    assert shown.id in {k.id for k in kpis_of(kit_store, chosen.id)}  # nothing yet: the dialog asks


# -- the activities table ----------------------------------------------------------------------


def rows_of_activities(kit_store, campaign_id):
    return activity_rows(activities_of(kit_store, campaign_id))


def test_activities_edits_and_deletes_are_saved_together_after_asking(kit_page, kit_store):
    chosen = campaign(kit_store)
    first, second = rows_of_activities(kit_store, chosen.id)[:2]
    app = open_part(kit_page, "activities", chosen.id)
    type_in(app, "campaigns_activities", {0: {"owner": "Equipo de prensa"}, 1: {"delete": True}})
    assert next(b for b in app.button if b.key == "campaigns_activities_save").label == t(
        "campaigns.table.save", count=2
    )
    click(app, "campaigns_activities_save")
    assert len(activities_of(kit_store, chosen.id)) == len(rows_of_activities(kit_store, chosen.id))
    assert second["id"] in {a.id for a in activities_of(kit_store, chosen.id)}  # nothing yet: the dialog asks
    assert t("campaigns.table.delete_question", count=1) in [m.value for m in app.markdown]
    click(app, "campaigns_activities_delete_confirm")
    after = {a.id: a for a in activities_of(kit_store, chosen.id)}
    assert after[first["id"]].owner == "Equipo de prensa"
    assert second["id"] not in after
    assert app.success[0].value == t("campaigns.table.saved", saved=1, deleted=1)


def test_an_activities_conflict_saves_neither_the_edits_nor_the_deletes(kit_page, kit_store):
    engine, workspace_id = kit_store
    chosen = campaign(kit_store)
    first, second = rows_of_activities(kit_store, chosen.id)[:2]
    app = open_part(kit_page, "activities", chosen.id)
    type_in(app, "campaigns_activities", {0: {"owner": "Equipo de prensa"}, 1: {"delete": True}})
    # meanwhile someone else changes the first activity
    save_activity_edits(engine, workspace_id, [Edit(first["id"], first["version"], {"notes": "Otra persona"})])
    click(app, "campaigns_activities_save")
    click(app, "campaigns_activities_delete_confirm")
    after = {a.id: a for a in activities_of(kit_store, chosen.id)}
    assert after[first["id"]].owner == first["owner"] and after[first["id"]].notes == "Otra persona"
    assert second["id"] in after  # the delete was refused with the edit
    assert app.error[0].value == t("errors.conflict", names=first["title"])


def test_a_refused_activity_value_saves_nothing_and_says_why_in_the_pages_words(kit_page, kit_store):
    chosen = campaign(kit_store)
    first, second = rows_of_activities(kit_store, chosen.id)[:2]
    app = open_part(kit_page, "activities", chosen.id)
    type_in(app, "campaigns_activities", {0: {"title": ""}, 1: {"delete": True}})  # an activity needs a title
    click(app, "campaigns_activities_save")
    click(app, "campaigns_activities_delete_confirm")
    after = {a.id: a for a in activities_of(kit_store, chosen.id)}
    assert after[first["id"]].title == first["title"] and second["id"] in after
    assert [e.value for e in app.error] == [t("campaigns.errors.activity_title_required")]


# -- the KPIs table (corrections only: a KPI is deleted with its own button) --------------------


def test_kpi_corrections_are_saved_and_said_with_their_singular(kit_page, kit_store):
    chosen = campaign(kit_store)
    app = open_part(kit_page, "kpis", chosen.id)
    type_in(app, "campaigns_kpis", {0: {"unit": "cuentas alcanzadas"}})
    click(app, "campaigns_kpis_save")
    assert kpis_of(kit_store, chosen.id)[0].unit == "cuentas alcanzadas"
    assert app.success[0].value == t("campaigns.kpis.edited", count=1)
    assert t("campaigns.kpis.edited", count=1) != t("campaigns.kpis.edited", count=2)


def test_a_refused_kpi_value_or_a_conflict_saves_none_of_the_corrections(kit_page, kit_store):
    engine, workspace_id = kit_store
    chosen = campaign(kit_store)
    first, second = kpis_of(kit_store, chosen.id)[:2]
    app = open_part(kit_page, "kpis", chosen.id)
    type_in(
        app, "campaigns_kpis", {0: {"unit": "cuentas alcanzadas"}, 1: {"target": second.baseline}}
    )  # target = baseline
    click(app, "campaigns_kpis_save")
    assert [e.value for e in app.error] == [t("campaigns.errors.target_is_baseline")]
    assert [k.unit for k in kpis_of(kit_store, chosen.id)[:2]] == [first.unit, second.unit]
    type_in(app, "campaigns_kpis", {0: {"unit": "cuentas alcanzadas"}, 1: {"unit": "notas"}})
    save_kpi_edits(engine, workspace_id, [Edit(second.id, second.version, {"name": "Notas en medios"})])  # meanwhile
    click(app, "campaigns_kpis_save")
    after = kpis_of(kit_store, chosen.id)
    assert (after[0].unit, after[1].unit, after[1].name) == (first.unit, second.unit, "Notas en medios")
    assert app.error[0].value == t("errors.conflict", names="Notas en medios")


# -- the measurements table (deletes only) ---------------------------------------------------


def measurements_of(kit_store, campaign_id):
    engine, workspace_id = kit_store
    return measurement_rows(kpis_of(kit_store, campaign_id), list_measurements(engine, workspace_id))


def test_measurements_ticked_are_deleted_together_after_asking(kit_page, kit_store):
    chosen = campaign(kit_store)
    first, second = measurements_of(kit_store, chosen.id)[:2]
    app = open_part(kit_page, "kpis", chosen.id)
    type_in(app, "campaigns_measurements", {0: {"delete": True}, 1: {"delete": True}})
    save = next(b for b in app.button if b.key == "campaigns_measurements_save")
    assert save.label == t("campaigns.kpis.delete_measurements", count=2)
    click(app, "campaigns_measurements_save")
    assert first["id"] in {m["id"] for m in measurements_of(kit_store, chosen.id)}  # nothing yet
    assert t("campaigns.kpis.delete_measurements_question", count=2) in [m.value for m in app.markdown]
    click(app, "campaigns_measurements_delete_confirm")
    assert not {first["id"], second["id"]} & {m["id"] for m in measurements_of(kit_store, chosen.id)}
    assert app.success[0].value == t("campaigns.kpis.measurements_deleted", count=2)


def test_a_refused_measurement_delete_deletes_none(kit_page, kit_store, monkeypatch):
    import pages.campaigns.kpi_tables as kpi_tables

    calls = []

    def busy(engine, workspace_id, edits, to_delete):  # the store refuses the whole click
        calls.append(list(to_delete))
        raise StoreError("busy")

    monkeypatch.setattr(kpi_tables, "save_kpi_measurement_edits", busy)
    chosen = campaign(kit_store)
    first, second = measurements_of(kit_store, chosen.id)[:2]
    app = open_part(kit_page, "kpis", chosen.id)
    type_in(app, "campaigns_measurements", {0: {"delete": True}, 1: {"delete": True}})
    click(app, "campaigns_measurements_save")
    click(app, "campaigns_measurements_delete_confirm")
    assert calls == [[first["id"], second["id"]]]  # both in one call of the one use case
    assert {first["id"], second["id"]} <= {m["id"] for m in measurements_of(kit_store, chosen.id)}
    assert app.error[0].value == t("store.busy")


@pytest.mark.parametrize("part", ["activities", "kpis"])
def test_a_viewer_reads_the_tables_without_save_or_delete(kit_page, kit_store, part):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", "viewer")
    app = kit_page(campaigns_part, part=part)
    app.session_state["person"] = access.Person(user_id, "lectora")
    app.session_state["campaigns_current"] = campaign(kit_store).id
    app.run()
    assert not app.exception, app.exception
    assert not [b for b in app.button if b.key and b.key.endswith(("_save", "_reload"))]
    assert not app.data_editor
