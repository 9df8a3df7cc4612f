"""The grid tab: actors by influence and interest, the strategy for each quadrant, and its list."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import download_button
from pages.actor_map.network import Network
from toolkit.charts import power_interest_figure
from toolkit.domain import QUADRANTS
from toolkit.i18n import t
from toolkit.network.exports import quadrant_workbook
from toolkit.network.presentation import actor_row, grid_points, quadrant_members, stance_colours


def chart(network: Network, points: list[dict]) -> list[int]:
    """The grid, with the relations over it when asked; the ids of the actors selected on it."""
    overlay = st.toggle(t("map.grid.relations"), key="map_grid_relations")
    figure = power_interest_figure(
        points,
        {q: t(f"quadrants.{q}") for q in QUADRANTS},
        {"x": t("columns.interest"), "y": t("columns.influence")},
        stance_colours(network.words),
        [(r.source, r.target) for r in network.relations] if overlay else None,
    )
    event = st.plotly_chart(
        figure, width="stretch", on_select="rerun", selection_mode=("box", "lasso", "points"), key="map_grid_chart"
    )
    selected = event.selection.points if event and event.selection else []
    return [p["customdata"][0] for p in selected if p.get("customdata")]


def show(ctx: PageContext, network: Network) -> None:
    """Draw the grid tab."""
    st.caption(t("map.grid.intro"))
    points = grid_points(network.actors, network.words)
    chosen_ids = chart(network, points)
    names = network.names
    if chosen_ids:
        st.markdown(f"**{t('map.grid.selected', count=len(chosen_ids))}**")
        st.text(", ".join(names[i] for i in chosen_ids if i in names))
    missing = len(network.actors) - len(points)
    if missing:
        st.caption(t("map.grid.missing", count=missing))
    columns = st.columns(2)
    for position, (key, members) in enumerate(quadrant_members(network.actors).items()):
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
            network.actors,
            {q: t(f"quadrants.{q}") for q in QUADRANTS},
            headers,
            lambda a: actor_row(a, network.words),
        ),
        f"{t('map.files.quadrants_name')}.xlsx",
        key="map_grid_download",
    )
