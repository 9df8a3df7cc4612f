"""The indicators tab: the table of indicators (edits and deletes saved together), a new one, the
recommended ones still missing."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.table import TableTexts, editable_table
from pages.indicators.new import add_recommended, new_indicator_form
from pages.indicators.workspace import DATE_FORMAT, automatic_label, dimension_label
from toolkit.consultations import row_edits
from toolkit.domain import DIMENSIONS, Indicator
from toolkit.i18n import t
from toolkit.indicators import AUTOMATIC, indicator_rows, missing_defaults
from toolkit.markdown import escape
from toolkit.store.indicators import save_indicator_edits

EDITABLE = ("dimension", "name", "unit", "baseline", "baseline_on", "target", "target_on", "source", "automatic")
TEXTS = TableTexts(
    save="indicators.table.save",
    saved="indicators.table.saved",
    delete_title="indicators.table.delete_title",
    delete_question="indicators.table.delete_question",
    delete_warning="indicators.table.delete_warning",
    delete_confirm="indicators.table.delete_confirm",
)


def columns() -> dict:
    return {
        "delete": st.column_config.CheckboxColumn(t("indicators.table.delete"), width="small"),
        "dimension": st.column_config.SelectboxColumn(
            t("indicators.fields.dimension"), options=list(DIMENSIONS), format_func=dimension_label, required=True
        ),
        "name": st.column_config.TextColumn(t("indicators.fields.name"), required=True, width="medium"),
        "unit": st.column_config.TextColumn(t("indicators.fields.unit")),
        "baseline": st.column_config.NumberColumn(t("indicators.fields.baseline")),
        "baseline_on": st.column_config.DateColumn(t("indicators.fields.baseline_on"), format=DATE_FORMAT),
        "target": st.column_config.NumberColumn(t("indicators.fields.target")),
        "target_on": st.column_config.DateColumn(t("indicators.fields.target_on"), format=DATE_FORMAT),
        "source": st.column_config.TextColumn(t("indicators.fields.source")),
        "automatic": st.column_config.SelectboxColumn(
            t("indicators.fields.automatic"), options=["", *AUTOMATIC], format_func=automatic_label
        ),
    }


def indicator_table(ctx: PageContext, indicators: list[Indicator]) -> None:
    """The indicators, editable; the marked ones deleted with their measurements, after a question."""
    st.caption(t("indicators.table.help"))
    editable_table(
        "indicators_table",
        lambda: indicator_rows(indicators),
        columns=["id", "version", "delete", *EDITABLE],
        column_config=columns(),
        diff=lambda before, touched: row_edits(before, touched, EDITABLE, "delete", dates=("baseline_on", "target_on")),
        save=lambda edits, to_delete: save_indicator_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        may_edit=ctx.may_edit,
        texts=TEXTS,
        notice="indicators",
        column_order=["delete", *EDITABLE],
    )


def show(ctx: PageContext, indicators: list[Indicator]) -> None:
    """Draw the indicators tab."""
    indicator_table(ctx, indicators)
    st.subheader(t("indicators.new.title"))
    new_indicator_form(ctx)
    missing = missing_defaults(indicators, ctx.lang)
    if missing:
        st.caption(
            t("indicators.defaults.missing", count=len(missing), names=escape(", ".join(i.name for i in missing)))
        )
        if st.button(t("indicators.defaults.add_missing", count=len(missing)), key="indicators_add_missing"):
            add_recommended(ctx)
