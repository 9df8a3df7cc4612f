"""The page "Campañas" under AppTest: the dashboard on the sample, and recording the work of a campaign."""

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit.i18n import set_language, t
from toolkit.settings import Settings
from toolkit.store import open_store
from toolkit.store.campaigns import list_activities, list_campaigns, list_kpis, list_measurements

ROOT = Path(__file__).parents[2]
DISSEMINATION = "Medellín se conecta con el mundo: la internacionalización contada desde los barrios"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    set_language("es")


def open_page(app, lang="es"):
    app.session_state["language"] = lang
    app.run()
    app.switch_page("pages/campaigns/page.py").run()  # not the default page: AppTest would skip app.py
    set_language(lang)  # AppTest formats widget values in this thread
    return app


def store():
    return open_store(Settings.from_environment().database_url)


def open_tab(app, key, lang="es"):
    app.session_state["campaigns_tab"] = t(key, lang=lang)
    return app.run()


def submit(app, label):
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception, app.exception


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_dashboard_shows_what_is_on_track_late_or_unmeasured(app, lang):
    open_page(app, lang)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.title[0].value == t("nav.campaigns", lang=lang)
    counts = {m.label: m.value for m in app.metric}
    assert counts == {
        t("campaigns.state.on_track", lang=lang): "1",
        t("campaigns.state.late", lang=lang): "1",
        t("campaigns.state.no_measurements", lang=lang): "1",
    }
    # the sample's dissemination campaign has work overdue since November (the real today is later)
    late = app.dataframe[1].value
    assert "Feria de la cooperación en el Parque Biblioteca San Javier" in set(
        late[t("campaigns.columns.title", lang=lang)]
    )
    assert app.session_state["campaigns_current"] == next(
        c.id for c in list_campaigns(store(), app.session_state["workspace_id"]) if c.title == DISSEMINATION
    )
    open_tab(app, "campaigns.tab.kpis", lang)
    assert not app.exception, app.exception
    assert len(app.get("plotly_chart")) == 2  # progress against target and time, and one KPI over time


def test_adding_an_activity_and_refusing_one_without_title(app):
    open_page(app)
    workspace_id = app.session_state["workspace_id"]
    current = app.session_state["campaigns_current"]
    open_tab(app, "campaigns.tab.activities")
    before = len(list_activities(store(), workspace_id))
    submit(app, t("campaigns.activities.add"))
    assert [e.value for e in app.error] == [t("campaigns.errors.activity_title_required")]
    assert len(list_activities(store(), workspace_id)) == before
    app.text_input(key="campaigns_activity_title").input("Taller con periodistas comunitarios")
    app.selectbox(key="campaigns_activity_channel").set_value("press")
    app.date_input(key="campaigns_activity_day").set_value(date(2026, 12, 10))
    app.number_input(key="campaigns_activity_cost").set_value(2_500_000)
    submit(app, t("campaigns.activities.add"))
    assert app.success[0].value == t("campaigns.activities.added", title="Taller con periodistas comunitarios")
    added = [a for a in list_activities(store(), workspace_id) if a.title == "Taller con periodistas comunitarios"]
    assert [(a.campaign_id, a.channel, a.due_on, a.cost, a.status) for a in added] == [
        (current, "press", date(2026, 12, 10), 2_500_000, "planned")
    ]
    assert app.session_state["campaigns_tab"] == t("campaigns.tab.activities")  # the open tab stays open


def test_logging_a_kpi_measurement_in_english(app):
    open_page(app, "en")
    workspace_id = app.session_state["workspace_id"]
    current = app.session_state["campaigns_current"]
    open_tab(app, "campaigns.tab.kpis", "en")
    press = next(
        k
        for k in list_kpis(store(), workspace_id)
        if k.campaign_id == current and k.name == "Menciones en prensa y radio"
    )
    before = len(list_measurements(store(), workspace_id))
    app.selectbox(key="campaigns_measure_kpi").set_value(press.id)
    app.date_input(key="campaigns_measure_0_day").set_value(date(2026, 11, 20))
    app.number_input(key="campaigns_measure_0_value").set_value(7)
    app.text_input(key="campaigns_measure_0_notes").input("Media monitoring")
    submit(app, t("campaigns.kpis.measure", lang="en"))
    assert app.success[0].value == t("campaigns.kpis.measured", name="Menciones en prensa y radio", lang="en")
    measured = list_measurements(store(), workspace_id)
    assert len(measured) == before + 1
    assert (measured[-1].kpi_id, measured[-1].value, measured[-1].notes) == (press.id, 7, "Media monitoring")


def test_the_first_kpi_of_a_new_campaign_gets_its_first_measurement(app):
    open_page(app)
    workspace_id = app.session_state["workspace_id"]
    open_tab(app, "campaigns.tab.kpis")  # the measurement form remembers the sample campaign's KPI...
    app.text_input(key="campaigns_new_title").input("Campaña sin indicadores")
    app.button(key="campaigns_new_create").click().run()
    created = app.session_state["campaigns_current"]
    app.text_input(key="campaigns_kpi_name").input("Oyentes alcanzados")
    app.number_input(key="campaigns_kpi_target").set_value(1000)
    submit(app, t("campaigns.kpis.add"))
    [kpi] = [k for k in list_kpis(store(), workspace_id) if k.campaign_id == created]
    app.number_input(key="campaigns_measure_0_value").set_value(250)
    submit(app, t("campaigns.kpis.measure"))  # ...which must not be where this measurement goes
    assert not app.error, [e.value for e in app.error]
    assert [m.value for m in list_measurements(store(), workspace_id) if m.kpi_id == kpi.id] == [250]
