"""The grid tab: actors by influence and interest between two dates (who moved, with arrows, and
what changed in words), the strategy for each quadrant, and its list."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from pages._kit.actor_filter import actor_filter
from pages._kit.context import PageContext
from pages._kit.files import download_button
from pages.actor_map.network import Network, remember, restore
from pages.actor_map.shared import grid_view, themes_of
from toolkit.domain import QUADRANTS, Actor
from toolkit.engagement import change_findings
from toolkit.i18n import format_date, t
from toolkit.network.exports import quadrant_workbook
from toolkit.network.presentation import actor_row, move_rows, quadrant_members

LOOK_BACK = 180  # days: the grid compares today with about six months ago unless told otherwise


def period(ctx: PageContext, network: Network) -> tuple[date, date]:
    """The two dates compared: "desde" and "hasta"."""
    first = min((a.assessed_on for a in network.assessments), default=ctx.today)
    earliest = min(first, ctx.today - timedelta(days=LOOK_BACK))
    ends = st.columns([1, 1, 2])
    since, until = (
        column.date_input(
            t(f"map.grid.{end}"),
            value=default,
            min_value=earliest,
            max_value=ctx.today,
            key=f"map_grid_{end}",
            format="DD/MM/YYYY",
        )
        for column, end, default in (
            (ends[0], "since", ctx.today - timedelta(days=LOOK_BACK)),
            (ends[1], "until", ctx.today),
        )
    )
    return since, until


def chart(figure) -> list[int]:
    """The grid (its moves and relations drawn when asked); the ids of the actors selected on it."""
    event = st.plotly_chart(
        figure, width="stretch", on_select="rerun", selection_mode=("box", "lasso", "points"), key="map_grid_chart"
    )
    selected = event.selection.points if event and event.selection else []
    return [p["customdata"][0] for p in selected if p.get("customdata")]


def changes(found: list, since: date, until: date) -> None:
    """What changed between the two dates, in words, and who moved."""
    st.markdown(f"**{t('map.grid.changes', since=format_date(since), until=format_date(until))}**")
    if not found:
        st.caption(t("map.grid.no_moves"))
        return
    for sentence in change_findings(found, since):
        st.markdown(f"- {sentence}")
    st.dataframe(
        pd.DataFrame(move_rows(found, {q: t(f"quadrants.{q}") for q in QUADRANTS})),
        hide_index=True,
        width="stretch",
        column_config={
            "name": t("columns.name"),
            "before": t("map.grid.quadrant_on", date=format_date(since)),
            "after": t("map.grid.quadrant_on", date=format_date(until)),
        },
    )


def quadrants(network: Network, placed: list[Actor]) -> None:
    """The quadrants' members and strategies, and their workbook."""
    columns = st.columns(2)
    for position, (key, members) in enumerate(quadrant_members(placed).items()):
        with columns[position % 2].expander(t("map.grid.quadrant", name=t(f"quadrants.{key}"), count=len(members))):
            st.caption(t(f"map.grid.strategy.{key}"))
            st.text(", ".join(a.name for a in members) or "—")
    headers = [
        t("columns.name"),
        t("columns.sector"),
        t("columns.scale"),
        t("columns.stance"),
        t("columns.influence"),
        t("columns.interest"),
    ]
    download_button(
        t("map.grid.download"),
        lambda: quadrant_workbook(
            placed,
            {q: t(f"quadrants.{q}") for q in QUADRANTS},
            headers,
            lambda a: actor_row(a, network.words),
        ),
        f"{t('map.files.quadrants_name')}.xlsx",
        key="map_grid_download",
    )


def show(ctx: PageContext, network: Network) -> None:
    """Draw the grid tab."""
    restore(ctx)
    st.caption(t("map.grid.intro"))
    since, until = period(ctx, network)
    with st.expander(t("map.grid.filters"), icon=":material/filter_alt:"):
        wanted = actor_filter("map_grid", ctx, themes_of(ctx, network))
    remember(ctx)
    overlay = st.toggle(t("map.grid.relations"), key="map_grid_relations")
    grid = grid_view(ctx, network, wanted, since, until, overlay)  # built once per revision and choice
    chosen_ids = chart(grid.figure)
    if grid.named:
        st.caption(t("map.grid.named", count=grid.named))
    if since >= until:
        st.warning(t("map.grid.order"))
    else:
        changes(grid.found, since, until)
    names = network.names
    if chosen_ids:
        st.markdown(f"**{t('map.grid.selected', count=len(chosen_ids))}**")
        st.text(", ".join(names[i] for i in chosen_ids if i in names))
    if grid.missing:
        st.caption(t("map.grid.missing", count=grid.missing))
    quadrants(network, grid.placed)
