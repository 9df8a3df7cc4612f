"""The page "Ajustes" under AppTest: a vocabulary's terms renamed in one save (a refused label
renames none), a workspace created, renamed and deleted after typing its name."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit.i18n import set_language, t
from toolkit.settings import Settings
from toolkit.store import open_store
from toolkit.store.workspaces import list_workspaces, vocabulary_terms

ROOT = Path(__file__).parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/settings.py").run()
    assert not app.exception, app.exception
    yield app
    set_language("es")


def store():
    return open_store(Settings.from_environment().database_url)


def phases(app) -> dict[str, str | None]:
    return dict(vocabulary_terms(store(), app.session_state["workspace_id"])["phases"])


def rename_first_two(app, first: str, second: str):
    app.selectbox(key="settings_vocabulary").set_value("phases").run()
    round_ = app.session_state["settings_terms_round"]  # choosing another list starts the table afresh
    app.session_state[f"settings_terms_editor_{round_}"] = {
        "edited_rows": {0: {"label": first}, 1: {"label": second}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    save = app.button(key="settings_terms_save")
    assert save.label == t("settings.vocab.save", count=2)
    save.click().run()
    assert not app.exception, app.exception


def test_two_terms_are_renamed_in_one_save(app):
    keys = list(phases(app))
    rename_first_two(app, "Diagnóstico territorial", "Mapeo de aliados")
    assert [s.value for s in app.success] == [t("settings.vocab.saved")]
    assert [phases(app)[key] for key in keys[:2]] == ["Diagnóstico territorial", "Mapeo de aliados"]


def test_a_refused_label_renames_neither_term(app):
    before = phases(app)
    rename_first_two(app, "Diagnóstico territorial", "x" * 500)
    assert app.error and not app.success
    assert phases(app) == before


def test_a_workspace_is_created_and_renamed_and_its_deletion_waits_for_its_name(app):
    app.text_input[0].input("Quito, consulta 2027")
    app.button(key="FormSubmitter:settings_create_form-" + t("settings.workspaces.create_button")).click().run()
    assert [s.value for s in app.success] == [t("settings.workspaces.created", name="Quito, consulta 2027")]
    created = app.session_state["workspace_id"]
    assert "Quito, consulta 2027" in {w.name for w in list_workspaces(store())}
    renaming = next(i for i in app.text_input if i.label == t("settings.workspaces.new_name"))
    renaming.input("Quito 2027")
    app.button(key="FormSubmitter:settings_rename_form-" + t("settings.workspaces.rename_button")).click().run()
    assert [s.value for s in app.success] == [t("settings.workspaces.renamed")]
    assert {w.id: w.name for w in list_workspaces(store())}[created] == "Quito 2027"
    app.button(key="settings_delete").click().run()
    assert app.button(key="settings_delete_confirm").disabled  # not before the name is typed
    assert not app.exception, app.exception
