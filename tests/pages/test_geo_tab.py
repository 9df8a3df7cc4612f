"""The "Territorio y mundo" tab drawn alone on the Medellín sample (issue 19): the world with its
counts by country and region, the territory with its comunas and those where nobody was consulted,
the districts file checked on upload, and an actor placed by hand."""

import json

from toolkit.i18n import t
from toolkit.store.places import districts_map
from toolkit.store.register import list_actors


def geo_tab():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map import geo
    from pages.actor_map.network import load_network
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.map")
    geo.show(ctx, load_network(ctx))


def figure(app, index: int = 0) -> dict:
    return json.loads(app.get("plotly_chart")[index].proto.spec)


def test_the_world_shows_the_partners_and_counts_them_by_country_and_region(kit_page):
    app = kit_page(geo_tab)
    app.run()
    assert not app.exception and not app.error
    traces = figure(app)["data"]
    dots = traces[-1]
    assert len(dots["x"]) == 90  # every actor of the sample is placed
    assert any(trace.get("mode") == "lines" and trace.get("fill") == "toself" for trace in traces)  # the countries
    countries, regions = (frame.value for frame in app.dataframe[:2])
    assert len(countries) >= 5 and "Francia" in set(countries.iloc[:, 0])
    assert set(regions.iloc[:, 0]) >= {t("geo.regions.europe"), t("geo.regions.latin_america")}
    app.selectbox(key="map_geo_region").set_value("europe").run()
    assert figure(app)["layout"]["xaxis"]["range"] == [-25, 45]


def test_the_world_follows_the_network_maps_filters(kit_page):
    app = kit_page(geo_tab)
    app.session_state["map_drawn"] = {"filter": {"actors": {"scales": ["international"]}}}
    app.run()
    assert not app.exception
    assert 0 < len(figure(app)["data"][-1]["x"]) < 90


def test_the_territory_names_the_comunas_where_nobody_was_consulted(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(geo_tab)
    app.run()
    app.session_state["map_geo_view"] = "territory"
    app.run()
    assert not app.exception and not app.error
    districts = app.dataframe[0].value
    assert len(districts) == 16 and districts.iloc[:, 1].sum() > 50
    start = t("geo.territory.nobody_consulted", count=2, names="")[:20]
    left_out = next(w.value for w in app.warning if w.value.startswith(start))
    assert "Guayabal" in left_out  # no actor there at all
    app.radio(key="map_geo_which").set_value("consulted").run()
    assert not app.exception
    assert districts_map(engine, workspace_id).names[0] == "Popular"


def test_an_actor_placed_by_hand_takes_the_district_its_coordinates_fall_in(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(geo_tab)
    app.run()
    actor = next(a for a in list_actors(engine, workspace_id) if a.name == "El Colombiano")
    assert actor.district == ""  # in Envigado, outside the comunas
    selects = [s for s in app.selectbox if s.label == t("geo.hand.actor")]
    selects[0].set_value(actor.id)
    numbers = app.number_input
    next(n for n in numbers if n.label == t("columns.latitude")).set_value(6.2105)
    next(n for n in numbers if n.label == t("columns.longitude")).set_value(-75.5825)
    next(b for b in app.button if b.label == t("geo.hand.save")).click().run()
    assert not app.exception and not app.error
    moved = next(a for a in list_actors(engine, workspace_id) if a.id == actor.id)
    assert (moved.district, moved.place_source) == ("Guayabal", "hand")


def test_an_editor_finds_the_districts_upload_and_the_file_kept(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(geo_tab)
    app.run()
    assert app.get("file_uploader")  # the upload panel, for an editor
    kept = t("geo.districts.kept", count=16, file="medellin_comunas.geojson", property="nombre")
    assert kept in [c.value for c in app.caption]


def participants_tab():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.consultations import participants
    from pages.consultations.chosen import Chosen, load
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.consultations")
    data = load(ctx)
    participants.show(Chosen(data, next(c for c in data.consultations if c.title.startswith("Taller multiactor"))))


def test_the_coverage_panel_counts_a_consultation_by_district(kit_page):
    app = kit_page(participants_tab)
    app.run()
    assert not app.exception and not app.error
    table = next(frame.value for frame in app.dataframe if t("geo.coverage.listed") in frame.value.columns)
    assert len(table) == 16 and table[t("geo.coverage.listed")].sum() > 0
    nobody = t("geo.coverage.nobody", count=2, names="").split("(")[0]
    assert any(w.value.startswith(nobody) and "Guayabal" in w.value for w in app.warning)
