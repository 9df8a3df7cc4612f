"""A crash outside the pages (the sidebar, the session check) is a plain message in the user's
language, logged with its traceback; never a traceback in the browser (it may hold SQL and its values)."""

from pathlib import Path

from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from toolkit.i18n import t

ROOT = Path(__file__).resolve().parents[2]


def test_a_database_that_fails_under_the_sidebar_is_told_plainly(tmp_path, monkeypatch, caplog):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()  # the first run loads the sample
    # (on Ajustes: AppTest starts every run in Streamlit's legacy pages/ mode, where a rerun of Inicio
    # would run pages/home.py without app.py, which a real server never does once app.py has run)
    app.switch_page("pages/settings.py").run()
    assert not app.exception
    broken = create_engine(url)
    with broken.begin() as connection:  # the database goes wrong under the running server
        connection.execute(text("ALTER TABLE workspaces RENAME TO gone"))
    broken.dispose()
    app.run()
    assert not app.exception
    assert t("errors.unexpected") in [e.value for e in app.sidebar.error]
    assert t("errors.page_crashed") in [e.value for e in app.main.error]  # the page's own catch-all
    assert "sidebar crashed" in caplog.text  # the details go to the server's log
