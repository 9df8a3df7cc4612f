"""The campaign open in the tabs: remembered across reruns, the one that most needs attention at first."""

import streamlit as st

from pages._kit.context import PageContext
from pages.campaigns.data import Campaigns, Chosen, chosen
from toolkit.i18n import t


def choose(campaign_id: int) -> None:
    st.session_state["campaigns_current"] = campaign_id


def show(ctx: PageContext, data: Campaigns) -> Chosen:
    """The picker of campaigns; returns the one chosen (there is at least one campaign)."""
    current = chosen(ctx, data, st.session_state.get("campaigns_current"))
    choose(current.id)
    by_id = {c.id: c for c in data.campaigns}
    st.session_state["campaigns_pick"] = current.id  # the picker shows the current campaign, whoever changed it
    st.selectbox(
        t("campaigns.pick"),
        list(by_id),
        key="campaigns_pick",
        format_func=lambda i: f"{by_id[i].title} · {t(f'vocab.campaign_statuses.{by_id[i].status}')}",
        on_change=lambda: choose(st.session_state["campaigns_pick"]),
    )
    return current
