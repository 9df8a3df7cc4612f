"""The plan of the campaign chosen: its title, type, status, objective, audiences, messages,
channels, dates, owner and budget; and deleting it (which asks first)."""

import streamlit as st

from pages._kit import confirm
from pages._kit.context import PageContext, notify
from pages._kit.dialogs import dialog
from pages.campaigns.data import Chosen
from pages.campaigns.words import DATE_FORMAT, NOTICE, channel_label, done, vocab_label
from toolkit.audiences import split_lines
from toolkit.campaigns import measurement_doubt
from toolkit.domain import CAMPAIGN_STATUSES, CAMPAIGN_TYPES, Campaign
from toolkit.i18n import format_date, format_long_date, t
from toolkit.markdown import escape
from toolkit.start_moves import left_before
from toolkit.store.campaigns import delete_campaign, update_campaign


def show(ctx: PageContext, current: Chosen) -> None:
    campaign = current.campaign
    st.caption(t(f"campaigns.state_line.{current.status.state}", title=escape(campaign.title)))
    with st.form(f"campaigns_plan_{campaign.id}_{campaign.version}"):
        edited = plan_form(ctx, current)
        saving = st.form_submit_button(t("campaigns.plan.save"), type="primary")
    question = start_question(ctx, current, edited) if saving else None
    if question:
        confirm.hold(DOUBT, (edited, question))  # asked first; "Volver al plan" keeps what was typed
    elif saving:
        save_plan(ctx, edited)
    held = st.session_state.get(DOUBT) or (None, "")
    yes, no = t("start_moves.save"), t("start_moves.back_plan")
    confirm.ask(DOUBT, t("start_moves.title"), held[1], yes, no, lambda pending: save_plan(ctx, pending[0]))
    st.divider()
    if st.button(t("campaigns.delete.button"), key="campaigns_delete", icon=":material/delete:"):
        confirm_delete(ctx, current)


DOUBT = "campaigns_plan_doubt"  # the plan held while its moved start is asked about


def save_plan(ctx: PageContext, edited: Campaign) -> None:
    if done(update_campaign, ctx.engine, ctx.workspace_id, edited):
        notify(NOTICE, t("campaigns.plan.saved"))


def start_question(ctx: PageContext, current: Chosen, edited: Campaign) -> str | None:
    """Asked before saving a start moved past KPI measurements already recorded, naming them."""
    if edited.starts_on == current.campaign.starts_on or edited.starts_on is None:
        return None
    names = {k.id: k.name for k in current.kpis}
    measured = [(m.kpi_id, m.measured_on) for m in current.all.measurements if m.kpi_id in names]
    left = left_before(dict.fromkeys(names, edited.starts_on), measured, measurement_doubt, ctx.today)
    if not left:
        return None
    lines = [
        "- "
        + t(
            "start_moves.kpi",
            name=escape(names[i]),
            count=len(days),
            days=", ".join(format_date(day) for day in days),
        )
        for i, days in left.items()
    ]
    intro = t("start_moves.campaign_intro", start=format_long_date(edited.starts_on))
    return "\n".join([intro, "", *lines, "", t("start_moves.outro")])


def plan_form(ctx: PageContext, current: Chosen) -> Campaign:
    """The plan's fields (inside the form), filled with the campaign as stored; returns it as edited."""
    campaign, names = current.campaign, current.all.audience_names
    title = st.text_input(t("campaigns.fields.title"), value=campaign.title)
    columns = st.columns(2)
    kind = columns[0].selectbox(
        t("campaigns.fields.type"),
        CAMPAIGN_TYPES,
        index=CAMPAIGN_TYPES.index(campaign.type),
        format_func=vocab_label("campaign_types"),
    )
    status = columns[1].selectbox(
        t("campaigns.fields.status"),
        CAMPAIGN_STATUSES,
        index=CAMPAIGN_STATUSES.index(campaign.status),
        format_func=vocab_label("campaign_statuses"),
    )
    objective = st.text_area(t("campaigns.fields.objective"), value=campaign.objective, height=80)
    targeted = st.multiselect(
        t("campaigns.fields.audiences"),
        list(names),
        default=[i for i in campaign.audience_ids if i in names],
        format_func=lambda i: names.get(i, ""),
        placeholder=t("common.choose"),
    )
    messages = st.text_area(
        t("campaigns.fields.messages"),
        value="\n".join(campaign.messages),
        height=90,
        help=t("campaigns.fields.one_per_line"),
    )
    channels = st.multiselect(
        t("campaigns.fields.channels"),
        list(dict.fromkeys([*ctx.keys("channels"), *campaign.channels])),
        default=campaign.channels,
        format_func=channel_label(ctx),
        placeholder=t("common.choose"),
    )
    columns = st.columns(4)
    starts_on = columns[0].date_input(t("campaigns.fields.starts_on"), value=campaign.starts_on, format=DATE_FORMAT)
    ends_on = columns[1].date_input(t("campaigns.fields.ends_on"), value=campaign.ends_on, format=DATE_FORMAT)
    owner = columns[2].text_input(t("campaigns.fields.owner"), value=campaign.owner)
    planned = columns[3].number_input(
        t("campaigns.fields.budget"), value=campaign.budget, min_value=0.0, step=100000.0, format="%.0f"
    )
    return Campaign(
        title=title,
        type=kind,
        status=status,
        objective=objective,
        audience_ids=targeted,
        messages=split_lines(messages),
        channels=channels,
        starts_on=starts_on,
        ends_on=ends_on,
        owner=owner,
        budget=planned,
        id=campaign.id,
        version=campaign.version,
    )


def confirm_delete(ctx: PageContext, current: Chosen) -> None:
    """Ask before deleting the campaign with its activities, KPIs and measurements."""
    title = current.campaign.title

    @dialog(t("campaigns.delete.title"))  # built on each run: the title in the reader's language
    def ask() -> None:
        st.write(t("campaigns.delete.question", title=escape(title)))
        st.warning(t("campaigns.delete.warning", activities=len(current.activities), kpis=len(current.kpis)))
        confirmed = st.button(t("campaigns.delete.confirm"), type="primary", key="campaigns_delete_confirm")
        if confirmed and done(delete_campaign, ctx.engine, ctx.workspace_id, current.id):
            st.session_state.pop("campaigns_current", None)
            notify(NOTICE, t("campaigns.delete.done", title=escape(title)))

    ask()
