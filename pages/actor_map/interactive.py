"""The map tab: the drawn network, coloured and sized as chosen, filtered, searched and focused."""

import zlib
from datetime import date

import streamlit as st

from pages._kit.actor_filter import actor_filter
from pages._kit.context import PageContext
from pages.actor_map.network import Network, kept, layout_at, legend_words, map_on, map_texts, remember, restore
from toolkit.actors import all_themes
from toolkit.i18n import format_date, format_number, t
from toolkit.network.history import earliest_start
from toolkit.network.layout import LAYOUTS
from toolkit.network.legend import legend_html
from toolkit.network.render import map_html
from toolkit.network.view import COLOUR_BY, SIZE_BY, MapChoices, MapFilter, chosen_view
from toolkit.store.maps import save_layout, saved_layout


def arrangement(ctx: PageContext, network: Network, place) -> tuple[str, dict]:
    """The layout chooser and its "arrange again" button; the positions to draw (the saved ones,
    or a new arrangement kept for tomorrow)."""
    saved_kind, saved_positions, saved_at = saved_layout(ctx.engine, ctx.workspace_id)
    kind = place[0].selectbox(
        t("map.layout"),
        list(LAYOUTS),
        index=LAYOUTS.index(saved_kind),
        key="map_layout",
        format_func=lambda v: t(f"map.layouts.{v}"),
    )
    seed_key = f"map_seed_{ctx.workspace_id}_{kind}"
    if place[1].button(
        t("map.rerun_layout"), key="map_rerun", icon=":material/refresh:", help=t("map.rerun_layout_help")
    ):
        st.session_state[seed_key] = st.session_state.get(seed_key, 7) + 1
        st.session_state["map_save_positions"] = True
    seed = st.session_state.get(seed_key, 7)
    computed = layout_at(network.actors, network.relations, *ctx.cache_key(), kind, seed)
    if kind == saved_kind and saved_positions and not st.session_state.get("map_save_positions"):
        positions = {**computed, **saved_positions}  # actors added since the save get a computed place
    else:
        positions = computed
        if ctx.may_edit:  # a viewer sees it, but keeps nothing
            save_layout(ctx.engine, ctx.workspace_id, kind, positions)  # the chosen arrangement is kept for tomorrow
        st.session_state.pop("map_save_positions", None)
        saved_at = None
    if saved_at:
        place[1].caption(t("map.saved_on", date=format_date(saved_at)))
    return kind, positions


def map_filter(ctx: PageContext, network: Network) -> tuple[MapFilter, int | None, bool]:
    """The filters over actors and relations, in an expander; the search and focus row below it.

    Returns what to show, the actor searched for (highlighted) and whether to present full screen."""
    words = network.words
    with st.expander(t("map.filters"), icon=":material/filter_alt:"):
        first, second = st.columns(5), st.columns(4)
        actors = actor_filter("map", ctx, all_themes(network.actors), columns=[*first, second[0]], salience=True)
        relation_types = second[1].multiselect(
            t("columns.relation.type"),
            ctx.keys("relation_types"),
            key="map_relation_types",
            placeholder=t("common.choose"),
            format_func=lambda k: words.relation_types.get(k, k),
        )
        min_strength = second[2].slider(t("map.min_strength"), 1, 3, 1, key="map_min_strength")
        hide_isolated = second[3].toggle(t("map.hide_isolated"), key="map_hide_isolated")
    names = network.names
    row = st.columns([3, 2, 1, 2])
    highlight = row[0].selectbox(
        t("map.search"),
        list(names),
        index=None,
        key="map_search",
        format_func=lambda i: names.get(i, ""),
        placeholder=t("map.search_hint"),
    )
    focus = row[1].toggle(t("map.focus"), key="map_focus", disabled=highlight is None, help=t("map.focus_help"))
    steps = row[2].number_input(t("map.focus_steps"), 1, 4, 1, key="map_focus_steps", disabled=not focus)
    presentation = row[3].toggle(t("map.presentation"), key="map_presentation", help=t("map.presentation_help"))
    wanted = MapFilter(
        actors=actors,
        relation_types=tuple(relation_types),
        min_strength=min_strength,
        hide_isolated=hide_isolated,
        focus=highlight if focus else None,
        focus_steps=int(steps),
    )
    return wanted, highlight, presentation


def as_of(ctx: PageContext, network: Network, place) -> date:
    """The day the map is drawn as of: today unless the person goes back in time."""
    first = earliest_start(network.relations) or ctx.today
    return place.date_input(
        t("map.as_of"),
        value=ctx.today,
        min_value=min(first, ctx.today),
        max_value=ctx.today,
        key="map_as_of",
        format="DD/MM/YYYY",
        help=t("map.as_of_help"),
    )


def choose_look(ctx: PageContext, network: Network) -> tuple[str, str, date, str, dict]:
    """The row over the map: colour, size, day, layout; returns them and the positions to draw."""
    controls = st.columns([2, 2, 2, 2, 2])
    colour_by = controls[0].selectbox(
        t("map.colour_by"), list(COLOUR_BY), key="map_colour_by", format_func=lambda v: t(f"map.colour.{v}")
    )
    size_by = controls[1].selectbox(
        t("map.size_by"), list(SIZE_BY), key="map_size_by", format_func=lambda v: t(f"map.size.{v}")
    )
    day = as_of(ctx, network, controls[2])
    kind, positions = arrangement(ctx, network, controls[3:])
    return colour_by, size_by, day, kind, positions


def say_what_is_shown(network: Network, view, held, day: date) -> None:
    st.caption(
        t(
            "map.showing",
            actors=format_number(len(view.nodes)),
            total=format_number(len(network.actors)),
            relations=format_number(len(view.edges)),
        )
    )
    if held.relations.hidden:
        st.caption(t("map.hidden_by_date", count=held.relations.hidden, date=format_date(day)))


def show(ctx: PageContext, network: Network) -> None:
    """Draw the map tab."""
    restore(ctx)
    colour_by, size_by, day, kind, positions = choose_look(ctx, network)
    wanted, highlight, presentation = map_filter(ctx, network)
    path = tuple(kept(ctx).get("path", ()))
    choices = MapChoices(colour_by, size_by, day, kind, wanted, highlight, path)
    st.session_state["map_drawn"] = choices.to_dict()
    remember(ctx)
    held = map_on(ctx, network, day)
    view = chosen_view(
        network.actors,
        held.relations.relations,
        held.metrics,
        positions,
        network.words,
        choices,
        held.contact,
        held.salience,
    )
    say_what_is_shown(network, view, held, day)
    if highlight is not None and highlight not in view.node_ids:
        st.warning(t("map.search_hidden"))
    texts = map_texts(ctx, colour_by, day, size_by)
    drawing, side = st.columns([3, 1]) if not presentation else st.columns([5, 1])
    with drawing:
        st.iframe(
            map_html(
                view,
                texts,
                height=820 if presentation else 640,
                presentation=presentation,
                focus=view.node_ids.get(highlight),
                legend=False,
                view_key=f"{ctx.workspace_id}:{kind}:{zlib.crc32(repr(wanted).encode())}",
            ),
            height=(900 if presentation else 646),
        )
    with side:
        st.html(legend_html(view, legend_words(view, texts, network.names, path), format_number))
        if len(view.path) > 1 and st.button(t("map.paths.clear"), key="map_path_clear", icon=":material/close:"):
            kept(ctx).pop("path", None)
            st.rerun()
