"""Actores, the import wizard's last step: the actors as the import will store them, one row each,
under the counts of the same plan the import writes."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from toolkit.i18n import format_number, t
from toolkit.import_rows import COLUMNS, SHOWN, StoredRow, preview_counts, row_table, search
from toolkit.markdown import escape
from toolkit.spreadsheets.importing import Plan

SEARCH_FROM = 20  # rows from which a search box helps


def show(ctx: PageContext, plan: Plan, rows: list[StoredRow]) -> None:
    st.caption(t("stored_rows.intro"))
    counts = preview_counts(plan)
    for cell, name in zip(st.columns(len(counts)), counts._fields, strict=True):
        cell.metric(t(f"stored_rows.{name}"), format_number(getattr(counts, name)))
    if plan.skipped:
        st.caption(t("stored_rows.skipped", count=plan.skipped))
    query = st.text_input(t("stored_rows.search"), key="import_rows_search") if len(rows) > SEARCH_FROM else ""
    found = search(rows, query)
    if not found:
        st.info(t("stored_rows.none_found", query=escape(query)))
        return
    headers = {name: header(name) for name in COLUMNS}
    table = pd.DataFrame(row_table(found[:SHOWN], ctx.term_label, ctx.lang), columns=list(COLUMNS))
    st.dataframe(
        table.rename(columns=headers),
        hide_index=True,
        width="stretch",
        column_config={headers["action"]: st.column_config.TextColumn(width="large")},
    )
    if len(found) > SHOWN:
        st.caption(t("stored_rows.shown", shown=format_number(SHOWN), total=format_number(len(found))))


def header(column: str) -> str:
    if column in ("action", "relations"):
        return t(f"stored_rows.column_{column}")
    return t(f"columns.{column}")
