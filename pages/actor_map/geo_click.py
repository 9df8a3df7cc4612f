"""Placing an actor with a click (issue 19): find the actor by name, click its place on the
territory or on the world (an invisible grid catches the click: toolkit/geo_clicks.py), zoom in
there if needed, see the point and its district, then confirm; the district can be chosen by hand."""

import streamlit as st

from pages._kit import outcome
from pages._kit.context import PageContext, notify, show_notice
from pages.actor_map.network import Network
from toolkit.districts import District, district_of
from toolkit.domain import Actor
from toolkit.geo import REGION_FRAMES, GeoView, district_counts, fitted_height, territory_figure, world_figure
from toolkit.geo_clicks import (
    actors_named,
    click_grid,
    clicked_place,
    districts_at,
    districts_frame,
    grid_step,
    place_digits,
    placing_figure,
    zoomed,
)
from toolkit.i18n import format_number, t
from toolkit.places import country_name
from toolkit.store.places import set_place

STATE = "map_geo_click"  # the place being chosen: actor, map, frame, point, and the chart's round
NOTICE = "map_geo_click"
MOST_FOUND = 20
CONFIG = {"displaylogo": False, "displayModeBar": False, "scrollZoom": False}


def where_now(ctx: PageContext, actor: Actor) -> str:
    if actor.latitude is None:
        return t("geo.click.unplaced")
    place = ", ".join(p for p in (actor.city, country_name(actor.country, ctx.lang) if actor.country else "") if p)
    return " · ".join(p for p in (place, actor.district) if p) or t("geo.click.placed")


def choose_actor(ctx: PageContext, network: Network) -> Actor | None:
    """A search box, then the actors it finds (at most 20): never a list of every name."""
    row = st.columns([2, 3])
    words = row[0].text_input(t("geo.click.search"), key="map_geo_click_search", placeholder=t("geo.click.search_hint"))
    found = {a.id: a for a in actors_named(network.actors, words, MOST_FOUND)}
    if words.strip() and not found:
        row[1].caption(t("geo.click.none_found"))
        return None
    if found and st.session_state.get("map_geo_click_actor") not in found:
        st.session_state["map_geo_click_actor"] = next(iter(found))  # a new search: its best match, chosen
    chosen = row[1].selectbox(
        t("geo.hand.actor"),
        list(found),
        index=None,
        key="map_geo_click_actor",
        format_func=lambda i: f"{found[i].name} · {where_now(ctx, found[i])}",
        placeholder=t("geo.click.type_first"),
    )
    return found.get(chosen)


def state_for(actor: Actor, base: str) -> dict:
    """The place being chosen, started again when the actor or the map changes."""
    state = st.session_state.get(STATE) or {}
    if state.get("actor") != actor.id or state.get("base") != base:
        state = {"actor": actor.id, "base": base, "frame": None, "point": None, "round": state.get("round", 0) + 1}
        state["version"] = actor.version  # the actor as the person saw it: a colleague's later edit is not overwritten
        st.session_state[STATE] = state
    return state


def base_map(ctx: PageContext, geo: GeoView, districts: list[District]):
    """Which map to click: the territory (with districts) or the world, and a region of it."""
    views = ["territory", "world"] if districts else ["world"]
    row = st.columns(2)
    which = row[0].segmented_control(
        t("geo.click.on"), views, default=views[0], key="map_geo_click_view", format_func=lambda k: t(f"geo.views.{k}")
    )
    if which == "territory":
        return "territory", districts_frame(districts)
    region = row[1].selectbox(
        t("geo.world.zoom"),
        list(REGION_FRAMES),
        key="map_geo_click_region",
        format_func=lambda k: t(f"geo.regions.{k}"),
    )
    return f"world:{region}", REGION_FRAMES[region]


def hover_words(frame, districts: list[District]) -> list[str]:
    xs, ys = click_grid(frame)
    digits = place_digits(grid_step(frame)) + 1
    names = districts_at(xs, ys, districts) if districts else [""] * len(xs)
    return [
        " · ".join(w for w in (name, f"{y:.{digits}f}, {x:.{digits}f}") if w)
        for x, y, name in zip(xs, ys, names, strict=True)
    ]


def clickable(ctx: PageContext, network: Network, geo: GeoView, districts: list[District], state: dict, frame):
    """The map with its grid; a click (read before the chart is drawn again) becomes the point."""
    key = f"map_geo_click_map_{state['round']}"
    event = st.session_state.get(key) or {}
    points = (event.get("selection") or {}).get("points") or []
    if (place := clicked_place(points, frame)) is not None:
        state["point"], state["round"] = list(place), state["round"] + 1  # a new chart: the click is spent
        key = f"map_geo_click_map_{state['round']}"
    if state["base"] == "territory":
        counts = district_counts(network.actors, districts, set())
        base, height = territory_figure(districts, counts, "actors", geo.points, 560), 560
    else:
        base, height = world_figure(geo), fitted_height(*frame)
    chosen = tuple(state["point"]) if state["point"] else None
    figure = placing_figure(base, frame, hover_words(frame, districts), chosen, height)
    st.plotly_chart(figure, key=key, on_select="rerun", selection_mode="points", config=CONFIG, width="stretch")


def confirm(ctx: PageContext, actor: Actor, districts: list[District], state: dict, frame) -> None:
    """The point chosen in words, its district (or another chosen by hand), zoom in, confirm."""
    latitude, longitude = state["point"]
    found = district_of(latitude, longitude, districts) if districts else None
    st.info(
        t(
            "geo.click.chosen",
            name=actor.name,
            latitude=format_number(latitude, digits=5),
            longitude=format_number(longitude, digits=5),
            district=found or t("geo.click.outside") if districts else t("geo.click.no_districts"),
        ),
        icon=":material/location_on:",
    )
    row = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
    names = [d.name for d in districts]
    district = row[0].selectbox(
        t("columns.district"),
        names,
        index=names.index(found) if found in names else None,
        key=f"map_geo_click_district_{state['round']}",
        placeholder=t("geo.click.outside"),
        disabled=not districts,
    )
    if row[1].button(t("geo.click.zoom"), key="map_geo_click_zoom", icon=":material/zoom_in:"):
        state["frame"] = list(zoomed(frame, latitude, longitude))
        st.rerun()
    if row[2].button(t("geo.click.again"), key="map_geo_click_again", icon=":material/restart_alt:"):
        st.session_state.pop(STATE, None)
        st.rerun()
    if row[3].button(t("geo.click.save"), key="map_geo_click_save", type="primary", icon=":material/check:"):
        by_hand = district if district != found else None
        chosen = by_hand or found or ""
        saved = outcome.run(
            set_place, ctx.engine, ctx.workspace_id, actor.id, latitude, longitude, by_hand, "hand", state["version"]
        )
        if saved is None:
            st.session_state.pop(STATE, None)  # start again from the actor as it is now (the message stays)
        else:
            st.session_state.pop(STATE, None)
            words = t("geo.click.saved", name=actor.name, district=chosen) if chosen else None
            notify(NOTICE, words or t("geo.places.saved", name=actor.name))


def show(ctx: PageContext, network: Network, geo: GeoView, districts: list[District]) -> None:
    """The place-by-click tool, drawn only while switched on (its map carries thousands of points)."""
    show_notice(NOTICE)
    if not ctx.may_edit or not st.toggle(t("geo.click.start"), key="map_geo_click_on", help=t("geo.click.help")):
        return
    with st.container(border=True):
        actor = choose_actor(ctx, network)
        if actor is None:
            return
        base, start = base_map(ctx, geo, districts)
        state = state_for(actor, base)
        frame = tuple(state["frame"]) if state["frame"] else start
        st.caption(t("geo.click.how"))
        clickable(ctx, network, geo, districts, state, frame)
        if state["point"]:
            confirm(ctx, actor, districts, state, frame)
