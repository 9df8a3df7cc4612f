"""Pages and the kit's parts run alone: ``kit_page(script_function, **kwargs)`` is an ``AppTest.from_function``
with the session as ``app.py`` leaves it, on a store of its own holding the sample (``kit_store``)."""

import pytest
from streamlit.testing.v1 import AppTest

from toolkit.i18n import set_language
from toolkit.register import load_sample
from toolkit.settings import Settings
from toolkit.store import open_store


@pytest.fixture
def kit_store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'kit.db'}")
    yield engine, load_sample(engine)
    engine.dispose()
    set_language("es")


@pytest.fixture
def kit_page(kit_store):
    """An AppTest of a script function, with the session as ``app.py`` leaves it."""
    engine, workspace_id = kit_store

    def build(script, **kwargs) -> AppTest:
        app = AppTest.from_function(script, default_timeout=30, kwargs=kwargs)
        app.session_state["engine"] = engine
        app.session_state["settings"] = Settings(database_url=str(engine.url))
        app.session_state["workspace_id"] = workspace_id
        app.session_state["language"] = "es"
        return app

    return build
