"""Pages and the kit's parts run alone: ``kit_page(script_function, **kwargs)`` is an ``AppTest.from_function``
with the session as ``app.py`` leaves it, on a store of its own holding the sample (``kit_store``)."""

import pytest
from db_templates import copy_sqlite
from streamlit.testing.v1 import AppTest

from toolkit.i18n import set_language
from toolkit.settings import Settings
from toolkit.store import open_store


def as_app_leaves_it(script, kwargs):
    """Run ``script`` acting for the session's person, as ``app.py`` sets it on every run (LOCAL when
    accounts are off); without it the script's thread would act as nobody and be refused."""
    import streamlit as st

    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    script(**kwargs)


@pytest.fixture
def kit_store(tmp_path, sqlite_templates):
    """A store of the test's own holding the sample (a copy of the session's template)."""
    copy_sqlite(sqlite_templates.sample, tmp_path / "kit.db")
    engine = open_store(f"sqlite:///{tmp_path / 'kit.db'}")
    yield engine, sqlite_templates.sample_workspace_id
    engine.dispose()
    set_language("es")


@pytest.fixture
def kit_page(kit_store):
    """An AppTest of a script function, with the session as ``app.py`` leaves it."""
    engine, workspace_id = kit_store

    def build(script, **kwargs) -> AppTest:
        app = AppTest.from_function(as_app_leaves_it, default_timeout=30, kwargs={"script": script, "kwargs": kwargs})
        app.session_state["engine"] = engine
        app.session_state["settings"] = Settings(database_url=str(engine.url))
        app.session_state["workspace_id"] = workspace_id
        app.session_state["language"] = "es"
        return app

    return build
