"""The report page's "Agrupar por ODS" option (issue 20) under AppTest: off by default; on, the
prepared Word file ends with an annex per goal, and switching it asks for the report again."""

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


def test_the_report_grouped_by_goal_has_an_annex_per_goal(app):
    app.session_state["language"] = "es"
    app.run()
    app.switch_page("pages/reports.py").run()
    assert not app.exception, app.exception
    toggle = app.toggle(key="reports_by_goal")
    assert toggle.label == t("strategy.report.by_goal") and toggle.value is False
    for key in SECTIONS:
        if key not in ("cover", "register"):
            app.checkbox(key=f"reports_section_{key}").uncheck()
    app.toggle(key="reports_by_goal").set_value(True).run()
    app.button(key="reports_build").click().run()
    assert not app.exception, app.exception
    built = app.session_state["reports_built"]
    chapters = [p.text for p in Document(io.BytesIO(built["docx"])).paragraphs if p.style.name == "Heading 1"]
    goal = t("strategy.report.goal_title", number=11, name=t("strategy.sdg.g11"))
    assert chapters[0] == t("reports.annex", number=1, title=t("reports.sections.register"))
    assert any(chapter.endswith(goal) for chapter in chapters[1:])  # Medellín's sample works on goal 11
    assert len(chapters) > 2
    app.toggle(key="reports_by_goal").set_value(False).run()
    assert t("reports.page.changed") in [c.value for c in app.caption]
