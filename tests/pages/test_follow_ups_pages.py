"""Next steps where work is followed, on the sample's story day (2026-11-22): Hoja de ruta lists the
team's overdue, this week's and next week's next steps with links to the actors' records; Inicio
names the actors to manage closely or keep satisfied not contacted in 60 days and, when accounts
are on, the signed-in person's own next steps."""

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit import access
from toolkit.engagement import QUIET_DAYS, follow_ups, not_contacted
from toolkit.followups import mine, quiet, quiet_text
from toolkit.i18n import set_language, t
from toolkit.settings import Settings
from toolkit.store import open_store
from toolkit.store.accounts import create_user, set_member
from toolkit.store.engagement import list_interactions
from toolkit.store.register import list_actors
from toolkit.store.workspaces import list_workspaces

ROOT = Path(__file__).parents[2]
TODAY = date(2026, 11, 22)


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    set_language("es")


def sample_store():
    engine = open_store(Settings.from_environment().database_url)
    return engine, list_workspaces(engine)[0].id


def no_trouble(app):
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]


def test_the_roadmap_lists_the_team_next_steps_with_links_to_the_actors(app):
    app.run()
    app.switch_page("pages/roadmap/page.py").run()
    no_trouble(app)
    engine, workspace_id = sample_store()
    found = follow_ups(list_interactions(engine, workspace_id), TODAY)
    assert found.overdue and found.this_week and found.next_week  # the sample's story has all three
    assert t("contacts.steps.title") in [s.value for s in app.subheader]
    steps = [(m.label, m.value) for m in app.metric][-3:]  # after the milestones' four
    assert steps == [
        (t("contacts.steps.overdue"), str(len(found.overdue))),
        (t("contacts.steps.this_week"), str(len(found.this_week))),
        (t("contacts.steps.next_week"), str(len(found.next_week))),
    ]
    lines = [m.value for m in app.markdown if m.value.startswith("- **")]
    assert len(lines) == 3  # one list per tab
    overdue = lines[0].split("\n")
    assert len(overdue) == len(found.overdue)
    first = found.overdue[0]
    actor = next(iter(first.actors))
    assert f"(actores?actor={actor})" in overdue[0] and first.next_step in overdue[0]
    assert "hace" in overdue[0]  # how late it is
    assert all("hace" not in line for line in lines[1].split("\n"))  # this week's are not late


def test_home_names_the_actors_nobody_has_contacted_in_60_days(app):
    app.run()
    no_trouble(app)
    engine, workspace_id = sample_store()
    silences = not_contacted(list_actors(engine, workspace_id), list_interactions(engine, workspace_id), TODAY)
    assert silences  # the sample has watched actors gone quiet
    assert t("contacts.home.quiet", days=QUIET_DAYS) in [s.value for s in app.subheader]
    assert quiet_text(quiet(silences), QUIET_DAYS) in [m.value for m in app.markdown]
    listed = next(e for e in app.expander if e.label == t("contacts.home.quiet_list"))
    assert len(listed.dataframe[0].value) == len(silences)
    assert t("contacts.home.mine") not in [s.value for s in app.subheader]  # accounts are off


def my_steps():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.contacts import data, steps
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("home.title")
    steps.my_steps(ctx, data.load(ctx))


def test_home_shows_the_signed_in_person_own_next_steps(kit_page, kit_store):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "agiraldo", "una contraseña larga y buena", "Andres Giraldo")
    set_member(engine, workspace_id, "agiraldo", "editor")
    person = access.Person(user_id, "agiraldo", "Andres Giraldo")  # written without the accent
    app = kit_page(my_steps)
    app.session_state["settings"] = Settings(database_url=str(engine.url), accounts="password")
    app.session_state["person"] = person
    app.run()
    no_trouble(app)
    found = follow_ups(mine(list_interactions(engine, workspace_id), person), TODAY)
    assert not found.empty
    assert t("contacts.home.mine") in [s.value for s in app.subheader]
    assert [int(m.value) for m in app.metric] == [len(found.overdue), len(found.this_week), len(found.next_week)]
    shown = "\n".join(m.value for m in app.markdown)
    assert all(i.next_step in shown for i in found.overdue + found.this_week + found.next_week)
    assert "Laura Restrepo" not in shown and "Andrés Giraldo" in shown


def test_a_person_with_no_steps_is_told_so(kit_page, kit_store):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "nueva", "una contraseña larga y buena", "Persona Nueva")
    set_member(engine, workspace_id, "nueva", "viewer")
    app = kit_page(my_steps)
    app.session_state["settings"] = Settings(database_url=str(engine.url), accounts="password")
    app.session_state["person"] = access.Person(user_id, "nueva", "Persona Nueva")
    app.run()
    no_trouble(app)
    assert t("contacts.home.mine_none") in [c.value for c in app.caption]
    assert not app.metric
