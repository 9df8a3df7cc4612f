"""The page "Informes" under AppTest: choose sections and language, prepare the report, download it;
download the backup."""

import io
from pathlib import Path

import pytest
from docx import Document
from streamlit.testing.v1 import AppTest

from toolkit.i18n import set_language, t
from toolkit.reports import SECTIONS

ROOT = Path(__file__).parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    set_language("es")


def open_page(app, lang="es"):
    app.session_state["language"] = lang
    app.run()
    app.switch_page("pages/reports.py").run()  # not the default page: AppTest would skip app.py
    set_language(lang)  # AppTest formats widget values in this thread
    return app


def downloads(app) -> list[str]:
    return [element.proto.label for element in app.get("download_button")]


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_section_is_chosen_and_the_backup_is_one_click_away(app, lang):
    open_page(app, lang)
    assert not app.exception, app.exception
    assert app.title[0].value == t("nav.reports", lang=lang)
    boxes = {c.key: c.label for c in app.checkbox if c.key.startswith("reports_section_")}
    assert boxes == {f"reports_section_{key}": t(f"reports.sections.{key}", lang=lang) for key in SECTIONS}
    assert all(c.value for c in app.checkbox if c.key.startswith("reports_section_"))
    assert app.selectbox(key="reports_language").value == lang
    assert downloads(app) == [t("reports.backup.download", lang=lang)]


def test_preparing_the_report_offers_word_and_the_printable_page(app):
    open_page(app)
    for key in ("map", "geo", "power_interest", "consultations"):  # geo: issue 19
        app.checkbox(key=f"reports_section_{key}").uncheck()
    app.selectbox(key="reports_language").set_value("en")
    app.run()
    app.button(key="reports_build").click().run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == [t("reports.page.ready")]
    assert downloads(app) == [
        t("reports.page.download_docx"),
        t("reports.page.download_html"),
        t("reports.backup.download"),
    ]
    built = app.session_state["reports_built"]
    assert built["wanted"][2] == ("cover", "summary", "register", "changes", "campaigns", "roadmap", "indicators")
    assert built["docx"][:2] == b"PK" and b'<html lang="en">' in built["html"]
    document = Document(io.BytesIO(built["docx"]))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:2] == [
        t("reports.sections.summary", lang="en"),
        t("reports.annex", lang="en", number=1, title=t("reports.sections.register", lang="en")),
    ]
    # changing the choice asks for the report again instead of offering a stale one
    app.checkbox(key="reports_section_cover").uncheck().run()
    assert downloads(app) == [t("reports.backup.download")]
    assert t("reports.page.changed") in [c.value for c in app.caption]


def test_without_sections_there_is_nothing_to_prepare(app):
    open_page(app)
    for key in SECTIONS:
        app.checkbox(key=f"reports_section_{key}").uncheck()
    app.run()
    assert [w.value for w in app.warning] == [t("reports.page.no_sections")]
    assert app.button(key="reports_build").disabled


def test_the_cover_names_who_prepared_the_report(app):
    open_page(app)
    assert app.text_input(key="reports_prepared_by").value == ""  # accounts off: nobody signed in to name
    app.text_input(key="reports_prepared_by").input("Laura Restrepo, Dirección de Relaciones Internacionales")
    app.run()
    app.button(key="reports_build").click().run()
    assert not app.exception, app.exception
    built = app.session_state["reports_built"]
    cover = "Preparado por Laura Restrepo, Dirección de Relaciones Internacionales"
    assert cover in [p.text for p in Document(io.BytesIO(built["docx"])).paragraphs]
    assert cover in built["html"].decode("utf-8")
    # another name asks for the report again
    app.text_input(key="reports_prepared_by").input("Andrés Giraldo").run()
    assert t("reports.page.changed") in [c.value for c in app.caption]
