"""Moving a campaign's start in its plan past KPI measurements already recorded is asked before
saving, naming them (issue 16): "Guardar de todos modos" saves it, "Volver al plan" saves nothing;
a move that leaves no measurement before the start saves at once."""

from datetime import date, timedelta

from tests.pages.test_campaigns_tabs import campaign, kpis_of, open_part
from toolkit.i18n import format_date, t
from toolkit.store.campaigns import list_measurements


def measured_days(kit_store) -> list[date]:
    """The days the sample campaign's KPIs were measured, in order."""
    kpis = {k.id for k in kpis_of(kit_store, campaign(kit_store).id)}
    days = sorted(m.measured_on for m in list_measurements(*kit_store) if m.kpi_id in kpis)
    assert len(set(days)) >= 2, "the sample campaign has fewer than two measurement days"
    return days


def move_start(kit_page, kit_store, day: date):
    app = open_part(kit_page, "plan", campaign(kit_store).id)
    app.date_input[0].set_value(day)  # the start
    next(b for b in app.button if b.label == t("campaigns.plan.save")).click().run()
    assert not app.exception, app.exception
    return app


def said(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_a_start_moved_past_measurements_names_them_and_saves_only_when_told(kit_page, kit_store):
    days, before = measured_days(kit_store), campaign(kit_store).starts_on
    app = move_start(kit_page, kit_store, days[-1])  # past every measurement but those of the last day
    question = said(app)
    assert t("start_moves.campaign_intro", start="").split("(")[0] in question
    assert all(format_date(day) in question for day in days if day < days[-1])
    assert format_date(days[-1]) not in question
    assert campaign(kit_store).starts_on == before  # nothing yet: it asks first
    next(b for b in app.button if b.key == "campaigns_plan_doubt_yes").click().run()
    assert not app.exception and not app.error
    assert campaign(kit_store).starts_on == days[-1]
    assert app.success[0].value == t("campaigns.plan.saved")


def test_going_back_to_the_plan_saves_nothing(kit_page, kit_store):
    days, before = measured_days(kit_store), campaign(kit_store).starts_on
    app = move_start(kit_page, kit_store, days[-1])
    next(b for b in app.button if b.key == "campaigns_plan_doubt_no").click().run()
    assert not app.exception
    assert campaign(kit_store).starts_on == before
    assert t("start_moves.outro") not in said(app)  # the question is gone
    assert app.date_input[0].value == days[-1]  # what was typed stays in the form


def test_a_start_moved_before_every_measurement_saves_at_once(kit_page, kit_store):
    days = measured_days(kit_store)
    app = move_start(kit_page, kit_store, days[0] - timedelta(days=30))
    assert t("start_moves.outro") not in said(app)
    assert campaign(kit_store).starts_on == days[0] - timedelta(days=30)
    assert app.success[0].value == t("campaigns.plan.saved")
