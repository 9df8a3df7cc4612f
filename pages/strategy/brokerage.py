"""Brokerage roles (Gould and Fernandez) per actor, with sector or scale as the groups, and the
only bridges between groups."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.numbers import show_table
from pages.strategy.data import Strategy
from toolkit.i18n import t
from toolkit.network.brokerage import ROLES
from toolkit.strategy_views import bridge_notes, brokerage_of, brokerage_rows


def show(ctx: PageContext, strategy: Strategy) -> None:
    """Draw the brokerage tab."""
    st.subheader(t("strategy.brokerage.title"))
    st.caption(t("strategy.brokerage.intro"))
    by = st.segmented_control(
        t("strategy.brokerage.groups"),
        ["sector", "scale"],
        default="sector",
        format_func=lambda key: t(f"strategy.brokerage.{key}"),
        key="strategy_groups",
    )
    by = by or "sector"
    vocabulary = "sectors" if by == "sector" else "scales"
    for note in bridge_notes(strategy.actors, strategy.relations, ctx.term_label(vocabulary), by):
        st.markdown("- " + note)
    rows = brokerage_rows(strategy.actors, brokerage_of(strategy.actors, strategy.relations, by))
    if not rows:
        st.info(t("strategy.brokerage.none"))
        return
    show_table(
        pd.DataFrame(rows, columns=["name", *ROLES, "total"]),
        hide_index=True,
        column_config={
            "name": st.column_config.TextColumn(t("strategy.results.name"), pinned=True),
            **{
                role: st.column_config.NumberColumn(t(f"strategy.roles.{role}"), help=t(f"strategy.roles_help.{role}"))
                for role in ROLES
            },
            "total": st.column_config.NumberColumn(t("strategy.brokerage.total")),
        },
    )
