"""A new campaign: its title, type, target audiences, objective, dates and budget."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages.campaigns.data import Campaigns
from pages.campaigns.words import DATE_FORMAT, NOTICE, run, vocab_label
from toolkit.domain import CAMPAIGN_TYPES, Campaign
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.campaigns import create_campaign

FIELDS = ("title", "objective", "audiences", "start", "end", "budget")


def show(ctx: PageContext, data: Campaigns) -> None:
    """The expander that plans a new campaign (open while there is none); the new one becomes current."""
    names = data.audience_names
    with st.expander(t("campaigns.new.title"), expanded=not data.campaigns, icon=":material/add:"):
        st.caption(t("campaigns.new.help"))
        title = st.text_input(t("campaigns.fields.title"), key="campaigns_new_title")
        columns = st.columns(2)
        kind = columns[0].selectbox(
            t("campaigns.fields.type"),
            CAMPAIGN_TYPES,
            key="campaigns_new_type",
            format_func=vocab_label("campaign_types"),
        )
        audiences = columns[1].multiselect(
            t("campaigns.fields.audiences"),
            list(names),
            format_func=lambda i: names.get(i, ""),
            key="campaigns_new_audiences",
            placeholder=t("common.choose"),
            help=None if data.audiences else t("campaigns.new.no_audiences"),
        )
        objective = st.text_area(t("campaigns.fields.objective"), key="campaigns_new_objective", height=68)
        columns = st.columns(3)
        starts_on = columns[0].date_input(
            t("campaigns.fields.starts_on"), value=None, format=DATE_FORMAT, key="campaigns_new_start"
        )
        ends_on = columns[1].date_input(
            t("campaigns.fields.ends_on"), value=None, format=DATE_FORMAT, key="campaigns_new_end"
        )
        planned = columns[2].number_input(
            t("campaigns.fields.budget"),
            min_value=0.0,
            value=None,
            step=100000.0,
            format="%.0f",
            key="campaigns_new_budget",
        )
        if st.button(t("campaigns.new.create"), type="primary", key="campaigns_new_create"):
            campaign = Campaign(
                title=title,
                type=kind,
                objective=objective,
                audience_ids=audiences,
                starts_on=starts_on,
                ends_on=ends_on,
                budget=planned,
            )
            new_id = run(create_campaign, ctx.engine, ctx.workspace_id, campaign)
            if new_id is not None:
                st.session_state["campaigns_current"] = new_id
                for suffix in FIELDS:
                    st.session_state.pop(f"campaigns_new_{suffix}", None)
                notify(NOTICE, t("campaigns.new.done", title=escape(title)))
