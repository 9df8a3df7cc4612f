"""A measurement dated before its campaign or its indicator's baseline is asked about before it is
saved (issue 16); "Corregir la fecha" keeps what was typed, "Guardar de todos modos" saves it once,
and the form is empty again. The suite's today is 2026-11-22."""

from datetime import date

from tests.pages.test_campaigns_tabs import campaign, campaigns_part
from tests.pages.test_indicators_tabs import indicators_part
from toolkit.i18n import format_long_date, t
from toolkit.store.campaigns import list_kpis, list_measurements
from toolkit.store.indicators import list_indicator_measurements, list_indicators


def press_kpi(kit_store, campaign_id):
    engine, workspace_id = kit_store
    return next(k for k in list_kpis(engine, workspace_id) if k.campaign_id == campaign_id and "prensa" in k.name)


def button(app, label):
    return next(b for b in app.button if b.label == label)


def kpis_tab(kit_page, campaign_id):
    app = kit_page(campaigns_part, part="kpis")
    app.session_state["campaigns_current"] = campaign_id
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_kpi_measurement_before_the_campaign_is_asked_about_then_saved_once(kit_page, kit_store):
    engine, workspace_id = kit_store
    chosen = campaign(kit_store)
    press = press_kpi(kit_store, chosen.id)
    before = len(list_measurements(engine, workspace_id))
    app = kpis_tab(kit_page, chosen.id)
    app.selectbox(key="campaigns_measure_kpi").set_value(press.id)
    app.date_input(key="campaigns_measure_0_day").set_value(date(2026, 7, 15))
    app.number_input(key="campaigns_measure_0_value").set_value(7)
    button(app, t("campaigns.kpis.measure")).click().run()
    question = t("campaigns.doubt.before_start", start=format_long_date(chosen.starts_on))
    assert (
        question == "La medición es anterior al inicio de la campaña (1 de agosto de 2026). ¿Guardarla de todos modos?"
    )
    assert question in [m.value for m in app.markdown]
    assert len(list_measurements(engine, workspace_id)) == before  # nothing yet: it asks

    button(app, t("campaigns.doubt.correct")).click().run()
    assert question not in [m.value for m in app.markdown]
    assert app.number_input(key="campaigns_measure_0_value").value == 7  # what was typed is still there
    assert len(list_measurements(engine, workspace_id)) == before

    button(app, t("campaigns.kpis.measure")).click().run()
    button(app, t("campaigns.doubt.confirm")).click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert app.success[0].value == t("campaigns.kpis.measured", name=press.name)
    assert len(list_measurements(engine, workspace_id)) == before + 1
    assert app.number_input(key="campaigns_measure_1_value").value is None  # the form is empty again
    button(app, t("campaigns.kpis.measure")).click().run()  # a second click saves nothing more
    assert len(list_measurements(engine, workspace_id)) == before + 1


def test_a_kpi_measurement_of_today_is_saved_without_a_question_and_the_form_empties(kit_page, kit_store):
    engine, workspace_id = kit_store
    chosen = campaign(kit_store)
    before = len(list_measurements(engine, workspace_id))
    app = kpis_tab(kit_page, chosen.id)
    app.number_input(key="campaigns_measure_0_value").set_value(12)
    app.text_input(key="campaigns_measure_0_notes").input("Monitoreo de medios")
    button(app, t("campaigns.kpis.measure")).click().run()
    assert len(list_measurements(engine, workspace_id)) == before + 1
    assert app.text_input(key="campaigns_measure_1_notes").value == ""
    button(app, t("campaigns.kpis.measure")).click().run()
    assert len(list_measurements(engine, workspace_id)) == before + 1


def test_an_indicator_measurement_in_the_future_is_asked_about(kit_page, kit_store):
    engine, workspace_id = kit_store
    first = list_indicators(engine, workspace_id)[0]
    before = len(list_indicator_measurements(engine, workspace_id))
    app = kit_page(indicators_part, part="measurements")
    app.run()
    app.selectbox(key="indicators_measure_indicator").set_value(first.id)
    app.date_input(key="indicators_measure_0_day").set_value(date(2026, 12, 24))
    app.number_input(key="indicators_measure_0_value").set_value(3)
    button(app, t("indicators.measure.add")).click().run()
    question = t("indicators.doubt.future", day=format_long_date(date(2026, 12, 24)))
    assert question in [m.value for m in app.markdown]
    assert len(list_indicator_measurements(engine, workspace_id)) == before
    button(app, t("indicators.doubt.confirm")).click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    saved = list_indicator_measurements(engine, workspace_id)
    assert len(saved) == before + 1 and date(2026, 12, 24) in [m.measured_on for m in saved]
    assert app.number_input(key="indicators_measure_1_value").value is None
