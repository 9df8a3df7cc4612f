"""The indicators tab: the table of indicators (edits and deletes saved together), a new one, the
recommended ones still missing."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.table import TableTexts, editable_table
from pages.indicators.new import add_recommended, new_indicator_form
from pages.indicators.workspace import DATE_FORMAT, automatic_label, dimension_label
from toolkit.consultations import row_edits
from toolkit.domain import DIMENSIONS, Indicator
from toolkit.i18n import format_date, format_long_date, t
from toolkit.indicators import AUTOMATIC, indicator_rows, measurement_doubt, missing_defaults
from toolkit.markdown import escape
from toolkit.start_moves import left_before, moved_starts
from toolkit.store.indicators import list_indicator_measurements, save_indicator_edits

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


def baseline_question(ctx: PageContext, indicators: list[Indicator], edits: list, to_delete: list[int]) -> str | None:
    """Asked before saving a baseline date moved past measurements already recorded, naming them."""
    starts = {i: day for i, day in moved_starts(edits, "baseline_on").items() if i not in to_delete}
    if not starts:
        return None
    measured = [(m.indicator_id, m.measured_on) for m in list_indicator_measurements(ctx.engine, ctx.workspace_id)]
    left = left_before(starts, measured, measurement_doubt, ctx.today)
    if not left:
        return None
    names = {i.id: i.name for i in indicators}
    lines = [
        "- "
        + t(
            "start_moves.indicator",
            name=escape(names.get(i, "")),
            start=format_long_date(starts[i]),
            count=len(days),
            days=", ".join(format_date(day) for day in days),
        )
        for i, days in left.items()
    ]
    return "\n".join([t("start_moves.intro"), "", *lines, "", t("start_moves.outro")])


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
        question=lambda edits, to_delete: baseline_question(ctx, indicators, edits, to_delete),
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
