"""The page "Audiencias" under AppTest: it renders the sample's audiences, says which priority
audience no campaign reaches, and builds and adjusts segments."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit.i18n import set_language, t
from toolkit.settings import Settings
from toolkit.store import open_store
from toolkit.store.audiences import list_audience_members, list_audiences
from toolkit.store.register import list_actors

ROOT = Path(__file__).parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    set_language("es")


def open_page(app, lang="es"):
    app.session_state["language"] = lang
    app.run()
    app.switch_page("pages/audiences/page.py").run()  # not the default page: AppTest would skip app.py
    set_language(lang)  # AppTest formats widget values in this thread
    return app


def store():
    return open_store(Settings.from_environment().database_url)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_page_shows_the_sample_audiences_and_what_reaches_them(app, lang):
    open_page(app, lang)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.title[0].value == t("nav.audiences", lang=lang)
    picker = app.selectbox(key="audiences_pick")
    assert "Residentes de la Comuna 13" in picker.options and len(picker.options) >= 3
    assert t("audiences.strategy.title", lang=lang) in [h.value for h in app.subheader]
    app.session_state["audiences_tab"] = t("audiences.tab.reach", lang=lang)
    app.run()
    assert not app.exception, app.exception
    assert [w.value for w in app.warning] == [
        t("audiences.reach.unreached", names="Pymes exportadoras de Antioquia", lang=lang)
    ]
    assert t("audiences.strategy.title", lang=lang) not in [h.value for h in app.subheader]  # only the open tab
    channels = app.dataframe[0].value
    assert "Residentes de la Comuna 13" in channels.index
    assert t("audiences.reach.state.gap", lang=lang) in set(channels.loc["Pymes exportadoras de Antioquia"])


def test_building_a_segment_by_rule(app):
    open_page(app)
    app.text_input(key="audiences_new_name").input("Academia y gremios")
    app.multiselect(key="audiences_new_sectors").set_value(["academia", "business_association"]).run()
    assert any(c.value == t("audiences.new.matching", count=10) for c in app.caption)
    app.button(key="audiences_new_create").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == t("audiences.new.done", name="Academia y gremios")
    created = [a for a in list_audiences(store(), app.session_state["workspace_id"]) if a.name == "Academia y gremios"]
    assert len(created) == 1 and created[0].rule.sectors == ("academia", "business_association")
    assert app.session_state["audiences_current"] == created[0].id
    assert t("audiences.members.title", count=10) in [h.value for h in app.subheader]


def test_a_nameless_audience_is_refused_plainly(app):
    open_page(app)
    before = len(list_audiences(store(), app.session_state["workspace_id"]))
    app.button(key="audiences_new_create").click().run()
    assert [e.value for e in app.error] == [t("audiences.errors.name_required")]
    assert len(list_audiences(store(), app.session_state["workspace_id"])) == before


def test_leaving_a_member_out_by_hand_in_english(app):
    open_page(app, "en")
    workspace_id = app.session_state["workspace_id"]
    universities = next(
        a for a in list_audiences(store(), workspace_id) if a.name == "Universidades y centros de conocimiento"
    )
    app.selectbox(key="audiences_pick").set_value(universities.id).run()
    assert app.session_state["audiences_current"] == universities.id
    exclude = f"audiences_exclude_{universities.id}"
    assert "Universidad EAFIT" in app.multiselect(key=exclude).options
    eafit = next(a.id for a in list_actors(store(), workspace_id) if a.name == "Universidad EAFIT")
    app.multiselect(key=exclude).set_value([eafit]).run()
    app.button(key="audiences_exclude_button").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == t("audiences.members.excluded", count=1, lang="en")
    left_out = [
        m for m in list_audience_members(store(), workspace_id) if m.audience_id == universities.id and not m.included
    ]
    assert len(left_out) == 1
    assert t("audiences.members.title", count=5, lang="en") in [h.value for h in app.subheader]
