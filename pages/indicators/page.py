"""Indicadores: the indicators of the city's international action in the three dimensions of AL-LAs
(institutional, political, territorial): a dashboard per dimension, the indicator table, and the
dated measurements with their source, some calculated from the workspace."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages._kit.tabs import open_tab_only
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
open_tab_only(
    "indicators_tab",
    [
        (t("indicators.tab.dashboard"), lambda: board.show(ctx, statuses, dimension_summary(statuses))),
        (t("indicators.tab.indicators"), lambda: table.show(ctx, indicators)),
        (t("indicators.tab.measurements"), lambda: measurements.show(ctx, indicators, measured)),
    ],
)
