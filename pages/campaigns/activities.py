"""The work of the campaign chosen: what is late or due soon, a new activity, the calendar, the
activities table (edits and deletes saved together), the budget, and activities from a spreadsheet."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.forms import empty_after_save
from pages._kit.table import TableTexts, editable_table
from pages.campaigns import imports
from pages.campaigns.data import Chosen
from pages.campaigns.words import DATE_FORMAT, NOTICE, activity_table, channel_label, money, run, vocab_label, worded
from toolkit.campaigns import activity_rows, budget
from toolkit.charts import activity_timeline_figure
from toolkit.consultations import row_edits
from toolkit.domain import ACTIVITY_STATUSES, Activity
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.campaigns import add_activity, save_activity_edits

COLUMNS = ("title", "channel", "due_on", "owner", "status", "cost", "notes")
TEXTS = TableTexts(
    save="campaigns.table.save",
    saved="campaigns.table.saved",
    delete_title="campaigns.table.delete_title",
    delete_question="campaigns.table.delete_question",
    delete_confirm="campaigns.table.delete_confirm",
)


def show(ctx: PageContext, current: Chosen) -> None:
    late, soon = current.status.late, current.status.upcoming
    columns = st.columns(2)
    with columns[0]:
        st.markdown(t("campaigns.activities.late", count=len(late)))
        if late:
            st.dataframe(activity_table(ctx, late), hide_index=True, width="stretch")
    with columns[1]:
        st.markdown(t("campaigns.activities.upcoming", count=len(soon)))
        if soon:
            st.dataframe(activity_table(ctx, soon), hide_index=True, width="stretch")
    st.subheader(t("campaigns.activities.add_title"))
    new_activity(ctx, current)
    if current.activities:
        st.plotly_chart(
            activity_timeline_figure(
                current.activities,
                channel_label(ctx),
                vocab_label("activity_statuses"),
                ctx.today,
                {
                    "title": t("campaigns.activities.calendar"),
                    "today": t("campaigns.chart.today"),
                    "late": t("campaigns.activities.late_marker"),
                },
                late=late,
            ),
            key="campaigns_timeline_chart",
            config={"displaylogo": False},
        )
    st.subheader(t("campaigns.activities.list", count=len(current.activities)))
    activities_table(ctx, current)
    show_budget(current)
    st.subheader(t("campaigns.import.activities_title"))
    st.caption(t("campaigns.import.activities_help"))
    imports.activity_template(ctx)
    imports.import_panel(ctx, current, "activities")


ACTIVITY_FIELDS = ("title", "channel", "day", "owner", "status", "cost")  # the form's widgets


def new_activity(ctx: PageContext, current: Chosen) -> None:
    """The form that plans one more activity of the campaign."""
    with st.form(f"campaigns_activity_form_{current.id}"):
        columns = st.columns([3, 2, 2])
        title = columns[0].text_input(t("campaigns.columns.title"), key="campaigns_activity_title")
        channel = columns[1].selectbox(
            t("campaigns.columns.channel"),
            ctx.keys("channels"),
            index=None,
            format_func=channel_label(ctx),
            key="campaigns_activity_channel",
            placeholder=t("common.choose"),
        )
        due_on = columns[2].date_input(
            t("campaigns.columns.due_on"), value=None, format=DATE_FORMAT, key="campaigns_activity_day"
        )
        columns = st.columns([3, 2, 2])
        owner = columns[0].text_input(t("campaigns.columns.owner"), key="campaigns_activity_owner")
        status = columns[1].selectbox(
            t("campaigns.columns.status"),
            ACTIVITY_STATUSES,
            format_func=vocab_label("activity_statuses"),
            key="campaigns_activity_status",
        )
        cost = columns[2].number_input(
            t("campaigns.columns.cost"),
            min_value=0.0,
            value=None,
            step=100000.0,
            format="%.0f",
            key="campaigns_activity_cost",
        )
        if st.form_submit_button(t("campaigns.activities.add"), type="primary"):
            activity = Activity(
                campaign_id=current.id,
                title=title,
                channel=channel,
                due_on=due_on,
                owner=owner,
                status=status,
                cost=cost,
            )
            if run(add_activity, ctx.engine, ctx.workspace_id, activity) is not None:
                empty_after_save(*(f"campaigns_activity_{name}" for name in ACTIVITY_FIELDS))
                notify(NOTICE, t("campaigns.activities.added", title=escape(title)))


def activities_table(ctx: PageContext, current: Chosen) -> None:
    """The campaign's activities to edit, and to delete (asking first), saved in one transaction."""
    editable_table(
        "campaigns_activities",
        lambda: activity_rows(current.activities),
        columns=["id", "version", "delete", *COLUMNS],
        column_config={
            "delete": st.column_config.CheckboxColumn(t("campaigns.table.delete"), width="small"),
            "title": st.column_config.TextColumn(t("campaigns.columns.title"), required=True, width="large"),
            "channel": st.column_config.SelectboxColumn(
                t("campaigns.columns.channel"), options=ctx.keys("channels"), format_func=channel_label(ctx)
            ),
            "due_on": st.column_config.DateColumn(t("campaigns.columns.due_on"), format=DATE_FORMAT),
            "owner": st.column_config.TextColumn(t("campaigns.columns.owner")),
            "status": st.column_config.SelectboxColumn(
                t("campaigns.columns.status"),
                required=True,
                options=list(ACTIVITY_STATUSES),
                format_func=vocab_label("activity_statuses"),
            ),
            "cost": st.column_config.NumberColumn(t("campaigns.columns.cost"), min_value=0, format="%.0f"),
            "notes": st.column_config.TextColumn(t("campaigns.columns.notes")),
        },
        diff=lambda before, touched: row_edits(before, touched, COLUMNS, "delete", dates=("due_on",)),
        save=worded(lambda edits, to_delete: save_activity_edits(ctx.engine, ctx.workspace_id, edits, to_delete)),
        revision=ctx.revision,
        shown=current.id,
        may_edit=ctx.may_edit,
        texts=TEXTS,
        notice=NOTICE,
        column_order=["delete", "due_on", "title", "channel", "owner", "status", "cost", "notes"],
    )


def show_budget(current: Chosen) -> None:
    """The campaign's budget: planned, spent, committed, what remains, and a warning when overspent."""
    spent = budget(current.campaign, current.all.activities)
    st.subheader(t("campaigns.budget.campaign_title"))
    columns = st.columns(4)
    columns[0].metric(t("campaigns.budget.planned"), money(spent.planned))
    columns[1].metric(t("campaigns.budget.spent"), money(spent.spent))
    columns[2].metric(t("campaigns.budget.committed"), money(spent.committed))
    columns[3].metric(t("campaigns.budget.remaining"), money(spent.remaining))
    if spent.over:
        st.warning(t("campaigns.budget.over", amount=money(-spent.remaining)))
