"""Indicadores: the indicators of the city's international action in the three dimensions of AL-LAs
(institutional, political, territorial): a dashboard per dimension, the indicator table, and the
dated measurements with their source, some calculated from the workspace."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages.indicators import automatic, board, first_step, measurements, table
from pages.indicators.workspace import load
from toolkit.i18n import t
from toolkit.indicators import dashboard, dimension_summary

ctx = page_context("nav.indicators")
show_notice("indicators")
st.caption(t("indicators.intro"))
indicators, measured = load(ctx)
if not indicators:
    first_step.show(ctx)
    st.stop()

statuses = dashboard(indicators, measured, ctx.today)
automatic.show(ctx, indicators, measured)
tab_board, tab_table, tab_measurements = st.tabs(
    [t("indicators.tab.dashboard"), t("indicators.tab.indicators"), t("indicators.tab.measurements")],
    key="indicators_tab",
    on_change="rerun",
)  # only the open tab is built; it survives its own buttons' reruns
with tab_board:
    if tab_board.open:
        board.show(ctx, statuses, dimension_summary(statuses))
with tab_table:
    if tab_table.open:
        table.show(ctx, indicators)
with tab_measurements:
    if tab_measurements.open:
        measurements.show(ctx, indicators, measured)
