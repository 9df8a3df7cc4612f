"""What the exercise says: findings in words, the influence-dependence plane, the balance of
power, the convergence and divergence graphs, the objectives that unite or divide."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.numbers import show_table
from pages.strategy.data import Strategy
from toolkit.i18n import t
from toolkit.mactor import findings
from toolkit.strategy_views import (
    balance_figure,
    balance_rows,
    exercise,
    mobilisation_rows,
    note_text,
    pairs_figure,
    plane_figure,
    short_names,
)


def headers(*names: str) -> dict:
    return {name: st.column_config.Column(t(f"strategy.results.{name}")) for name in names}


def show(ctx: PageContext, strategy: Strategy) -> None:
    """Draw the results tab."""
    result = exercise(strategy.actors, strategy.objectives, strategy.positions, strategy.influences)
    if len(result.actor_ids) < 2 or not result.objective_ids:
        st.info(t("strategy.results.need_more"))
        return
    names, titles, labels = strategy.names, strategy.titles, short_names(strategy.actors)
    st.subheader(t("strategy.results.findings"))
    for note in findings(result, names, titles):
        st.markdown("- " + note_text(note))
    left, right = st.columns(2)
    with left:
        st.subheader(t("strategy.results.plane"), help=t("strategy.results.plane_help"))
        st.plotly_chart(plane_figure(result, names, labels), key="strategy_plane")
    with right:
        st.subheader(t("strategy.results.balance"), help=t("strategy.results.balance_help"))
        st.plotly_chart(balance_figure(result, labels), key="strategy_balance")
    st.subheader(t("strategy.results.mobilisation"))
    show_table(
        pd.DataFrame(mobilisation_rows(result, titles)),
        hide_index=True,
        column_config=headers("objective", "favour", "against", "total", "verdict"),
    )
    left, right = st.columns(2)
    with left:
        st.subheader(t("strategy.results.convergences"), help=t("strategy.results.pairs_help"))
        st.plotly_chart(pairs_figure(result, labels, result.caa[3], "#009E73"), key="strategy_convergences")
    with right:
        st.subheader(t("strategy.results.divergences"), help=t("strategy.results.pairs_help"))
        st.plotly_chart(pairs_figure(result, labels, result.daa[3], "#D55E00"), key="strategy_divergences")
    st.subheader(t("strategy.results.table"))
    show_table(
        pd.DataFrame(balance_rows(result, names)),
        hide_index=True,
        column_config=headers("name", "influence", "dependence", "balance", "quadrant"),
    )
