"""The map of a large workspace (issue 17): the largest actors drawn, what is hidden said, a control
to draw more; the drawing cached per revision (a change shows at once); the map tab's fragment
acting for the session's person, in its language, on the workspace as it is now."""

import re

import pytest

from toolkit import access
from toolkit.domain import Actor, Relation
from toolkit.i18n import format_number, set_language, t
from toolkit.network.readable import FIRST_DRAWN
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.maps import saved_layout
from toolkit.store.register import add_actor, list_actors
from toolkit.store.workspaces import create_workspace

LARGE = FIRST_DRAWN + 120


def map_tab():
    from pages._kit.context import page_context
    from pages.actor_map import interactive
    from pages.actor_map.network import load_network

    ctx = page_context("nav.map")
    interactive.show(ctx, load_network(ctx))


def fragment_rerun():
    """What a fragment's rerun finds: app.py's top did not run (nobody acting, the default language),
    the page's context is that of its last full run, and a colleague changed the workspace since."""
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map import interactive
    from toolkit import access, i18n
    from toolkit.domain import Actor
    from toolkit.store.register import add_actor

    ctx = page_context("nav.map")
    if st.session_state.get("colleague_adds"):
        add_actor(ctx.engine, ctx.workspace_id, Actor("Colectivo recién llegado", sector="academia"))
    access.set_current(access.NOBODY)
    i18n.set_language("es")
    interactive.map_tab(ctx)


@pytest.fixture
def large_workspace(kit_store):
    """A workspace of more actors than the map draws at first, each linked to the next."""
    engine, _ = kit_store
    with access.acting_as(access.LOCAL):
        workspace = create_workspace(engine, "Registro nacional")
        actors = [Actor(f"Asociación {n:04d}", sector="ngo", influence=1 + n % 5) for n in range(LARGE)]
        relations = [(("new", n), ("new", n + 1), Relation(0, 0)) for n in range(LARGE - 1)]
        import_batch(engine, workspace.id, RegisterBatch(new_actors=actors, relations=relations))
    return engine, workspace.id


def showing(app, lang: str = "es") -> str:
    start = t("map.showing", lang, actors="\x00", total="", relations="").split("\x00")[0]
    return next(c.value for c in app.caption if c.value.startswith(start))


def drawn(app, lang: str = "es") -> int:
    """How many actors the map draws, as its caption says."""
    return int(re.sub(r"\D", "", showing(app, lang).split(":")[1].split(" ")[1]))


def test_a_large_map_draws_the_largest_says_what_is_hidden_and_draws_more_on_request(kit_page, large_workspace):
    _, workspace_id = large_workspace
    app = kit_page(map_tab)
    app.session_state["workspace_id"] = workspace_id
    app.run()
    assert not app.exception and not app.error
    assert drawn(app) == FIRST_DRAWN
    hidden = LARGE - FIRST_DRAWN
    said = [i.value for i in app.info if format_number(hidden) in i.value]
    assert said and t("map.size.influence") in said[0]
    app.radio(key="map_limit").set_value(0).run()
    assert not app.exception and drawn(app) == LARGE
    assert not [i.value for i in app.info if format_number(hidden) in i.value]


def test_an_actor_searched_for_is_drawn_even_when_small(kit_page, large_workspace):
    engine, workspace_id = large_workspace
    app = kit_page(map_tab)
    app.session_state["workspace_id"] = workspace_id
    app.run()
    small = next(
        a for a in list_actors(engine, workspace_id) if a.name == f"Asociación {LARGE - 5:04d}"
    )  # influence 1, last
    listed = app.selectbox(key="map_search").options  # thousands of names: the first 50 listed, the rest counted
    assert len(listed) == 50 and small.name not in listed
    rest = len(list_actors(engine, workspace_id)) - 50
    assert t("lists.more", count=rest, shown=50) in [c.value for c in app.caption]
    app.text_input(key="map_search_query").input(small.name).run()  # search, then pick
    app.selectbox(key="map_search").set_value(small.id).run()
    assert not app.exception and not app.warning  # "the actor you searched for is hidden" is not said
    assert drawn(app) == FIRST_DRAWN + 1


def test_a_change_in_the_workspace_shows_on_the_map_at_once(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(map_tab)
    app.run()
    before = drawn(app)
    app.run()  # drawn from the cache this time
    assert drawn(app) == before
    with access.acting_as(access.LOCAL):  # a colleague, in another session
        add_actor(engine, workspace_id, Actor("Fundación que llega hoy", sector="ngo"))
    app.run()
    assert drawn(app) == before + 1


def test_the_map_s_fragment_acts_for_the_person_in_the_session_s_language(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(fragment_rerun)
    app.session_state["language"] = "en"
    app.run()
    assert not app.exception and not app.error
    before = drawn(app, "en")  # the map's words in the session's language
    assert saved_layout(engine, workspace_id)[1]  # saved as the session's person: nobody would be refused
    app.session_state["colleague_adds"] = True
    set_language("en")  # AppTest names the widgets' values with their format_func in the test's thread
    app.run()
    assert drawn(app, "en") == before + 1  # the workspace as it is now, not as the page's last full run saw it
