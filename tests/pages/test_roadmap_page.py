"""The page "Hoja de ruta" under AppTest: the sample's roadmap at a glance, on the timeline and in
the table, in Spanish and English; adding a milestone (and a refused one); the downloads; an
empty workspace; and the commitments of a consultation sent to the roadmap."""

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit.i18n import set_language, t
from toolkit.settings import Settings
from toolkit.store import open_store
from toolkit.store.consultations import list_consultations
from toolkit.store.roadmap import list_milestones
from toolkit.store.workspaces import create_workspace, rename_term

ROOT = Path(__file__).parents[2]
TALLER = "Taller multiactor: bases de la política de internacionalización de Medellín"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    set_language("es")


def open_page(app, lang="es", page="pages/roadmap/page.py"):
    app.session_state["language"] = lang
    app.run()
    app.switch_page(page).run()  # not the default page: AppTest would skip app.py
    set_language(lang)  # AppTest formats widget values in this thread
    return app


def store():
    return open_store(Settings.from_environment().database_url)


def no_trouble(app):
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_sample_roadmap_at_a_glance_on_the_timeline_and_in_the_table(app, lang):
    open_page(app, lang)
    no_trouble(app)
    assert app.title[0].value == t("nav.roadmap", lang=lang)
    milestones = app.metric[:4]  # the next steps with actors follow, with their own three counts
    assert [m.label for m in milestones] == [
        t(f"roadmap.attention.{name}", lang=lang) for name in ("overdue", "this_week", "next_week", "blocked")
    ]
    counts = {m.label: int(m.value) for m in milestones}
    assert counts[t("roadmap.attention.overdue", lang=lang)] >= 3  # the sample has work late since October
    assert counts[t("roadmap.attention.blocked", lang=lang)] >= 1
    assert len(app.get("plotly_chart")) == 1  # the Gantt
    assert t("roadmap.phases.title", lang=lang) in [m.value.strip("*") for m in app.markdown]
    assert any(t("vocab.phases.strategy", lang=lang) in m.value for m in app.markdown)
    subheaders = [s.value for s in app.subheader]
    assert t("roadmap.table.title", count=25, lang=lang) in subheaders
    downloads = app.get("download_button")
    assert len(downloads) == 2  # .xlsx and .ics
    assert not app.info  # nothing says the roadmap is empty


def test_the_filters_narrow_the_timeline(app):
    open_page(app)
    app.multiselect(key="roadmap_filter_type").set_value(["consultation"]).run()
    no_trouble(app)
    rows = json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["ticktext"]
    assert [row[:16] for row in rows] == ["Taller multiacto", "Mesa de diálogo "]  # the two consultations only
    app.multiselect(key="roadmap_filter_phase").set_value(["diagnosis"]).run()  # no consultation there
    no_trouble(app)
    assert not app.get("plotly_chart")
    assert t("roadmap.timeline.nothing") in [c.value for c in app.caption]


def test_adding_a_milestone_and_refusing_one_without_title(app):
    open_page(app)
    workspace_id = app.session_state["workspace_id"]
    before = len(list_milestones(store(), workspace_id))
    app.button(key="FormSubmitter:roadmap_new_form-" + t("roadmap.new.add")).click().run()
    assert [e.value for e in app.error] == [t("roadmap.errors.title_required")]
    assert len(list_milestones(store(), workspace_id)) == before

    app.text_input(key="roadmap_new_title").input("Rendición de cuentas de la agenda internacional")
    app.selectbox(key="roadmap_new_phase").set_value("evaluation")
    app.text_input(key="roadmap_new_owner").input("Dirección de Relaciones Internacionales")
    app.date_input(key="roadmap_new_start").set_value(date(2027, 2, 1))
    app.date_input(key="roadmap_new_due").set_value(date(2027, 2, 26))
    taller = next(c.id for c in list_consultations(store(), workspace_id) if c.title == TALLER)
    app.selectbox(key="roadmap_new_consultation").set_value(taller)
    app.button(key="FormSubmitter:roadmap_new_form-" + t("roadmap.new.add")).click().run()
    no_trouble(app)
    assert app.success[0].value == t("roadmap.new.done", title="Rendición de cuentas de la agenda internacional")
    added = [m for m in list_milestones(store(), workspace_id) if m.title.startswith("Rendición de cuentas")]
    assert [(m.phase, m.owner, m.starts_on, m.due_on, m.consultation_id, m.status) for m in added] == [
        (
            "evaluation",
            "Dirección de Relaciones Internacionales",
            date(2027, 2, 1),
            date(2027, 2, 26),
            taller,
            "planned",
        )
    ]
    assert t("roadmap.table.title", count=before + 1) in [s.value for s in app.subheader]


def test_a_milestone_that_ends_before_it_starts_is_refused_in_english(app):
    open_page(app, "en")
    app.text_input(key="roadmap_new_title").input("Backwards")
    app.date_input(key="roadmap_new_start").set_value(date(2027, 3, 1))
    app.date_input(key="roadmap_new_due").set_value(date(2027, 2, 1))
    app.button(key="FormSubmitter:roadmap_new_form-" + t("roadmap.new.add", lang="en")).click().run()
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [t("roadmap.errors.dates", lang="en")]


def test_an_empty_workspace_says_what_to_do_first(app):
    app.run()
    empty = create_workspace(store(), "Ciudad nueva").id
    app.session_state["workspace_id"] = empty
    app.switch_page("pages/roadmap/page.py").run()
    no_trouble(app)
    assert [i.value for i in app.info] == [t("roadmap.empty")]
    assert not app.metric and not app.get("plotly_chart") and not app.get("download_button")
    assert app.text_input(key="roadmap_new_title")  # the form to add the first milestone is there
    app.text_input(key="roadmap_new_title").input("Mapa de actores validado")
    app.selectbox(key="roadmap_new_phase").set_value("mapping")
    app.button(key="FormSubmitter:roadmap_new_form-" + t("roadmap.new.add")).click().run()
    no_trouble(app)
    assert [m.title for m in list_milestones(store(), empty)] == ["Mapa de actores validado"]
    assert len(app.get("download_button")) == 2


def test_the_commitments_of_a_consultation_go_to_the_roadmap(app):
    app.session_state["consultations_tab"] = t("consultations.tab.synthesis")
    open_page(app, page="pages/consultations/page.py")
    workspace_id = app.session_state["workspace_id"]
    taller = next(c for c in list_consultations(store(), workspace_id) if c.title == TALLER)
    app.session_state["consultations_current"] = taller.id
    app.run()
    no_trouble(app)
    before = list_milestones(store(), workspace_id)
    button = next(b for b in app.button if b.key and b.key.startswith("consultations_to_roadmap_add_"))
    assert button.label == t("roadmap.from_commitments.add")
    button.click().run()
    no_trouble(app)
    assert app.success[0].value == t("roadmap.from_commitments.done", count=5)
    added = [m for m in list_milestones(store(), workspace_id) if m.id not in {b.id for b in before}]
    assert len(added) == 5
    assert {(m.consultation_id, m.phase, m.status) for m in added} == {(taller.id, "strategy", "planned")}
    assert "Universidad EAFIT" in {m.owner for m in added}
    assert all(m.due_on for m in added)
    assert t("roadmap.from_commitments.all_there") in [c.value for c in app.caption]  # not twice


def test_phases_are_renamed_in_settings_and_the_roadmap_uses_the_new_name(app):
    open_page(app, page="pages/settings.py")
    app.selectbox(key="settings_vocabulary").set_value("phases").run()
    no_trouble(app)
    assert app.selectbox(key="settings_vocabulary").value == "phases"
    rename_term(store(), app.session_state["workspace_id"], "phases", "strategy", "Formulación de la política")
    app.switch_page("pages/roadmap/page.py").run()
    no_trouble(app)
    assert any("Formulación de la política" in m.value for m in app.markdown)  # its status card
