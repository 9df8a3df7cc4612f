"""The grid tab: actors by influence and interest between two dates (who moved, with arrows, and
what changed in words), the strategy for each quadrant, and its list."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from pages._kit.actor_filter import actor_filter
from pages._kit.context import PageContext
from pages._kit.files import download_button
from pages.actor_map.network import Network, remember, restore
from toolkit.actors import all_themes, filter_actors
from toolkit.charts import GRID_NAMED, power_interest_figure
from toolkit.domain import QUADRANTS, Actor
from toolkit.engagement import change_findings, moves
from toolkit.i18n import format_date, t
from toolkit.network.exports import quadrant_workbook
from toolkit.network.history import actors_on, earlier_places
from toolkit.network.presentation import actor_row, grid_points, move_rows, quadrant_members, stance_colours

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


def chart(network: Network, placed: list[Actor], moved_from: dict, since: date) -> list[int]:
    """The grid, with the moves and the relations over it when asked; the ids of the actors selected on it."""
    overlay = st.toggle(t("map.grid.relations"), key="map_grid_relations")
    figure = power_interest_figure(
        grid_points(placed, network.words),
        {q: t(f"quadrants.{q}") for q in QUADRANTS},
        {"x": t("columns.interest"), "y": t("columns.influence")},
        stance_colours(network.words),
        [(r.source, r.target) for r in network.relations] if overlay else None,
        moved_from=moved_from,
        before_name=t("map.grid.earlier", date=format_date(since)),
    )
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
        wanted = actor_filter("map_grid", ctx, all_themes(network.actors))
    remember(ctx)
    placed = filter_actors(actors_on(network.actors, network.assessments, until), wanted)
    ids = {a.id for a in placed}
    found = [m for m in moves(network.actors, network.assessments, since, until) if m.actor.id in ids]
    found = found if since < until else []
    chosen_ids = chart(network, placed, earlier_places(network.actors, network.assessments, found, since), since)
    named = len({(p["interest"], p["influence"]) for p in grid_points(placed, network.words)})
    named = min(GRID_NAMED, named)
    if named:
        st.caption(t("map.grid.named", count=named))
    if since >= until:
        st.warning(t("map.grid.order"))
    else:
        changes(found, since, until)
    names = network.names
    if chosen_ids:
        st.markdown(f"**{t('map.grid.selected', count=len(chosen_ids))}**")
        st.text(", ".join(names[i] for i in chosen_ids if i in names))
    missing = len(placed) - len(grid_points(placed, network.words))
    if missing:
        st.caption(t("map.grid.missing", count=missing))
    quadrants(network, placed)
