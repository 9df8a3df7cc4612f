"""Inicio's data-quality lists (issue 16): "2 actores sin sector" is a link, and the page it opens is
Actores' register filtered to exactly those actors, the filter shown as a chip whose cross shows
every actor again."""

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from toolkit.actors import workspace_overview
from toolkit.domain import Actor
from toolkit.i18n import set_language, t
from toolkit.settings import Settings
from toolkit.store import open_store
from toolkit.store.register import actor_count, add_actor
from toolkit.store.workspaces import create_workspace

ROOT = Path(__file__).parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    set_language("es")


def quality_links(app) -> dict[str, object]:
    """Inicio's links to the register, by label."""
    return {link.proto.label: link.proto for link in app.get("page_link") if "missing=" in link.proto.query_string}


def shown_names(app) -> list[str]:
    return [row["name"] for row in app.session_state["actors_snapshot"]["rows"]]


@pytest.mark.parametrize(("missing", "listed"), [("sector", "without_sector"), ("isolated", "isolated")])
def test_a_quality_list_opens_the_register_on_exactly_its_actors(app, missing, listed):
    app.run()  # Inicio, on the sample
    assert not app.exception, app.exception
    engine = open_store(Settings.from_environment().database_url)
    workspace_id = app.session_state["workspace_id"]
    names = getattr(workspace_overview(engine, workspace_id), listed)
    label = t(f"home.quality.{listed}", count=len(names))
    link = quality_links(app)[label]  # "2 actores sin sector"
    assert link.page == "actores"

    for name, values in parse_qs(link.query_string).items():  # following the link
        app.query_params[name] = values[0]
    app.switch_page("pages/actors/page.py").run()
    assert not app.exception, app.exception
    assert sorted(shown_names(app)) == sorted(names)
    chip = next(b for b in app.button if b.key == "actors_missing_chip")
    assert chip.label == t(f"register.missing.{missing}")

    chip.click().run()  # the chip's cross: every actor again
    assert not app.exception, app.exception
    assert "missing" not in app.query_params
    assert not [b for b in app.button if b.key == "actors_missing_chip"]
    assert len(shown_names(app)) == min(actor_count(engine, workspace_id), 100)
    engine.dispose()


def test_a_list_with_nobody_on_it_is_no_link(app):
    engine = open_store(Settings.from_environment().database_url)
    workspace = create_workspace(engine, "Todo completo").id
    add_actor(engine, workspace, Actor("Única", sector="academia", stance=1))
    engine.dispose()
    app.session_state["workspace_id"] = workspace
    app.run()  # one run: AppTest runs the default page's file without app.py on the next ones
    assert not app.exception, app.exception
    assert list(quality_links(app)) == [t("home.quality.isolated", count=1)]  # the only list with anyone
    assert f":material/check_circle: {t('home.quality.without_sector', count=0)}" in [m.value for m in app.markdown]
