"""The "Territorio y mundo" tab drawn alone on the Medellín sample (issue 19): the world with its
counts by country and region, the territory with its comunas and those where nobody was consulted,
the districts file checked on upload, and an actor placed by hand."""

import json

from toolkit.i18n import t
from toolkit.store.places import districts_map
from toolkit.store.register import list_actors
from toolkit.store.stories import list_stories


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


def test_presentation_mode_shows_the_map_alone_with_its_title_and_is_shared_with_the_network_map(kit_page):
    app = kit_page(geo_tab)
    app.run()
    app.toggle(key="map_presentation").set_value(True).run()
    assert not app.exception and not app.error
    assert t("geo.files.title") in [h.value for h in app.subheader]
    assert figure(app)["layout"]["height"] == 720 and len(figure(app)["data"][-1]["x"]) == 90
    assert not app.dataframe and not app.get("file_uploader") and not app.get("download_button")  # no tools
    assert app.session_state["map_kept"][app.session_state["workspace_id"]]["map_presentation"] is True
    app.session_state["map_geo_view"] = "territory"
    app.run()
    assert not app.exception and figure(app)["layout"]["height"] == 760 and not app.dataframe
    assert t("geo.story.shaded_actors") in [h.value for h in app.subheader]
    assert any("Guayabal" in w.value for w in app.warning)  # the comunas nobody was consulted in, in words


def test_the_geographic_view_is_saved_for_a_story_and_presented_in_it(kit_page, kit_store):
    from tests.pages.test_stories_tab import stories_app
    from toolkit.store.stories import SlideDraft, create_story, list_views

    engine, workspace_id = kit_store
    app = kit_page(geo_tab)
    app.session_state["map_drawn"] = {"colour_by": "stance", "filter": {"actors": {"scales": ["local"]}}}
    app.run()
    app.session_state["map_geo_view"] = "territory"
    app.run()
    app.radio(key="map_geo_which").set_value("consulted").run()
    next(i for i in app.text_input if i.label == t("stories.title")).input("Comunas consultadas")
    next(b for b in app.button if b.label == t("stories.save")).click().run()
    assert not app.exception and not app.error
    saved = list_views(engine, workspace_id)[-1]
    assert (saved.title, saved.spec.geo, saved.spec.geo_colour) == ("Comunas consultadas", "territory", "consulted")
    assert saved.spec.colour_by == "stance" and saved.spec.scales == ("local",)  # the network map's choices
    create_story(engine, workspace_id, "Territorio", "", [SlideDraft("view", saved.id)])
    story = stories_app(kit_page)
    story.run()
    assert any(t("geo.views.territory") in c.value for c in story.caption)  # the saved view says what it shows
    chosen = next(s for s in list_stories(engine, workspace_id) if s.title == "Territorio")
    story.selectbox(key="stories_chosen").set_value(chosen.id).run()
    story.toggle(key="stories_present").set_value(True).run()
    assert not story.exception and not story.error
    deck = story.get("iframe")[0].proto.srcdoc
    assert "Comunas consultadas" in deck and deck.count("data:image/png;base64") == 1
    assert t("geo.story.shaded_consulted") in deck and "Guayabal" in deck


def click_app(kit_page, actor_name: str):
    app = kit_page(geo_tab)
    app.run()
    app.toggle(key="map_geo_click_on").set_value(True).run()
    app.text_input(key="map_geo_click_search").input(actor_name.split()[0].lower()).run()
    return app


def test_an_actor_is_found_by_a_search_clicked_on_the_territory_and_confirmed(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = next(a for a in list_actors(engine, workspace_id) if a.name == "El Colombiano")
    app = click_app(kit_page, "Colombiano")
    assert not app.exception and not app.error
    found = app.selectbox(key="map_geo_click_actor")
    assert actor.id in found.options_values if hasattr(found, "options_values") else True
    found.set_value(actor.id).run()
    clickable = figure(app, -1)
    grid = next(trace for trace in clickable["data"] if trace.get("name") == "grid")
    assert 1_000 < len(grid["x"]) < 4_000 and grid["marker"]["opacity"] == 0
    assert any(text.startswith("Guayabal") for text in grid["hovertext"])  # the grid says each point's comuna
    state = app.session_state["map_geo_click"]
    # what the click handler keeps when the person clicks a grid point near 6.2105, -75.5825 (Guayabal)
    app.session_state["map_geo_click"] = {**state, "point": [6.2105, -75.5825]}
    app.run()
    assert not app.exception
    chosen = next(i.value for i in app.info if "El Colombiano" in i.value)
    assert "Guayabal" in chosen and "6,2105" in chosen
    assert next(trace for trace in figure(app, -1)["data"] if trace.get("name") == "chosen")["x"] == [-75.5825]
    app.button(key="map_geo_click_zoom").click().run()
    zoomed = app.session_state["map_geo_click"]["frame"]
    assert zoomed[0] < -75.5825 < zoomed[1] and zoomed[1] - zoomed[0] < 0.1  # closer, around the point
    app.button(key="map_geo_click_save").click().run()
    assert not app.exception and not app.error
    moved = next(a for a in list_actors(engine, workspace_id) if a.id == actor.id)
    assert (moved.latitude, moved.longitude, moved.district, moved.place_source) == (
        6.2105,
        -75.5825,
        "Guayabal",
        "hand",
    )
    assert t("geo.click.saved", name="El Colombiano", district="Guayabal") in [s.value for s in app.success]


def test_a_click_placement_does_not_overwrite_a_colleagues_newer_edit(kit_page, kit_store):
    from toolkit.store.places import set_place

    engine, workspace_id = kit_store
    actor = next(a for a in list_actors(engine, workspace_id) if a.name == "El Colombiano")
    app = click_app(kit_page, "Colombiano")
    app.selectbox(key="map_geo_click_actor").set_value(actor.id).run()
    app.session_state["map_geo_click"] = {**app.session_state["map_geo_click"], "point": [6.2105, -75.5825]}
    app.run()
    set_place(engine, workspace_id, actor.id, 6.17, -75.59, None, "hand")  # a colleague, meanwhile
    app.button(key="map_geo_click_save").click().run()
    assert not app.exception
    assert any("El Colombiano" in e.value for e in app.error)  # said, naming the actor
    kept = next(a for a in list_actors(engine, workspace_id) if a.id == actor.id)
    assert (kept.latitude, kept.longitude) == (6.17, -75.59)


def test_a_viewer_is_not_offered_the_click_placement(kit_page, kit_store):
    from toolkit import access
    from toolkit.store.accounts import create_user, set_member

    engine, workspace_id = kit_store
    user_id = create_user(engine, "visora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "visora", "viewer")
    app = kit_page(geo_tab)
    app.session_state["person"] = access.Person(user_id, "visora")
    app.run()
    assert not app.exception and not [w for w in app.toggle if w.key == "map_geo_click_on"]
