"""Inicio reruns in the same session (issue 17).

Streamlit's legacy ``pages/`` mode, which AppTest enters at the start of every run, finds
``pages/home.py`` by its file name and runs it without ``app.py``: nobody acting, so every rerun
of Inicio after a session's first failed with ``workspace_not_found``. The page kit now sends such
a run through ``app.py`` (a workspace page with nobody acting was not started by it)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit.i18n import t

ROOT = Path(__file__).parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def actors_shown(app) -> int:
    return int(next(m for m in app.metric if m.label == t("home.metric.actors")).value.replace(".", ""))


def test_home_reruns_and_still_shows_the_workspace(app):
    app.run()
    first = actors_shown(app)
    for _ in range(3):
        app.run()
        assert not app.exception, app.exception
        assert not app.error, [e.value for e in app.error]
        assert app.title[0].value == t("home.title")
        assert actors_shown(app) == first >= 60
    assert app.session_state["server_seconds"] > 0  # app.py ran around the page, as a server does


def test_back_home_from_another_page_keeps_working(app):
    app.run()
    app.switch_page("pages/settings.py").run()
    app.switch_page("pages/home.py").run()
    app.run()
    assert not app.exception, app.exception
    assert actors_shown(app) >= 60
