"""The KPIs of the campaign chosen: their progress against target and time, a new KPI, a new
measurement, and one KPI over time; the tables and the import follow (see :mod:`kpi_tables`)."""

import pandas as pd
import streamlit as st

from pages._kit import confirm
from pages._kit.context import PageContext, notify
from pages._kit.forms import empty_after_save
from pages._kit.numbers import FIGURE, percent_bar, show_table
from pages.campaigns import kpi_tables
from pages.campaigns.data import Chosen
from pages.campaigns.words import DATE_FORMAT, NOTICE, run, vocab_label
from toolkit.campaigns import KPI_STATES, KpiProgress, kpi_series, measurement_doubt
from toolkit.charts import kpi_progress_figure, kpi_timeline_figure
from toolkit.domain import KPI_AGGREGATIONS, KPI_KINDS, Kpi, KpiMeasurement
from toolkit.i18n import format_date, format_long_date, format_number, t
from toolkit.markdown import escape
from toolkit.store.campaigns import add_kpi, log_measurement

MEASURE_ROUND = "campaigns_measure_round"  # a new round of keys after each save: the form starts empty
MEASURE_PENDING = "campaigns_measure_pending"  # a measurement waiting for its day to be confirmed


def show(ctx: PageContext, current: Chosen) -> None:
    progress = current.status.kpis
    if progress:
        show_progress(progress)
    else:
        st.info(t("campaigns.kpis.empty"))
    columns = st.columns(2)
    with columns[0].container(border=True):
        new_kpi(ctx, current)
    with columns[1].container(border=True):
        new_measurement(ctx, current)
    if current.kpis:
        with st.expander(t("campaigns.kpis.edit_title"), icon=":material/edit:"):
            st.caption(t("campaigns.kpis.edit_help"))
            kpi_tables.kpis_table(ctx, current)
        kpi = over_time(ctx, current)
        kpi_tables.show(ctx, current, kpi)


def show_progress(progress: list[KpiProgress]) -> None:
    """Each KPI against its target and the time gone: a chart, and the same in a table."""
    st.plotly_chart(
        kpi_progress_figure(
            progress,
            {
                "title": t("campaigns.chart.progress_title"),
                "axis": t("campaigns.chart.progress_axis"),
                "expected": t("campaigns.chart.expected"),
                "target": t("campaigns.chart.target"),
            },
            {state: t(f"campaigns.kpi_state.{state}") for state in KPI_STATES},
        ),
        key="campaigns_progress_chart",
        config={"displaylogo": False},
    )
    st.caption(t("campaigns.chart.progress_help"))
    show_table(
        pd.DataFrame(
            {
                t("campaigns.kpis.name"): [p.kpi.name for p in progress],
                t("campaigns.kpis.value"): [
                    "—" if p.value is None else format_number(p.value, digits=0) for p in progress
                ],
                t("campaigns.kpis.target"): [f"{format_number(p.kpi.target)} {p.kpi.unit}".strip() for p in progress],
                t("campaigns.kpis.progress"): [
                    None if p.progress is None else round(100 * p.progress) for p in progress
                ],
                t("campaigns.kpis.state"): [t(f"campaigns.kpi_state.{p.state}") for p in progress],
                t("campaigns.kpis.last"): [format_date(p.last_measured_on) for p in progress],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={t("campaigns.kpis.progress"): percent_bar()},
    )


KPI_FIELDS = ("name", "kind", "unit", "baseline", "target", "aggregation")  # the new KPI form's widgets


def new_kpi(ctx: PageContext, current: Chosen) -> None:
    """The form that sets one more indicator of the campaign (baseline, target, how it adds up)."""
    st.markdown(t("campaigns.kpis.add_title"))
    with st.form(f"campaigns_kpi_form_{current.id}", border=False):
        name = st.text_input(t("campaigns.kpis.name"), key="campaigns_kpi_name")
        row = st.columns(2)
        kind = row[0].selectbox(
            t("campaigns.kpis.kind"), KPI_KINDS, format_func=vocab_label("kpi_kinds"), key="campaigns_kpi_kind"
        )
        unit = row[1].text_input(
            t("campaigns.kpis.unit"), key="campaigns_kpi_unit", placeholder=t("campaigns.kpis.unit_hint")
        )
        row = st.columns(2)
        baseline = row[0].number_input(t("campaigns.kpis.baseline"), value=0.0, key="campaigns_kpi_baseline", **FIGURE)
        target = row[1].number_input(t("campaigns.kpis.target"), value=None, key="campaigns_kpi_target", **FIGURE)
        aggregation = st.radio(
            t("campaigns.kpis.aggregation"),
            KPI_AGGREGATIONS,
            horizontal=True,
            format_func=lambda k: t(f"campaigns.kpis.aggregation_{k}"),
            key="campaigns_kpi_aggregation",
        )
        if st.form_submit_button(t("campaigns.kpis.add"), type="primary"):
            kpi = Kpi(
                campaign_id=current.id,
                name=name,
                target=target,
                kind=kind,
                unit=unit,
                baseline=baseline,
                aggregation=aggregation,
            )
            if run(add_kpi, ctx.engine, ctx.workspace_id, kpi) is not None:
                empty_after_save(*(f"campaigns_kpi_{name}" for name in KPI_FIELDS))
                notify(NOTICE, t("campaigns.kpis.added", name=escape(name)))


def new_measurement(ctx: PageContext, current: Chosen) -> None:
    """The form that notes down what one of the campaign's KPIs measured on a day: a day before the
    campaign started or after today is asked about first; after a save the form is empty again (a
    second click saves nothing twice), after a refusal it keeps what was typed."""
    st.markdown(t("campaigns.kpis.measure_title"))
    names = {k.id: k.name for k in current.kpis}
    if st.session_state.get("campaigns_measure_kpi") not in names:  # another campaign's, or none
        st.session_state["campaigns_measure_kpi"] = next(iter(names), None)
    key = f"campaigns_measure_{st.session_state.get(MEASURE_ROUND, 0)}"
    with st.form(f"{key}_form_{current.id}", border=False):
        kpi_id = st.selectbox(
            t("campaigns.kpis.name"), list(names), format_func=lambda i: names.get(i, ""), key="campaigns_measure_kpi"
        )
        row = st.columns(2)
        measured_on = row[0].date_input(
            t("campaigns.columns.measured_on"), value=ctx.today, format=DATE_FORMAT, key=f"{key}_day"
        )
        value = row[1].number_input(t("campaigns.columns.value"), value=None, key=f"{key}_value", **FIGURE)
        notes = st.text_input(
            t("campaigns.columns.notes"), key=f"{key}_notes", placeholder=t("campaigns.kpis.source_hint")
        )
        submitted = st.form_submit_button(t("campaigns.kpis.measure"), type="primary", disabled=not names)
    measurement = KpiMeasurement(kpi_id=kpi_id, measured_on=measured_on, value=value, notes=notes)
    start = current.campaign.starts_on
    doubt = measurement_doubt(measured_on, start, ctx.today)

    def save(measurement: KpiMeasurement, confirmed: bool = True) -> None:
        if run(log_measurement, ctx.engine, ctx.workspace_id, measurement, confirmed=confirmed) is not None:
            st.session_state[MEASURE_ROUND] = st.session_state.get(MEASURE_ROUND, 0) + 1
            notify(NOTICE, t("campaigns.kpis.measured", name=escape(names.get(measurement.kpi_id, ""))))

    if submitted and doubt and value is not None:
        confirm.hold(MEASURE_PENDING, (measurement, doubt))
    elif submitted:
        save(measurement, confirmed=False)
    held = st.session_state.get(MEASURE_PENDING)
    if held is not None:
        pending, doubt = held
        question = t(
            f"campaigns.doubt.{doubt}", start=format_long_date(start), day=format_long_date(pending.measured_on)
        )
        texts = (t("campaigns.doubt.title"), question, t("campaigns.doubt.confirm"), t("campaigns.doubt.correct"))
        confirm.ask(MEASURE_PENDING, *texts, lambda held: save(held[0]))


def over_time(ctx: PageContext, current: Chosen) -> Kpi:
    """One KPI (chosen) over time against its target and its expected path; returns that KPI."""
    st.subheader(t("campaigns.kpis.over_time"))
    names = {k.id: k.name for k in current.kpis}
    if st.session_state.get("campaigns_kpi_shown") not in names:
        st.session_state["campaigns_kpi_shown"] = current.kpis[0].id
    shown = st.selectbox(
        t("campaigns.kpis.name"), list(names), key="campaigns_kpi_shown", format_func=lambda i: names.get(i, "")
    )
    kpi = next(k for k in current.kpis if k.id == shown)
    st.plotly_chart(
        kpi_timeline_figure(
            kpi,
            kpi_series(kpi, current.all.measurements),
            current.campaign.starts_on,
            current.campaign.ends_on,
            ctx.today,
            {
                "title": kpi.name,
                "value": t("campaigns.chart.value"),
                "path": t("campaigns.chart.path"),
                "target": t("campaigns.chart.target"),
                "today": t("campaigns.chart.today"),
            },
        ),
        key="campaigns_kpi_chart",
        config={"displaylogo": False},
    )
    return kpi
