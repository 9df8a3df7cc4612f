"""The "Territorio y mundo" tab (issue 19): the partners around the world and the territory's
districts, with the filters and colours chosen on the network map; then the tools to place actors."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import download_button
from pages.actor_map import geo_click, geo_places, geo_save
from pages.actor_map.network import Network, drawn_choices, kept, legend_words, map_on, map_texts
from toolkit.consultations import TOOK_PART
from toolkit.districts import District
from toolkit.geo import (
    REGION_FRAMES,
    GeoView,
    district_counts,
    located_geojson,
    territory_figure,
    world_figure,
    world_view,
)
from toolkit.geo_files import world_html, world_picture
from toolkit.i18n import format_number, t
from toolkit.network.legend import legend_html
from toolkit.network.presentation import file_stem
from toolkit.network.view import MapView, chosen_view
from toolkit.places import country_name
from toolkit.store.consultations import list_participants
from toolkit.store.places import districts_map

VIEWS = ("world", "territory")
CHART_CONFIG = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def geo_of(ctx: PageContext, network: Network) -> tuple[GeoView, MapView, dict]:
    """The world as the network map is drawn (its filters, focus, colouring and size, as of its day)."""
    chosen = drawn_choices()
    day = chosen.day or ctx.today
    texts = map_texts(ctx, chosen.colour_by, day, chosen.size_by)
    return *world_at(ctx, network, chosen, *ctx.cache_key(), repr(chosen), day, ctx.lang), texts


@st.cache_resource(max_entries=8, show_spinner=False)  # shared, never changed: 20,000 actors took 0.2 s a rerun
def world_at(
    _ctx, _network: Network, _chosen, url, workspace_id, revision, chosen, day, lang
) -> tuple[GeoView, MapView]:
    """The world and the map's view, per revision, choices, day and language (the city is the workspace's)."""
    held = map_on(_ctx, _network, day)
    relations, words = held.relations.relations, _network.words
    view = chosen_view(_network.actors, relations, held.metrics, {}, words, _chosen, held.contact, held.salience)
    return world_view(_network.actors, relations, view, _ctx.workspace.city), view


def counts_tables(ctx: PageContext, geo: GeoView) -> None:
    left, right = st.columns(2)
    left.dataframe(
        pd.DataFrame(
            {
                t("geo.world.country"): [country_name(code, ctx.lang) for code, _ in geo.by_country],
                t("geo.world.actors"): [count for _, count in geo.by_country],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    right.dataframe(
        pd.DataFrame(
            {
                t("geo.world.region"): [t(f"geo.regions.{key}") for key, _ in geo.by_region],
                t("geo.world.actors"): [count for _, count in geo.by_region],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def world(ctx: PageContext, network: Network, geo: GeoView, view: MapView, texts: dict, presenting: bool) -> None:
    frames = list(REGION_FRAMES)
    frame = st.selectbox(
        t("geo.world.zoom"), frames, key="map_geo_region", format_func=lambda key: t(f"geo.regions.{key}")
    )
    drawing, side = st.columns([5, 1] if presenting else [4, 1])
    with drawing:
        figure = world_figure(geo, frame, 720 if presenting else None)
        st.plotly_chart(figure, config=CHART_CONFIG, key="map_geo_world", width="stretch")
    with side:
        words = legend_words(view, texts, network.names, ())
        words["labels"] = t("geo.world.legend_note")
        st.html(legend_html(view, words, format_number))
    st.caption(
        t(
            "geo.world.showing",
            placed=format_number(len(geo.points)),
            countries=format_number(len(geo.by_country)),
            unplaced=format_number(geo.unplaced),
        )
    )
    if presenting:  # the map alone, to project it: no tables, no downloads
        return
    counts_tables(ctx, geo)
    shown = {p.actor_id for p in geo.points}
    downloads(ctx, geo, view, texts, [a for a in network.actors if a.id in shown])


def downloads(ctx: PageContext, geo: GeoView, view: MapView, texts: dict, actors) -> None:
    """The world as a picture for a slide, as a page to open without the app, and the located actors."""
    title = t("geo.files.title")
    subtitle = f"{ctx.workspace.name} · {texts['date']}"
    stem = f"{file_stem(ctx.workspace.name)}_{t('geo.files.name')}"
    legend = texts["legend"], texts["relations"], texts["size"]
    words = {"colour": texts["legend"], "relations": texts["relations"], "size": texts["size"]}
    row = st.columns(3)
    files = (
        ("png", lambda: world_picture(geo, view, *legend, title=title, subtitle=subtitle), f"{stem}.png"),
        (
            "html",
            lambda: world_html(geo, view, words, title=title, subtitle=subtitle, lang=ctx.lang).encode(),
            f"{stem}.html",
        ),
        ("geojson", lambda: located_geojson(actors).encode("utf-8"), f"{stem}.geojson"),
    )
    for place, (key, build, name) in zip(row, files, strict=True):
        with place:
            download_button(t(f"geo.files.{key}"), build, name, key=f"map_geo_file_{key}")


def unconsulted_words(names: list[str]) -> str:
    return t("geo.territory.nobody_consulted", count=len(names), names=", ".join(names))


def district_table(counts) -> None:
    rows = {
        t("geo.territory.district"): [c.name for c in counts],
        t("geo.territory.actors"): [c.actors for c in counts],
        t("geo.territory.consulted"): [c.consulted for c in counts],
    }
    st.dataframe(pd.DataFrame(rows), hide_index=True, height=560)


def territory(ctx: PageContext, network: Network, geo: GeoView, districts: list[District], presenting: bool) -> None:
    which = st.radio(
        t("geo.territory.colour"),
        ["actors", "consulted"],
        key="map_geo_which",
        horizontal=True,
        format_func=lambda key: t(f"geo.territory.{key}"),
    )
    participants = list_participants(ctx.engine, ctx.workspace_id)
    consulted = {p.actor_id for p in participants if p.status in TOOK_PART}
    counts = district_counts(network.actors, districts, consulted)
    height = 760 if presenting else 600
    drawing, side = st.columns([5, 2]) if not presenting else (st.container(), None)
    with drawing:
        figure = territory_figure(districts, counts, which, geo.points, height)
        st.plotly_chart(figure, config=CHART_CONFIG, key="map_geo_territory", width="stretch")
    if side is not None:
        with side:
            district_table(counts)
    left_out = [c.name for c in counts if c.consulted == 0]
    if left_out:
        st.warning(unconsulted_words(left_out), icon=":material/location_off:")
    outside = sum(
        1 for a in network.actors if a.latitude is not None and not a.district and a.city == ctx.workspace.city
    )
    st.caption(t("geo.territory.legend", outside=format_number(outside)))


GEO_KEPT = ("map_geo_view", "map_geo_region", "map_geo_which", "map_presentation")


def heading(ctx: PageContext, presenting: bool, texts: dict, which: str) -> None:
    if presenting:  # as the network map's presentation: a title and the day, for the room
        colour = st.session_state.get("map_geo_which") or "actors"
        st.subheader(t("geo.files.title") if which == "world" else t(f"geo.story.shaded_{colour}"))
        st.caption(f"{ctx.workspace.name} · {texts['date']}")
    else:
        st.caption(t("geo.shared"))


def show(ctx: PageContext, network: Network) -> None:
    """Draw the tab: the world or the territory (presented alone on request), saving the view for a
    story, placing actors by a click, and the other tools to place them."""
    held = kept(ctx)
    for key in GEO_KEPT:  # choices outlive the tab, as the network map's do (presentation is shared)
        if key not in st.session_state and key in held:
            st.session_state[key] = held[key]
    top = st.columns([3, 2], vertical_alignment="bottom")
    chosen = top[0].segmented_control(
        t("geo.view"),
        VIEWS,
        default=None if "map_geo_view" in st.session_state else "world",
        key="map_geo_view",
        format_func=lambda key: t(f"geo.views.{key}"),
    )
    presenting = top[1].toggle(t("map.presentation"), key="map_presentation", help=t("geo.presentation_help"))
    which = chosen or "world"
    geo, view, texts = geo_of(ctx, network)
    heading(ctx, presenting, texts, which)
    districts = districts_map(ctx.engine, ctx.workspace_id)
    if which == "territory" and districts is None:
        st.info(t("geo.territory.no_districts"))
    elif which == "territory":
        territory(ctx, network, geo, districts.districts, presenting)
    else:
        world(ctx, network, geo, view, texts, presenting)
    held.update({key: st.session_state[key] for key in GEO_KEPT if key in st.session_state})
    if presenting:
        return
    geo_save.show(ctx, which)
    geo_click.show(ctx, network, geo, districts.districts if districts else [])
    geo_places.show(ctx, network)
