"""The page "Indicadores" under AppTest: the dashboard per dimension on the sample, the recommended
set in an empty workspace, a measurement recorded by hand and the automatic ones."""

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit import clock
from toolkit.i18n import format_date, format_number, set_language, t
from toolkit.indicators import DEFAULT_SET
from toolkit.settings import Settings
from toolkit.store import open_store
from toolkit.store.indicators import list_indicator_measurements, list_indicators
from toolkit.store.workspaces import create_workspace

ROOT = Path(__file__).parents[2]
PROJECTS = "Proyectos de cooperación ejecutados con actores locales"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    set_language("es")


def store():
    return open_store(Settings.from_environment().database_url)


def open_page(app, lang="es", workspace_id=None):
    app.session_state["language"] = lang
    app.run()
    if workspace_id is not None:
        app.session_state["workspace_id"] = workspace_id
    app.switch_page("pages/indicators/page.py").run()  # not the default page: AppTest would skip app.py
    set_language(lang)  # AppTest formats widget values in this thread
    assert not app.exception, app.exception
    return app


def open_tab(app, key, lang="es"):
    app.session_state["indicators_tab"] = t(key, lang=lang)
    app.run()
    assert not app.exception, app.exception
    return app


def click(app, label):
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception, app.exception


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_dashboard_shows_each_dimension_of_the_sample(app, lang):
    open_page(app, lang)
    assert not app.error, [e.value for e in app.error]
    assert app.title[0].value == t("nav.indicators", lang=lang)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[t("indicators.board.count", lang=lang)] == "5"  # the institutional dimension comes first
    assert metrics[t("indicators.board.behind", lang=lang)] == "1"  # the legal framework is still pending
    table = app.dataframe[0].value
    assert "Marco normativo de la acción internacional adoptado" in set(table[t("indicators.fields.name", lang=lang)])
    assert len(app.get("plotly_chart")) == 3  # the dimensions, this dimension's indicators, one over time
    app.radio(key="indicators_dimension").set_value("territorial").run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    names = list(table[t("indicators.fields.name", lang=lang)])
    assert names[0] == "Actores del territorio vinculados a la estrategia"
    assert {m.label: m.value for m in app.metric}[t("indicators.board.count", lang=lang)] == "5"


def test_an_empty_workspace_starts_with_the_recommended_set(app):
    empty = create_workspace(store(), "Quito: acción internacional").id
    open_page(app, workspace_id=empty)
    assert app.session_state["workspace_id"] == empty
    assert app.info[0].value == t("indicators.empty.message")
    click(app, t("indicators.empty.add_defaults"))
    assert app.success[0].value == t("indicators.defaults.added", count=len(DEFAULT_SET))
    chosen = list_indicators(store(), empty)
    assert len(chosen) == len(DEFAULT_SET)
    assert {m.label: m.value for m in app.metric}[t("indicators.board.unmeasured")] == "5"


def test_an_indicator_without_a_name_is_refused_with_a_plain_message(app):
    open_page(app)
    workspace_id = app.session_state["workspace_id"]
    open_tab(app, "indicators.tab.indicators")
    before = len(list_indicators(store(), workspace_id))
    click(app, t("indicators.new.add"))
    assert [e.value for e in app.error] == [t("indicators.errors.name_required")]
    app.text_input(key="indicators_new_name").input("Hermanamientos activos")
    app.selectbox(key="indicators_new_dimension").set_value("political")
    app.number_input(key="indicators_new_target").set_value(5)
    click(app, t("indicators.new.add"))
    assert app.success[0].value == t("indicators.new.added", name="Hermanamientos activos")
    added = [i for i in list_indicators(store(), workspace_id) if i.name == "Hermanamientos activos"]
    assert len(list_indicators(store(), workspace_id)) == before + 1
    assert [(i.dimension, i.target) for i in added] == [("political", 5.0)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_recording_a_measurement_by_hand(app, lang):
    open_page(app, lang)
    workspace_id = app.session_state["workspace_id"]
    open_tab(app, "indicators.tab.measurements", lang)
    projects = next(i for i in list_indicators(store(), workspace_id) if i.name == PROJECTS)
    before = len(list_indicator_measurements(store(), workspace_id))
    app.selectbox(key="indicators_measure_indicator").set_value(projects.id)
    app.date_input(key="indicators_measure_0_day").set_value(date(2026, 11, 20))
    app.number_input(key="indicators_measure_0_value").set_value(9)
    app.text_input(key="indicators_measure_0_source").input("Banco de proyectos, ACI Medellín")
    click(app, t("indicators.measure.add", lang=lang))
    assert not app.error, [e.value for e in app.error]
    assert app.success[0].value == t("indicators.measure.added", name=PROJECTS, lang=lang)
    measured = list_indicator_measurements(store(), workspace_id)
    assert len(measured) == before + 1
    mine = [m for m in measured if m.indicator_id == projects.id]
    assert (mine[-1].measured_on, mine[-1].value, mine[-1].source) == (
        date(2026, 11, 20),
        9,
        "Banco de proyectos, ACI Medellín",
    )
    assert app.session_state["indicators_tab"] == t("indicators.tab.measurements", lang=lang)  # the tab stays open


def test_recording_the_automatic_measurements_today(app):
    open_page(app)
    workspace_id = app.session_state["workspace_id"]
    today = clock.today()
    app.button(key="indicators_record_automatic").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == t(
        "indicators.automatic.recorded",
        count=3,
        day=format_date(today),
        values="Actores del territorio vinculados a la estrategia: 16; Consultas multiactor realizadas: 1; "
        f"Personas alcanzadas por las campañas de difusión e incidencia: {format_number(108_500)}",
    )
    recorded = [
        m
        for m in list_indicator_measurements(store(), workspace_id)
        if m.measured_on == today and m.source == t("indicators.automatic.source")
    ]
    assert sorted(m.value for m in recorded) == [1.0, 16.0, 108_500.0]
