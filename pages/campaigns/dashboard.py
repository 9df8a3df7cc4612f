"""The dashboard across campaigns: how many are on track, late or without measurements; each one's
time, KPIs, work and budget; the work that is late or due soon; the budgets side by side."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.figures import shared_figure
from pages._kit.numbers import percent_bar, show_table
from pages.campaigns.data import Campaigns
from pages.campaigns.words import activity_table, money
from toolkit.campaigns import CampaignStatus, dashboard, dashboard_counts
from toolkit.charts import budget_figure
from toolkit.domain import DASHBOARD_STATUSES
from toolkit.i18n import format_number, t


def show(ctx: PageContext, data: Campaigns) -> None:
    statuses = dashboard(data.campaigns, data.activities, data.kpis, data.measurements, ctx.today)
    counts = dashboard_counts(statuses)
    for column, state in zip(st.columns(len(DASHBOARD_STATUSES)), DASHBOARD_STATUSES, strict=True):
        column.metric(t(f"campaigns.state.{state}"), format_number(counts.get(state, 0)))
    show_table(
        status_table(statuses),
        hide_index=True,
        width="stretch",
        column_config={t("campaigns.board.elapsed"): percent_bar()},
    )
    st.caption(t("campaigns.board.help"))
    late = [a for s in statuses for a in s.late]
    st.subheader(t("campaigns.board.late_title", count=len(late)))
    if late:
        show_table(activity_table(ctx, late, data.titles), hide_index=True, width="stretch")
    else:
        st.caption(t("campaigns.board.nothing_late"))
    soon = sorted((a for s in statuses for a in s.upcoming), key=lambda a: a.due_on)
    st.subheader(t("campaigns.board.upcoming_title", count=len(soon)))
    if soon:
        show_table(activity_table(ctx, soon, data.titles), hide_index=True, width="stretch")
    else:
        st.caption(t("campaigns.board.nothing_upcoming"))
    words = {name: t(f"campaigns.budget.{name}") for name in ("title", "planned", "spent", "committed")}
    figure = shared_figure(
        ctx, "campaigns_budget", build=lambda: budget_figure([(s.campaign.title, s.budget) for s in statuses], words)
    )
    st.plotly_chart(
        figure,
        key="campaigns_budget_chart",
        config={"displaylogo": False},
    )


def status_table(statuses: list[CampaignStatus]) -> pd.DataFrame:
    """One row per campaign followed: where it stands, its time gone, its KPIs, its work, its budget."""
    return pd.DataFrame(
        {
            t("campaigns.fields.title"): [s.campaign.title for s in statuses],
            t("campaigns.fields.type"): [t(f"vocab.campaign_types.{s.campaign.type}") for s in statuses],
            t("campaigns.board.state"): [t(f"campaigns.state.{s.state}") for s in statuses],
            t("campaigns.board.elapsed"): [None if s.elapsed is None else round(100 * s.elapsed) for s in statuses],
            t("campaigns.board.kpis"): [
                t("campaigns.board.kpi_summary", total=len(s.kpis), behind=len(s.behind), unmeasured=len(s.unmeasured))
                for s in statuses
            ],
            t("campaigns.board.late"): [len(s.late) for s in statuses],
            t("campaigns.board.upcoming"): [len(s.upcoming) for s in statuses],
            t("campaigns.board.spent"): [f"{money(s.budget.spent)} / {money(s.budget.planned)}" for s in statuses],
        }
    )
