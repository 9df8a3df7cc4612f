"""Each tab of the actor map drawn alone, on the sample: the map filtered and focused, what it says,
the power-interest grid, the files to download."""

from toolkit import access
from toolkit.i18n import format_date, t
from toolkit.store.accounts import create_user, set_member
from toolkit.store.maps import saved_layout
from toolkit.store.register import list_actors, list_relations


def map_tab(tab: str):
    import importlib

    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map.network import load_network
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.map")
    importlib.import_module(f"pages.actor_map.{tab}").show(ctx, load_network(ctx))


SHOWING = t("map.showing", actors="\x00", total="", relations="").split("\x00")[0]


def showing(app) -> str:
    return next(c.value for c in app.caption if c.value.startswith(SHOWING))


def test_the_map_tab_filters_with_the_kit_row_and_focuses(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(map_tab, tab="interactive")
    app.run()
    assert not app.exception and len(app.get("iframe")) == 1
    everything = showing(app)
    app.multiselect(key="map_sectors").set_value(["academia"]).run()
    narrowed = showing(app)
    assert narrowed != everything and not app.exception
    app.multiselect(key="map_sectors").set_value([]).run()
    assert showing(app) == everything
    aci = next(a for a in list_actors(engine, workspace_id) if a.acronym == "ACI Medellín")
    app.selectbox(key="map_search").set_value(aci.id).run()
    app.toggle(key="map_focus").set_value(True).run()
    assert showing(app) != everything and not app.exception
    assert saved_layout(engine, workspace_id)[1]  # the arrangement is kept for tomorrow


def test_a_viewer_sees_the_map_but_keeps_no_arrangement(kit_page, kit_store):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "visora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "visora", "viewer")
    app = kit_page(map_tab, tab="interactive")
    app.session_state["person"] = access.Person(user_id, "visora")
    app.run()
    assert not app.exception and not app.error
    assert showing(app)
    assert saved_layout(engine, workspace_id)[1] == {}


def test_the_analysis_tab_says_what_the_map_says_and_finds_paths(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(map_tab, tab="analysis")
    app.run()
    assert not app.exception
    assert [h.value for h in app.subheader] == [t("map.findings.title"), t("map.metrics.title"), t("map.paths.title")]
    assert any("puente" in m.value for m in app.markdown)  # a broker whose absence splits the map
    table = app.dataframe[0].value
    assert list(table["betweenness"]) == sorted(table["betweenness"], reverse=True)
    assert table["community"].min() == 1
    names = {a.id: a.name for a in list_actors(engine, workspace_id)}
    first = list_relations(engine, workspace_id)[0]
    app.selectbox(key="map_path_from").set_value(first.source).run()
    app.selectbox(key="map_path_to").set_value(first.target).run()
    assert not app.exception
    assert [x.value for x in app.text] == [f"{names[first.source]} → {names[first.target]}"]
    assert t("map.paths.steps", steps=1) in [c.value for c in app.caption]


def test_the_grid_tab_lists_every_quadrant_and_offers_its_workbook(kit_page):
    app = kit_page(map_tab, tab="grid")
    app.run()
    assert not app.exception
    assert app.caption[0].value == t("map.grid.intro")
    assert len(app.expander) == 5  # the filters, then the four quadrants
    assert len(app.get("plotly_chart")) == 1
    assert len(app.get("download_button")) == 1 and not app.error


def test_the_files_tab_offers_the_pictures_of_the_view_and_five_files(kit_page):
    app = kit_page(map_tab, tab="files")
    app.run()
    assert not app.exception
    assert len(app.get("download_button")) == 7
    assert t("map.files.picture.title") in app.markdown[1].value  # the view's PNG and SVG come first
    assert app.caption[-1].value == t("map.files.png")


def test_an_empty_workspace_is_sent_to_import_its_actors(tmp_path, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from toolkit.settings import Settings
    from toolkit.store import open_store
    from toolkit.store.workspaces import create_workspace

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    app = AppTest.from_file(str(Path(__file__).parents[2] / "app.py"), default_timeout=60)
    app.run()
    app.session_state["workspace_id"] = create_workspace(open_store(Settings.from_environment().database_url), "Q").id
    app.switch_page("pages/actor_map/page.py").run()
    assert not app.exception, app.exception
    assert app.info[0].value == t("map.empty")
    assert not app.get("iframe")


# -- the map over time (issue 14) -------------------------------------------------------------


def drawn_map(app) -> str:
    """The page the map's iframe shows."""
    return app.get("iframe")[0].proto.srcdoc


def legend(app) -> str:
    """The legend beside the map: page text (HTML the page shows), not part of the iframe."""
    return next(h.proto.body for h in app.get("html") if "hoja-map-legend" in h.proto.body)


def test_the_map_coloured_by_days_since_contact_names_its_bins_in_the_legend(kit_page):
    app = kit_page(map_tab, tab="interactive")
    app.run()
    app.selectbox(key="map_colour_by").set_value("contact").run()
    assert not app.exception
    said = legend(app)
    assert t("map.colour.contact") in said
    for key in ("under_30", "under_90", "under_180", "over_180", "never"):
        assert t(f"map.contact.{key}") in said  # the sample has actors in every bin


def test_the_map_as_of_an_earlier_day_draws_fewer_relations_and_says_how_many_are_hidden(kit_page, kit_store):
    from datetime import date

    engine, workspace_id = kit_store
    app = kit_page(map_tab, tab="interactive")
    app.run()
    everything = showing(app)
    assert not [c for c in app.caption if c.value.startswith(t("map.hidden_by_date", count=2, date="")[:10])]
    app.date_input(key="map_as_of").set_value(date(2026, 1, 1)).run()
    assert not app.exception
    relations = list_relations(engine, workspace_id)
    held = [r for r in relations if (r.starts_on is None or r.starts_on <= date(2026, 1, 1))]
    held = [r for r in held if r.ends_on is None or r.ends_on >= date(2026, 1, 1)]
    assert showing(app) != everything and str(len(held)) in showing(app)
    hidden = t("map.hidden_by_date", count=len(relations) - len(held), date=format_date(date(2026, 1, 1)))
    assert hidden in [c.value for c in app.caption]
    assert format_date(date(2026, 1, 1)) in drawn_map(app)  # the drawn map says the day it shows


def test_the_files_tab_downloads_the_map_as_of_the_day_chosen_on_the_map(kit_page):
    from datetime import date

    app = kit_page(map_tab, tab="files")
    app.session_state["map_drawn"] = {"colour_by": "contact", "size_by": "influence", "day": date(2026, 1, 1)}
    app.run()
    assert not app.exception
    assert t("map.files.as_of", date=format_date(date(2026, 1, 1))) in [c.value for c in app.caption]


def test_the_grid_between_two_dates_says_who_moved(kit_page):
    from datetime import date

    app = kit_page(map_tab, tab="grid")
    app.run()
    assert not app.exception
    said = [m.value for m in app.markdown]
    assert any("pasaron a «Gestionar de cerca» desde el" in line for line in said), said
    moved = app.dataframe[0].value
    assert len(moved) >= 5 and set(moved["after"]) <= {t(f"quadrants.{q}") for q in ("manage_closely", "keep_informed")}
    figure = app.get("plotly_chart")[0].proto.spec
    assert figure.count('"showarrow":true') == len(moved)  # one arrow per actor that moved
    app.date_input(key="map_grid_since").set_value(date(2026, 11, 1)).run()
    assert not app.exception
    assert t("map.grid.no_moves") in [c.value for c in app.caption]
    app.date_input(key="map_grid_since").set_value(date(2026, 11, 22)).run()
    assert t("map.grid.order") in [w.value for w in app.warning]


# -- the map reads at first sight (issue 15) --------------------------------------------------


def map_tabs():
    """The map page's tabs as the person opens them (``tab`` in the session), and the offline HTML
    the files tab would download, kept in the session for the test to read."""
    import importlib

    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map import files
    from pages.actor_map.network import load_network
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.map")
    network = load_network(ctx)
    tab = st.session_state.get("tab", "interactive")
    importlib.import_module(f"pages.actor_map.{tab}").show(ctx, network)
    if tab == "files":
        st.session_state["exported"] = files.standalone_map(ctx, network)().decode("utf-8")


def carried(html: str) -> dict:
    """The data a map page carries (nodes, edges, legend, texts)."""
    import json
    import re

    return json.loads(re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S).group(1))


def test_the_legend_is_page_text_beside_the_map_saying_what_colour_and_size_mean(kit_page):
    app = kit_page(map_tab, tab="interactive")
    app.run()
    said = legend(app)
    assert t("map.legend.colour", what=t("map.colour.sector")) in said
    assert t("map.legend.size.influence") in said
    assert "Gobierno local (22)" in said and f"{t('map.legend.others')} (" in said
    assert t("map.legend.others_hold", names="")[:8] in said  # what "Otros" holds
    inside = carried(drawn_map(app))
    assert inside["legendNodes"] == [] and inside["legendEdges"] == []  # nothing of it inside the frame


def test_the_view_survives_a_tab_switch_and_reaches_the_html_export(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(map_tabs)
    app.run()
    app.selectbox(key="map_colour_by").set_value("stance").run()
    app.selectbox(key="map_size_by").set_value("degree").run()
    app.multiselect(key="map_sectors").set_value(["local_government", "city_network"]).run()
    narrowed = showing(app)
    app.session_state["tab"] = "analysis"
    app.run()
    app.session_state["tab"] = "interactive"
    app.run()
    assert not app.exception
    assert app.selectbox(key="map_colour_by").value == "stance"
    assert app.selectbox(key="map_size_by").value == "degree"
    assert app.multiselect(key="map_sectors").value == ["local_government", "city_network"]
    assert showing(app) == narrowed
    app.session_state["tab"] = "files"
    app.run()
    assert not app.exception
    exported = carried(app.session_state["exported"])
    kept = [a for a in list_actors(engine, workspace_id) if a.sector in ("local_government", "city_network")]
    assert len(exported["nodes"]) == len(kept)
    assert {caption.rsplit(" (", 1)[0] for caption, _ in exported["legendNodes"]} <= {
        t(f"vocab.stances.{key}") for key in ("opponent", "reluctant", "neutral", "favourable", "ally")
    } | {t("map.legend.unknown")}
    assert exported["texts"]["size"] == t("map.legend.size.degree")


def test_the_path_found_is_highlighted_on_the_map_and_in_its_download(kit_page, kit_store):
    from toolkit.network.findings import paths_between

    engine, workspace_id = kit_store
    actors, relations = list_actors(engine, workspace_id), list_relations(engine, workspace_id)
    start = relations[0].source
    goal = next(a.id for a in actors if len((paths_between(actors, relations, start, a.id) or [[]])[0]) > 3)
    path = paths_between(actors, relations, start, goal)[0]
    app = kit_page(map_tabs)
    app.session_state["tab"] = "analysis"
    app.run()
    app.selectbox(key="map_path_from").set_value(start).run()
    app.selectbox(key="map_path_to").set_value(goal).run()
    assert t("map.paths.shown") in [c.value for c in app.caption]
    app.session_state["tab"] = "interactive"
    app.run()
    assert not app.exception
    drawn = carried(drawn_map(app))
    ringed = [n for n in drawn["nodes"] if n.get("borderWidth") == 4]
    assert len(ringed) == len(path)
    assert sorted(n["label"] for n in ringed) == sorted(a.name for a in actors if a.id in path)
    full = [e for e in drawn["edges"] if e["color"]["color"].startswith("#")]
    assert len(full) >= len(path) - 1  # the path's relations drawn full, the others light
    assert set(drawn["labelOrder"][: len(path)]) == {n["id"] for n in ringed}  # the path is named first
    names = {a.id: a.name for a in actors}
    assert names[start] in legend(app) and names[goal] in legend(app)
    app.session_state["tab"] = "files"
    app.run()
    assert len([n for n in carried(app.session_state["exported"])["nodes"] if n.get("borderWidth") == 4]) == len(path)
    app.session_state["tab"] = "interactive"
    app.run()
    app.button(key="map_path_clear").click().run()
    assert not [n for n in carried(drawn_map(app))["nodes"] if n.get("borderWidth") == 4]


def test_the_grid_names_its_top_actors_and_filters_like_the_map(kit_page):
    app = kit_page(map_tab, tab="grid")
    app.run()
    figure = app.get("plotly_chart")[0].proto.spec
    assert t("map.grid.named", count=10) in [c.value for c in app.caption]
    assert '"mode":"markers+text"' in figure
    everything = next(e.label for e in app.expander if e.label.startswith(t("quadrants.monitor")))
    app.multiselect(key="map_grid_sectors").set_value(["academia"]).run()
    assert not app.exception
    narrowed = next(e.label for e in app.expander if e.label.startswith(t("quadrants.monitor")))
    assert narrowed != everything


def picture_of_the_view():
    """The files tab's picture of the view, built here as its download builds it on a click."""
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map import stories
    from toolkit import access
    from toolkit.stories import map_data, view_picture

    access.set_current(access.LOCAL)
    ctx = page_context("nav.map")
    spec = stories.current_spec(ctx)
    svg = view_picture(map_data(ctx.engine, ctx.workspace_id), spec, "Mapa", ctx.today, "svg").decode("utf-8")
    st.session_state["picture_svg"] = svg


def test_the_picture_download_draws_the_view_chosen_on_the_map(kit_page):
    """Issue 15: the view (here coloured by stance) reaches the PNG/SVG export, not only the HTML."""
    app = kit_page(picture_of_the_view)
    app.session_state["map_drawn"] = {"colour_by": "stance", "size_by": "degree"}
    app.run()
    assert not app.exception
    svg = app.session_state["picture_svg"]
    assert t("map.colour.stance") in svg and t("map.colour.sector") not in svg
