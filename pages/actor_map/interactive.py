"""The map tab: the drawn network, coloured and sized as chosen, filtered, searched and focused."""

from datetime import date

import streamlit as st

from pages._kit.actor_filter import actor_filter, actor_total, theme_options
from pages._kit.actor_pick import LISTED
from pages._kit.context import PageContext
from pages._kit.register import register_of
from pages.actor_map.drawn import Arrangement, Drawn, drawn_map, first_day_at, map_fragment, positions
from pages.actor_map.network import Network, kept, load_network, map_texts, remember, restore
from toolkit.i18n import format_date, format_number, t
from toolkit.name_search import name_matches
from toolkit.network.layout import LAYOUTS
from toolkit.network.readable import FIRST_DRAWN, STEPS
from toolkit.network.view import COLOUR_BY, SIZE_BY, MapChoices, MapFilter
from toolkit.store.maps import layout_setting, save_layout


def arrangement(ctx: PageContext, network: Network, place) -> Arrangement:
    """The layout chooser and its "arrange again" button; which positions to draw (the saved ones,
    or a new arrangement kept for tomorrow)."""
    saved_kind, saved_at = layout_setting(ctx.engine, ctx.workspace_id)
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
    if kind == saved_kind and saved_at is not None and not st.session_state.get("map_save_positions"):
        place[1].caption(t("map.saved_on", date=format_date(saved_at)))
        return Arrangement(kind, seed, saved_at)  # actors added since the save get a computed place
    chosen = Arrangement(kind, seed)
    st.session_state.pop("map_save_positions", None)
    if not ctx.may_edit:  # a viewer sees it, but keeps nothing
        return chosen
    save_layout(ctx.engine, ctx.workspace_id, kind, positions(ctx, network, chosen))  # kept for tomorrow
    return Arrangement(kind, seed, layout_setting(ctx.engine, ctx.workspace_id)[1])


def map_filter(ctx: PageContext, network: Network) -> tuple[MapFilter, int | None, bool]:
    """The filters over actors and relations, in an expander; the search and focus row below it.

    Returns what to show, the actor searched for (highlighted) and whether to present full screen."""
    words = network.words
    with st.expander(t("map.filters"), icon=":material/filter_alt:"):
        first, second = st.columns(5), st.columns(4)
        actors = actor_filter("map", ctx, theme_options(ctx), columns=[*first, second[0]], salience=True)
        relation_types = second[1].multiselect(
            t("columns.relation.type"),
            ctx.keys("relation_types"),
            key="map_relation_types",
            placeholder=t("common.choose"),
            format_func=lambda k: words.relation_types.get(k, k),
        )
        min_strength = second[2].slider(t("map.min_strength"), 1, 3, 1, key="map_min_strength")
        hide_isolated = second[3].toggle(t("map.hide_isolated"), key="map_hide_isolated")
    row = st.columns([3, 2, 1, 2])
    highlight, unlisted = search_box(ctx, row[0])
    focus = row[1].toggle(t("map.focus"), key="map_focus", disabled=highlight is None, help=t("map.focus_help"))
    steps = row[2].number_input(t("map.focus_steps"), 1, 4, 1, key="map_focus_steps", disabled=not focus)
    presentation = row[3].toggle(t("map.presentation"), key="map_presentation", help=t("map.presentation_help"))
    if unlisted:
        st.caption(unlisted)  # under the whole row: in its narrow column it took six lines
    wanted = MapFilter(
        actors=actors,
        relation_types=tuple(relation_types),
        min_strength=min_strength,
        hide_isolated=hide_isolated,
        focus=highlight if focus else None,
        focus_steps=int(steps),
    )
    return wanted, highlight, presentation


def search_box(ctx: PageContext, place) -> tuple[int | None, str]:
    """The actor to highlight: past ``LISTED`` actors a search box narrows the list (a list of
    20,000 names was a sixth of a rerun), the actor chosen stays listed; and how many are not."""
    register = register_of(ctx)
    query = ""
    if len(register.names) > LISTED:
        find, place = place.columns(2)
        query = find.text_input(t("lists.search"), key="map_search_query", help=t("lists.search_help"))
    found, total = name_matches(register.search_keys, register.order, query, limit=LISTED)
    current = st.session_state.get("map_search")
    highlight = place.selectbox(
        t("map.search"),
        list(dict.fromkeys([*([current] if current in register.names else []), *found])),
        index=None,
        key="map_search",
        format_func=lambda i: register.names.get(i, ""),
        placeholder=t("map.search_hint"),
    )
    if query.strip() and not total:
        return highlight, t("lists.none")
    if total > len(found):
        return highlight, t("lists.more", count=total - len(found), shown=len(found))
    return highlight, ""


def as_of(ctx: PageContext, network: Network, place) -> date:
    """The day the map is drawn as of: today unless the person goes back in time."""
    first = first_day_at(network, *ctx.cache_key()) or ctx.today
    return place.date_input(
        t("map.as_of"),
        value=ctx.today,
        min_value=min(first, ctx.today),
        max_value=ctx.today,
        key="map_as_of",
        format="DD/MM/YYYY",
        help=t("map.as_of_help"),
    )


def choose_look(ctx: PageContext, network: Network) -> tuple[str, str, date, Arrangement]:
    """The row over the map: colour, size, day, layout; returns them and the arrangement to draw."""
    controls = st.columns([2, 2, 2, 2, 2])
    colour_by = controls[0].selectbox(
        t("map.colour_by"), list(COLOUR_BY), key="map_colour_by", format_func=lambda v: t(f"map.colour.{v}")
    )
    size_by = controls[1].selectbox(
        t("map.size_by"), list(SIZE_BY), key="map_size_by", format_func=lambda v: t(f"map.size.{v}")
    )
    day = as_of(ctx, network, controls[2])
    return colour_by, size_by, day, arrangement(ctx, network, controls[3:])


def say_what_is_shown(ctx: PageContext, drawn: Drawn, size_by: str, day: date) -> None:
    """What the map shows, what it leaves out and why; on a large map, how many actors to draw."""
    total = actor_total(ctx)
    shown, relations = format_number(drawn.shown), format_number(drawn.relations)
    st.caption(t("map.showing", actors=shown, total=format_number(total), relations=relations))
    if drawn.hidden_by_date:
        st.caption(t("map.hidden_by_date", count=drawn.hidden_by_date, date=format_date(day)))
    if drawn.left_out:
        size = t(f"map.size.{size_by}")
        st.info(t("map.large.left_out", count=drawn.left_out, shown=shown, size=size), icon=":material/visibility_off:")
    if total > FIRST_DRAWN:
        st.radio(
            t("map.large.limit"),
            STEPS,
            key="map_limit",
            horizontal=True,
            format_func=lambda n: t("map.large.step", number=format_number(n)) if n else t("map.large.every"),
            help=t("map.large.limit_help"),
        )


def show(ctx: PageContext, network: Network) -> None:
    """Draw the map tab: a fragment, so that its widgets rerun the map alone."""
    map_tab(ctx)


@map_fragment
def map_tab(ctx: PageContext) -> None:
    network = load_network(ctx)
    if network is None:  # every actor deleted since the page's last full run
        st.info(t("map.empty"))
        return
    restore(ctx)
    colour_by, size_by, day, chosen = choose_look(ctx, network)
    wanted, highlight, presentation = map_filter(ctx, network)
    path = tuple(kept(ctx).get("path", ()))
    choices = MapChoices(colour_by, size_by, day, chosen.kind, wanted, highlight, path)
    st.session_state["map_drawn"] = choices.to_dict()
    remember(ctx)
    limit = st.session_state.get("map_limit", FIRST_DRAWN)
    drawn = drawn_map(ctx, network, choices, chosen, limit, presentation, map_texts(ctx, colour_by, day, size_by))
    say_what_is_shown(ctx, drawn, size_by, day)
    if highlight is not None and highlight not in drawn.drawn_ids:
        st.warning(t("map.search_hidden"))
    drawing, side = st.columns([3, 1]) if not presentation else st.columns([5, 1])
    drawing.iframe(drawn.html, height=(900 if presentation else 646))
    side.html(drawn.legend)
    if drawn.path > 1 and side.button(t("map.paths.clear"), key="map_path_clear", icon=":material/close:"):
        kept(ctx).pop("path", None)
        st.rerun()
