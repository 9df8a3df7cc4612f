"""Indicadores: the indicators of the city's international action in the three dimensions of AL-LAs
(institutional, political, territorial): a dashboard per dimension, the indicator table, and the
dated measurements with their source, some calculated from the workspace."""

import pandas as pd
import streamlit as st

from toolkit import clock
from toolkit.consultations import row_edits
from toolkit.domain import DIMENSIONS, Indicator, IndicatorMeasurement
from toolkit.i18n import format_date, format_number, language, t
from toolkit.indicators import (
    AUTOMATIC,
    DEFAULT_SET,
    dashboard,
    default_hint,
    default_name,
    dimension_summary,
    dimensions_figure,
    display_value,
    indicator_rows,
    measurement_rows,
    missing_defaults,
    progress_figure,
    trend_figure,
)
from toolkit.markdown import escape
from toolkit.spreadsheets.indicators import indicator_workbook
from toolkit.store import StoreError
from toolkit.store.indicators import (
    add_default_indicators,
    add_indicator,
    add_measurement,
    delete_indicators,
    delete_measurements,
    list_indicator_measurements,
    list_indicators,
    record_automatic_measurements,
    save_indicator_edits,
    workspace_figures,
)
from toolkit.store.workspaces import revision

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.indicators"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

lang = language()
today = clock.today()
current_revision = revision(engine, workspace_id)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
EDITABLE = ("dimension", "name", "unit", "baseline", "baseline_on", "target", "target_on", "source", "automatic")


@st.cache_data(max_entries=32, show_spinner=False)
def workspace_at(_engine, url: str, workspace_id: int, revision: int):
    """The indicators and their measurements as of one revision."""
    return list_indicators(_engine, workspace_id), list_indicator_measurements(_engine, workspace_id)


indicators, measurements = workspace_at(engine, settings.database_url, workspace_id, current_revision)
names = {i.id: i.name for i in indicators}
dimensions = {i.id: i.dimension for i in indicators}


def dimension_label(key):
    return t(f"vocab.dimensions.{key}") if key else ""


def automatic_label(key):
    return t(f"indicators.automatic.kind.{key}") if key else t("indicators.automatic.by_hand")


def show_error(error: StoreError) -> None:
    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))


def notify(message: str) -> None:
    st.session_state["indicators_notice"] = message
    st.rerun()


def add_recommended() -> None:
    try:
        added = add_default_indicators(engine, workspace_id, lang)
    except StoreError as error:
        show_error(error)
    else:
        notify(t("indicators.defaults.added", count=added) if added else t("indicators.defaults.none_missing"))


def new_indicator_form() -> None:
    """Add one indicator of the team's own (nothing stored until the form is sent)."""
    with st.form("indicators_new_form", clear_on_submit=True):
        columns = st.columns([2, 5, 2])
        dimension = columns[0].selectbox(
            t("indicators.fields.dimension"), DIMENSIONS, format_func=dimension_label, key="indicators_new_dimension"
        )
        name = columns[1].text_input(t("indicators.fields.name"), key="indicators_new_name")
        unit = columns[2].text_input(
            t("indicators.fields.unit"), key="indicators_new_unit", placeholder=t("indicators.fields.unit_hint")
        )
        columns = st.columns(4)
        baseline = columns[0].number_input(t("indicators.fields.baseline"), value=None, key="indicators_new_baseline")
        baseline_on = columns[1].date_input(
            t("indicators.fields.baseline_on"), value=None, format=DATE_FORMAT, key="indicators_new_baseline_on"
        )
        target = columns[2].number_input(t("indicators.fields.target"), value=None, key="indicators_new_target")
        target_on = columns[3].date_input(
            t("indicators.fields.target_on"), value=None, format=DATE_FORMAT, key="indicators_new_target_on"
        )
        source = st.text_input(
            t("indicators.fields.source"), key="indicators_new_source", placeholder=t("indicators.fields.source_hint")
        )
        if st.form_submit_button(t("indicators.new.add"), type="primary"):
            try:
                add_indicator(
                    engine,
                    workspace_id,
                    Indicator(
                        dimension=dimension,
                        name=name,
                        unit=unit,
                        baseline=baseline,
                        baseline_on=baseline_on,
                        target=target,
                        target_on=target_on,
                        source=source,
                    ),
                )
            except StoreError as error:
                show_error(error)
            else:
                notify(t("indicators.new.added", name=escape(name)))


if st.session_state.get("indicators_notice"):
    st.success(st.session_state.pop("indicators_notice"))
st.caption(t("indicators.intro"))

# -- a first step: the recommended set -------------------------------------------------------
if not indicators:
    st.info(t("indicators.empty.message"))
    for dimension in DIMENSIONS:
        st.markdown(f"**{dimension_label(dimension)}**")
        st.markdown(
            "\n".join(f"- {default_name(d)}: {default_hint(d)}" for d in DEFAULT_SET if d.dimension == dimension)
        )
    if st.button(
        t("indicators.empty.add_defaults"),
        type="primary",
        key="indicators_add_defaults",
        icon=":material/playlist_add:",
    ):
        add_recommended()
    with st.expander(t("indicators.new.title"), icon=":material/add:"):
        new_indicator_form()
    st.stop()

statuses = dashboard(indicators, measurements, today)
summaries = dimension_summary(statuses)

columns = st.columns([3, 2])
with columns[0]:
    figures = workspace_figures(engine, workspace_id, today)
    st.caption(
        t(
            "indicators.automatic.now",
            actors=format_number(figures["actors_involved"]),
            consultations=format_number(figures["consultations_held"]),
            reach=format_number(figures["campaign_reach"]),
        )
    )
    if st.button(
        t("indicators.automatic.record"),
        key="indicators_record_automatic",
        icon=":material/calculate:",
        help=t("indicators.automatic.help"),
    ):
        try:
            result = record_automatic_measurements(engine, workspace_id, today, lang)
        except StoreError as error:
            show_error(error)
        else:
            if not result.recorded:
                st.info(t("indicators.automatic.none"))
            else:
                done = "; ".join(f"{escape(name)}: {format_number(value)}" for name, value in result.recorded)
                notify(
                    t("indicators.automatic.recorded", count=len(result.recorded), day=format_date(today), values=done)
                )
with columns[1]:
    st.download_button(
        t("indicators.export.download"),
        key="indicators_download",
        icon=":material/download:",
        data=lambda: indicator_workbook(indicators, measurements, lang, today),
        file_name=f"{t('indicators.export.file')}.xlsx",
        mime=XLSX,
        on_click="ignore",
    )

tab_board, tab_table, tab_measurements = st.tabs(
    [
        t("indicators.tab.dashboard"),
        t("indicators.tab.indicators"),
        t("indicators.tab.measurements"),
    ],
    key="indicators_tab",
    on_change="rerun",
)  # only the open tab is built; it survives its own buttons' reruns

# -- the dashboard per dimension -------------------------------------------------------------
with tab_board:
    if tab_board.open:
        st.plotly_chart(dimensions_figure(summaries), key="indicators_dimensions_chart", config={"displaylogo": False})
        dimension = st.radio(
            t("indicators.fields.dimension"),
            DIMENSIONS,
            horizontal=True,
            format_func=dimension_label,
            key="indicators_dimension",
        )
        summary = next(s for s in summaries if s.dimension == dimension)
        mine = [s for s in statuses if s.indicator.dimension == dimension]
        metrics = st.columns(5)
        metrics[0].metric(t("indicators.board.count"), format_number(summary.count))
        metrics[1].metric(
            t("indicators.board.average"),
            "—" if summary.average_progress is None else f"{format_number(100 * summary.average_progress)} %",
        )
        metrics[2].metric(
            t("indicators.board.on_track"),
            format_number(summary.on_track),
            help=t("indicators.board.on_track_help", reached=summary.reached),
        )
        metrics[3].metric(t("indicators.board.behind"), format_number(summary.behind))
        metrics[4].metric(
            t("indicators.board.unmeasured"),
            format_number(summary.unmeasured),
            help=t("indicators.board.without_target", count=summary.without_target),
        )
        if not mine:
            st.info(t("indicators.board.empty_dimension"))
        else:
            st.plotly_chart(progress_figure(mine), key="indicators_progress_chart", config={"displaylogo": False})
            st.caption(t("indicators.board.help"))
            st.dataframe(
                pd.DataFrame(
                    {
                        t("indicators.fields.name"): [s.indicator.name for s in mine],
                        t("indicators.board.progress"): [
                            None if s.progress is None else round(100 * s.progress) for s in mine
                        ],
                        t("indicators.board.state"): [t(f"indicators.state.{s.state}") for s in mine],
                        t("indicators.board.value"): [display_value(s.indicator, s.value) for s in mine],
                        t("indicators.fields.target"): [display_value(s.indicator, s.indicator.target) for s in mine],
                        t("indicators.board.trend"): [
                            t(f"indicators.trend.{s.trend}") if s.trend else "—" for s in mine
                        ],
                        t("indicators.board.series"): [[v for _, v in s.series] for s in mine],
                        t("indicators.board.measured_on"): [format_date(s.measured_on) for s in mine],
                        t("indicators.board.source"): [s.source or s.indicator.source for s in mine],
                    }
                ),
                hide_index=True,
                width="stretch",
                column_config={
                    t("indicators.fields.name"): st.column_config.TextColumn(width="medium"),
                    t("indicators.board.progress"): st.column_config.ProgressColumn(
                        min_value=0, max_value=100, format="%d %%", width="small"
                    ),
                    t("indicators.board.series"): st.column_config.LineChartColumn(width="small"),
                },
            )
            shown_ids = [s.indicator.id for s in mine]
            if st.session_state.get("indicators_shown") not in shown_ids:
                st.session_state["indicators_shown"] = shown_ids[0]
            shown = st.selectbox(
                t("indicators.board.over_time"),
                shown_ids,
                key="indicators_shown",
                format_func=lambda i: names.get(i, ""),
            )
            chosen = next(s for s in mine if s.indicator.id == shown)
            st.plotly_chart(trend_figure(chosen, today), key="indicators_trend_chart", config={"displaylogo": False})

# -- the indicator table ---------------------------------------------------------------------
with tab_table:
    if tab_table.open:
        st.caption(t("indicators.table.help"))
        rows = indicator_rows(indicators)
        edited = st.data_editor(
            pd.DataFrame(rows, columns=["id", "version", "delete", *EDITABLE]),
            key=f"indicators_table_{current_revision}",
            hide_index=True,
            column_order=["delete", *EDITABLE],
            column_config={
                "delete": st.column_config.CheckboxColumn(t("indicators.table.delete"), width="small"),
                "dimension": st.column_config.SelectboxColumn(
                    t("indicators.fields.dimension"),
                    options=list(DIMENSIONS),
                    format_func=dimension_label,
                    required=True,
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
            },
        )
        edits, to_delete = row_edits(
            rows, edited.to_dict("records"), EDITABLE, "delete", dates=("baseline_on", "target_on")
        )

        def save_table():
            result = save_indicator_edits(engine, workspace_id, edits)
            if not result.ok:
                st.error(t("errors.conflict", names=escape(", ".join(result.conflicts))))
                return
            deleted = delete_indicators(engine, workspace_id, to_delete) if to_delete else 0
            notify(t("indicators.table.saved", saved=result.saved, deleted=deleted))

        @st.dialog(t("indicators.table.delete_title"))
        def confirm_delete():
            st.write(
                t(
                    "indicators.table.delete_question",
                    count=len(to_delete),
                    names=escape(", ".join(names.get(i, "") for i in to_delete)),
                )
            )
            st.warning(t("indicators.table.delete_warning"))
            if st.button(t("indicators.table.delete_confirm"), type="primary", key="indicators_delete_ok"):
                try:
                    save_table()
                except StoreError as error:
                    show_error(error)

        if st.button(
            t("indicators.table.save", count=len(edits) + len(to_delete)),
            type="primary",
            disabled=not (edits or to_delete),
            key="indicators_table_save",
        ):
            try:
                if to_delete:
                    confirm_delete()
                else:
                    save_table()
            except StoreError as error:
                show_error(error)

        st.subheader(t("indicators.new.title"))
        new_indicator_form()
        missing = missing_defaults(indicators, lang)
        if missing:
            st.caption(
                t("indicators.defaults.missing", count=len(missing), names=escape(", ".join(i.name for i in missing)))
            )
            if st.button(t("indicators.defaults.add_missing", count=len(missing)), key="indicators_add_missing"):
                add_recommended()

# -- measurements ----------------------------------------------------------------------------
with tab_measurements:
    if tab_measurements.open:
        st.subheader(t("indicators.measure.title"))
        ids = [i.id for i in indicators]
        if st.session_state.get("indicators_measure_indicator") not in ids:
            st.session_state["indicators_measure_indicator"] = ids[0]
        with st.form("indicators_measure_form", clear_on_submit=True):
            measured_indicator = st.selectbox(
                t("indicators.fields.indicator"),
                ids,
                key="indicators_measure_indicator",
                format_func=lambda i: f"{dimension_label(dimensions.get(i))} · {names.get(i, '')}",
            )
            row = st.columns(2)
            measured_on = row[0].date_input(
                t("indicators.fields.measured_on"), value=today, format=DATE_FORMAT, key="indicators_measure_day"
            )
            measured_value = row[1].number_input(
                t("indicators.fields.value"),
                value=None,
                key="indicators_measure_value",
                help=t("indicators.measure.yes_no"),
            )
            measured_source = st.text_input(
                t("indicators.fields.source"),
                key="indicators_measure_source",
                placeholder=t("indicators.fields.source_hint"),
            )
            measured_notes = st.text_input(t("indicators.fields.notes"), key="indicators_measure_notes")
            if st.form_submit_button(t("indicators.measure.add"), type="primary"):
                try:
                    add_measurement(
                        engine,
                        workspace_id,
                        IndicatorMeasurement(
                            indicator_id=measured_indicator,
                            measured_on=measured_on,
                            value=measured_value,
                            source=measured_source,
                            notes=measured_notes,
                        ),
                    )
                except StoreError as error:
                    show_error(error)
                else:
                    notify(t("indicators.measure.added", name=escape(names.get(measured_indicator, ""))))

        measured_rows = measurement_rows(indicators, measurements)
        st.subheader(t("indicators.measure.list", count=len(measured_rows)))
        edited_measurements = st.data_editor(
            pd.DataFrame(
                measured_rows, columns=["id", "delete", "indicator", "measured_on", "value", "source", "notes"]
            ),
            key=f"indicators_measurements_{current_revision}",
            hide_index=True,
            disabled=["indicator", "measured_on", "value", "source", "notes"],
            column_order=["delete", "measured_on", "indicator", "value", "source", "notes"],
            column_config={
                "delete": st.column_config.CheckboxColumn(t("indicators.table.delete"), width="small"),
                "indicator": st.column_config.TextColumn(t("indicators.fields.indicator"), width="large"),
                "measured_on": st.column_config.DateColumn(t("indicators.fields.measured_on"), format=DATE_FORMAT),
                "value": st.column_config.NumberColumn(t("indicators.fields.value")),
                "source": st.column_config.TextColumn(t("indicators.fields.source")),
                "notes": st.column_config.TextColumn(t("indicators.fields.notes")),
            },
        )
        marked = [int(row["id"]) for row in edited_measurements.to_dict("records") if row.get("delete")]

        @st.dialog(t("indicators.measure.delete_title"))
        def confirm_measurement_delete():
            st.write(t("indicators.measure.delete_question", count=len(marked)))
            if st.button(t("indicators.table.delete_confirm"), type="primary", key="indicators_measurements_delete_ok"):
                try:
                    deleted = delete_measurements(engine, workspace_id, marked)
                except StoreError as error:
                    show_error(error)
                else:
                    notify(t("indicators.measure.deleted", count=deleted))

        if st.button(
            t("indicators.measure.delete", count=len(marked)),
            disabled=not marked,
            key="indicators_measurements_delete",
            icon=":material/delete:",
        ):
            confirm_measurement_delete()
