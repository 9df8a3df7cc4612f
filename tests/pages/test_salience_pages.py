"""Salience on the map and the register (issue 20), on the sample: the map coloured by salience
with its legend, the map and the register filtered by class."""

from toolkit.i18n import t
from toolkit.salience import latest_classes
from toolkit.store.register import list_actors
from toolkit.store.strategy import list_salience


def map_tab():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map import interactive
    from pages.actor_map.network import load_network
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.map")
    interactive.show(ctx, load_network(ctx))


def showing(app) -> str:
    start = t("map.showing", actors="\x00", total="", relations="").split("\x00")[0]
    return next(c.value for c in app.caption if c.value.startswith(start))


def register_tab():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actors import register
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    register.show(page_context("nav.actors"))


def test_the_map_is_coloured_and_filtered_by_salience(kit_page, kit_store):
    engine, workspace_id = kit_store
    classes = latest_classes(list_salience(engine, workspace_id))
    definitive = sum(1 for name in classes.values() if name == "definitive")
    total = len(list_actors(engine, workspace_id))
    app = kit_page(map_tab)
    app.run()
    app.selectbox(key="map_colour_by").set_value("salience").run()
    assert not app.exception
    legend = next(h.value for h in app.get("html") if "hoja-map-legend" in h.value)
    assert t("map.legend.colour", what=t("map.colour.salience")) in legend
    assert f"{t('strategy.salience_class.definitive')} ({definitive})" in legend
    assert t("strategy.salience_class.unknown") in legend
    app.multiselect(key="map_salience").set_value(["definitive"]).run()
    assert not app.exception
    assert showing(app).startswith(t("map.showing", actors=definitive, total=total, relations="\x00").split("\x00")[0])


def test_the_register_keeps_the_classes_chosen(kit_page, kit_store):
    engine, workspace_id = kit_store
    classes = latest_classes(list_salience(engine, workspace_id))
    unassessed = [a.name for a in list_actors(engine, workspace_id) if classes.get(a.id) is None]
    assert unassessed  # the sample judges most actors, not all
    app = kit_page(register_tab)
    app.run()
    app.multiselect(key="actors_salience").set_value(["unknown"]).run()
    assert not app.exception
    shown = app.dataframe[0].value if app.dataframe else None
    names = sorted(app.session_state["actors_listing"]["actors"], key=lambda a: a.name)
    assert sorted(a.name for a in names) == sorted(unassessed)
    assert shown is None or len(shown) == len(unassessed)
