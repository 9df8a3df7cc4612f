"""The measurements tab: a measurement recorded by hand, and the list of them (the marked ones deleted
after a question)."""

import streamlit as st

from pages._kit import confirm
from pages._kit.context import PageContext, notify
from pages._kit.numbers import FIGURE
from pages._kit.outcome import run
from pages._kit.table import TableTexts, editable_table
from pages.indicators.workspace import DATE_FORMAT, dimension_label
from toolkit.consultations import row_edits
from toolkit.domain import Indicator, IndicatorMeasurement
from toolkit.i18n import format_date, format_long_date, t
from toolkit.indicators import measurement_doubt, measurement_rows
from toolkit.markdown import escape
from toolkit.store.indicators import add_measurement, save_indicator_measurement_edits

ROUND = "indicators_measure_round"  # a new round of keys after each save: the form starts empty
PENDING = "indicators_measure_pending"  # a measurement waiting for its day to be confirmed
SHOWN = ("indicator", "measured_on", "value", "source", "notes")  # read here; a measurement is only deleted
TEXTS = TableTexts(
    save="indicators.measure.delete",
    saved="indicators.measure.deleted",
    delete_title="indicators.measure.delete_title",
    delete_question="indicators.measure.delete_question",
    delete_confirm="indicators.table.delete_confirm",
)


def measure_form(ctx: PageContext, indicators: list[Indicator]) -> None:
    """Note down what an indicator measured on a day, and where the figure comes from: a day before
    the indicator's baseline or after today is asked about first; after a save the form is empty
    again (a second click saves nothing twice), after a refusal it keeps what was typed."""
    st.subheader(t("indicators.measure.title"))
    names = {i.id: i.name for i in indicators}
    dimensions = {i.id: i.dimension for i in indicators}
    baselines = {i.id: i.baseline_on for i in indicators}
    if st.session_state.get("indicators_measure_indicator") not in names:
        st.session_state["indicators_measure_indicator"] = indicators[0].id
    key = f"indicators_measure_{st.session_state.get(ROUND, 0)}"
    with st.form(f"{key}_form"):
        indicator_id = st.selectbox(
            t("indicators.fields.indicator"),
            list(names),
            key="indicators_measure_indicator",
            format_func=lambda i: f"{dimension_label(dimensions.get(i))} · {names.get(i, '')}",
        )
        row = st.columns(2)
        measured_on = row[0].date_input(
            t("indicators.fields.measured_on"), value=ctx.today, format=DATE_FORMAT, key=f"{key}_day"
        )
        value = row[1].number_input(
            t("indicators.fields.value"), value=None, key=f"{key}_value", help=t("indicators.measure.yes_no"), **FIGURE
        )
        source = st.text_input(
            t("indicators.fields.source"), key=f"{key}_source", placeholder=t("indicators.fields.source_hint")
        )
        notes = st.text_input(t("indicators.fields.notes"), key=f"{key}_notes")
        submitted = st.form_submit_button(t("indicators.measure.add"), type="primary")
    measurement = IndicatorMeasurement(
        indicator_id=indicator_id, measured_on=measured_on, value=value, source=source, notes=notes
    )
    doubt = measurement_doubt(measured_on, baselines.get(indicator_id), ctx.today)

    def save(measurement: IndicatorMeasurement, confirmed: bool = True) -> None:
        if run(add_measurement, ctx.engine, ctx.workspace_id, measurement, confirmed=confirmed) is not None:
            st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
            notify("indicators", t("indicators.measure.added", name=escape(names.get(measurement.indicator_id, ""))))

    if submitted and doubt and value is not None:
        confirm.hold(PENDING, (measurement, doubt))
    elif submitted:
        save(measurement, confirmed=False)
    held = st.session_state.get(PENDING)
    if held is not None:
        pending, doubt = held
        question = t(
            f"indicators.doubt.{doubt}",
            start=format_long_date(baselines.get(pending.indicator_id)),
            day=format_long_date(pending.measured_on),
        )
        texts = (t("indicators.doubt.title"), question, t("indicators.doubt.confirm"), t("indicators.doubt.correct"))
        confirm.ask(PENDING, *texts, lambda held: save(held[0]))


def measurement_table(ctx: PageContext, indicators: list[Indicator], measurements: list[IndicatorMeasurement]) -> None:
    """The measurements, newest first; those marked are deleted together after a question."""
    rows = measurement_rows(indicators, measurements)
    st.subheader(t("indicators.measure.list", count=len(rows)))
    editable_table(
        "indicators_measurements",
        lambda: rows,
        columns=["id", "delete", *SHOWN],
        column_config={
            "delete": st.column_config.CheckboxColumn(t("indicators.table.delete"), width="small"),
            "indicator": st.column_config.TextColumn(t("indicators.fields.indicator"), width="large"),
            "measured_on": st.column_config.DateColumn(t("indicators.fields.measured_on"), format=DATE_FORMAT),
            "value": st.column_config.NumberColumn(t("indicators.fields.value")),
            "source": st.column_config.TextColumn(t("indicators.fields.source")),
            "notes": st.column_config.TextColumn(t("indicators.fields.notes")),
        },
        diff=lambda before, touched: row_edits(before, touched, (), "delete"),
        save=lambda edits, to_delete: save_indicator_measurement_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        may_edit=ctx.may_edit,
        row_name=lambda row: f"{format_date(row['measured_on'])} · {row['indicator']}",
        texts=TEXTS,
        notice="indicators",
        disabled=list(SHOWN),
        column_order=["delete", "measured_on", "indicator", "value", "source", "notes"],
    )


def show(ctx: PageContext, indicators: list[Indicator], measurements: list[IndicatorMeasurement]) -> None:
    """Draw the measurements tab."""
    measure_form(ctx, indicators)
    measurement_table(ctx, indicators, measurements)
