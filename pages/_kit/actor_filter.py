"""The row of filters over the register: search, sector, scale, stance, quadrant, theme; and the
option lists it offers, cached per workspace revision."""

import streamlit as st

from pages._kit.context import PageContext
from toolkit.actor_filter import ActorFilter
from toolkit.domain import QUADRANTS, STANCE_VALUES
from toolkit.i18n import t
from toolkit.salience import filter_options
from toolkit.store.register import actor_count, actor_themes
from toolkit.strategy_views import salience_label


@st.cache_data(max_entries=64, show_spinner=False)
def _options_at(_engine, cache_key: tuple) -> tuple[int, list[str]]:
    """How many actors and which themes as of one revision (every write bumps it): no personal data,
    so one copy serves every session of the workspace."""
    _, workspace_id, _ = cache_key
    return actor_count(_engine, workspace_id), actor_themes(_engine, workspace_id)


def theme_options(ctx: PageContext) -> list[str]:
    """Every theme of the workspace's register, once, sorted (read once per revision)."""
    return _options_at(ctx.engine, ctx.cache_key())[1]


def actor_total(ctx: PageContext) -> int:
    """How many actors the workspace holds (read once per revision)."""
    return _options_at(ctx.engine, ctx.cache_key())[0]


def stance_label(key: str | None) -> str:
    return t(f"vocab.stances.{key}") if key else ""


def actor_filter(
    prefix: str, ctx: PageContext, themes: list[str], *, search: bool = False, columns=None, salience: bool = False
) -> ActorFilter:
    """Draw the filters (widget keys ``{prefix}_sectors``, ``{prefix}_query``...) and return what was chosen.

    ``columns`` are the places to draw into, one per filter (six with the search box, five
    without, one more with ``salience``: the class of each actor's latest salience judgement);
    by default a new row of columns.
    """
    columns = columns or st.columns([3, *[2] * (5 + salience)] if search else 5 + salience)
    places = iter(columns)
    query = ""
    if search:
        query = next(places).text_input(
            t("actors.filter.search"), key=f"{prefix}_query", placeholder=t("actors.filter.search_hint")
        )

    def choose(title: str, name: str, options: list, format_func) -> list:
        return next(places).multiselect(
            title, options, key=f"{prefix}_{name}", placeholder=t("common.choose"), format_func=format_func
        )

    sectors = choose(t("columns.sector"), "sectors", ctx.keys("sectors"), ctx.term_label("sectors"))
    scales = choose(t("columns.scale"), "scales", ctx.keys("scales"), ctx.term_label("scales"))
    stances = choose(t("columns.stance"), "stances", list(STANCE_VALUES), stance_label)
    quadrants = choose(t("columns.quadrant"), "quadrants", list(QUADRANTS), lambda q: t(f"quadrants.{q}"))
    chosen_themes = choose(t("columns.themes"), "themes", themes, str)
    classes = choose(t("strategy.salience.column"), "salience", filter_options(), salience_label) if salience else []
    return ActorFilter(
        query=query,
        sectors=tuple(sectors),
        scales=tuple(scales),
        stances=tuple(STANCE_VALUES[s] for s in stances),
        quadrants=tuple(quadrants),
        themes=tuple(chosen_themes),
        salience=tuple(None if name == "unknown" else name for name in classes),
    )


def any_chosen(wanted: ActorFilter) -> bool:
    """Whether any filter narrows the register."""
    chosen = (wanted.query.strip(), wanted.sectors, wanted.scales, wanted.stances, wanted.quadrants, wanted.themes)
    return any((*chosen, wanted.salience))
