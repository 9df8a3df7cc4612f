"""The dashboard tab: the three dimensions at a glance, then one dimension's indicators and one over time."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.figures import shared_figure
from pages._kit.numbers import percent_bar, show_table
from pages.indicators.workspace import dimension_label
from toolkit.domain import DIMENSIONS
from toolkit.i18n import format_number, format_percent, t
from toolkit.indicators import (
    DimensionSummary,
    IndicatorStatus,
    dimensions_figure,
    progress_figure,
    status_table,
    trend_figure,
)

CHART = {"displaylogo": False}


def show_summary(summary: DimensionSummary) -> None:
    """The dimension's counts: indicators, average progress, on track, behind, unmeasured."""
    metrics = st.columns(5)
    metrics[0].metric(t("indicators.board.count"), format_number(summary.count))
    metrics[1].metric(
        t("indicators.board.average"),
        "—" if summary.average_progress is None else format_percent(summary.average_progress),
    )
    metrics[2].metric(
        t("indicators.board.on_track"),
        format_number(summary.on_track),
        help=t("indicators.board.on_track_help", reached=summary.reached),
    )
    metrics[3].metric(t("indicators.board.behind"), format_number(summary.behind))
    metrics[4].metric(
        t("indicators.board.unmeasured"),
        format_number(summary.unmeasured),
        help=t("indicators.board.without_target", count=summary.without_target),
    )


def show_indicators(ctx: PageContext, mine: list[IndicatorStatus]) -> None:
    """The dimension's indicators: their progress, their table, and one chosen over time."""
    dimension = mine[0].indicator.dimension
    figure = shared_figure(ctx, "indicators_progress", dimension, build=lambda: progress_figure(mine))
    st.plotly_chart(figure, key="indicators_progress_chart", config=CHART)
    st.caption(t("indicators.board.help"))
    show_table(
        pd.DataFrame(status_table(mine)),
        hide_index=True,
        width="stretch",
        column_config={
            t("indicators.fields.name"): st.column_config.TextColumn(width="medium"),
            t("indicators.board.progress"): percent_bar(width="small"),
            t("indicators.board.series"): st.column_config.LineChartColumn(width="small"),
        },
    )
    names = {s.indicator.id: s.indicator.name for s in mine}
    if st.session_state.get("indicators_shown") not in names:
        st.session_state["indicators_shown"] = next(iter(names))
    shown = st.selectbox(
        t("indicators.board.over_time"), list(names), key="indicators_shown", format_func=lambda i: names.get(i, "")
    )
    chosen = next(s for s in mine if s.indicator.id == shown)
    figure = shared_figure(ctx, "indicators_trend", shown, build=lambda: trend_figure(chosen, ctx.today))
    st.plotly_chart(figure, key="indicators_trend_chart", config=CHART)


def show(ctx: PageContext, statuses: list[IndicatorStatus], summaries: list[DimensionSummary]) -> None:
    """Draw the dashboard tab."""
    figure = shared_figure(ctx, "indicators_dimensions", build=lambda: dimensions_figure(summaries))
    st.plotly_chart(figure, key="indicators_dimensions_chart", config=CHART)
    dimension = st.radio(
        t("indicators.fields.dimension"),
        DIMENSIONS,
        horizontal=True,
        format_func=dimension_label,
        key="indicators_dimension",
    )
    show_summary(next(s for s in summaries if s.dimension == dimension))
    mine = [s for s in statuses if s.indicator.dimension == dimension]
    if not mine:
        st.info(t("indicators.board.empty_dimension"))
    else:
        show_indicators(ctx, mine)
