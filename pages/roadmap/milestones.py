"""The milestones table: edited in place, its edits and deletes saved in one transaction."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.table import TableState, TableTexts, editable_table
from pages.roadmap.data import DATE_FORMAT, Roadmap
from toolkit.consultations import row_edits
from toolkit.domain import MILESTONE_STATUSES
from toolkit.i18n import t
from toolkit.roadmap import MILESTONE_TABLE_COLUMNS, milestone_rows
from toolkit.store.roadmap import save_milestone_edits

TEXTS = TableTexts(
    save="roadmap.table.save",
    saved="roadmap.table.saved",
    delete_title="roadmap.table.delete_title",
    delete_question="roadmap.table.delete_question",
    delete_confirm="roadmap.table.delete_confirm",
)


def show(ctx: PageContext, roadmap: Roadmap) -> TableState | None:
    """The table (nothing without milestones); widget keys ``roadmap_table_*``."""
    if not roadmap.milestones:
        return None
    st.subheader(t("roadmap.table.title", count=len(roadmap.milestones)))
    st.caption(t("roadmap.table.help"))
    return editable_table(
        "roadmap_table",
        lambda: milestone_rows(roadmap.milestones),
        columns=["id", "version", "delete", *MILESTONE_TABLE_COLUMNS],
        column_config=column_config(roadmap),
        diff=lambda before, touched: row_edits(
            before, touched, MILESTONE_TABLE_COLUMNS, "delete", dates=("starts_on", "due_on")
        ),
        save=lambda edits, to_delete: save_milestone_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        may_edit=ctx.may_edit,
        texts=TEXTS,
        notice="roadmap",
        column_order=["delete", *MILESTONE_TABLE_COLUMNS],
    )


def column_config(roadmap: Roadmap) -> dict:
    consultations, campaigns = roadmap.consultation_titles, roadmap.campaign_titles
    return {
        "delete": st.column_config.CheckboxColumn(t("roadmap.table.delete"), width="small"),
        "phase": st.column_config.SelectboxColumn(
            t("roadmap.columns.phase"), options=roadmap.phase_keys, format_func=roadmap.phase_name
        ),
        "title": st.column_config.TextColumn(t("roadmap.columns.title"), required=True, width="large"),
        "starts_on": st.column_config.DateColumn(t("roadmap.columns.starts_on"), format=DATE_FORMAT),
        "due_on": st.column_config.DateColumn(t("roadmap.columns.due_on"), format=DATE_FORMAT),
        "owner": st.column_config.TextColumn(t("roadmap.columns.owner")),
        "status": st.column_config.SelectboxColumn(
            t("roadmap.columns.status"),
            required=True,
            options=list(MILESTONE_STATUSES),
            format_func=lambda s: t(f"vocab.milestone_statuses.{s}"),
        ),
        "consultation_id": st.column_config.SelectboxColumn(
            t("roadmap.columns.consultation"),
            options=list(consultations),
            format_func=lambda i: consultations.get(i, ""),
        ),
        "campaign_id": st.column_config.SelectboxColumn(
            t("roadmap.columns.campaign"),
            options=list(campaigns),
            format_func=lambda i: campaigns.get(i, ""),
        ),
        "description": st.column_config.TextColumn(t("roadmap.columns.description")),
        "notes": st.column_config.TextColumn(t("roadmap.columns.notes")),
    }
