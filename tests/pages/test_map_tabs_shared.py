"""The map's tabs read the register shared by every session (pages/actor_map/shared.py, issue 17):
what they build once per revision (the metrics table, the grid) still shows a colleague's change
on the next rerun, and two sessions see the same."""

from toolkit import access
from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.store.register import add_actor, list_actors


def shared_tab(tab: str):
    import importlib

    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map.shared import load_shared_network
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.map")
    importlib.import_module(f"pages.actor_map.{tab}").show(ctx, load_shared_network(ctx))


def test_the_metrics_table_shows_an_actor_a_colleague_just_added(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(shared_tab, tab="analysis")
    app.run()
    assert not app.exception
    before = len(app.dataframe[0].value)
    assert before == len(list_actors(engine, workspace_id))
    app.run()  # from the shared cache this time
    assert len(app.dataframe[0].value) == before
    with access.acting_as(access.LOCAL):  # a colleague, in another session
        add_actor(engine, workspace_id, Actor("Fundación que llega hoy", sector="ngo"))
    app.run()
    assert len(app.dataframe[0].value) == before + 1
    assert "Fundación que llega hoy" in set(app.dataframe[0].value["name"])
    other = kit_page(shared_tab, tab="analysis")  # another session of the same revision
    other.run()
    assert len(other.dataframe[0].value) == before + 1


def test_the_grid_counts_an_actor_placed_by_a_colleague(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(shared_tab, tab="grid")
    app.run()
    assert not app.exception and len(app.get("plotly_chart")) == 1
    quadrant = t("quadrants.manage_closely")

    def closely() -> str:
        return next(e.label for e in app.expander if e.label.startswith(quadrant[:8]))

    before = closely()
    with access.acting_as(access.LOCAL):
        add_actor(engine, workspace_id, Actor("Fundación muy influyente", sector="ngo", influence=5, interest=5))
    app.run()
    assert not app.exception and closely() != before
