"""The KPIs' tables: correcting the KPIs, deleting measurements (asking first), deleting a KPI,
and measurements from a spreadsheet."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.dialogs import dialog
from pages._kit.table import TableTexts, editable_table
from pages.campaigns import imports
from pages.campaigns.data import Chosen
from pages.campaigns.words import DATE_FORMAT, NOTICE, done, table_save, vocab_label
from toolkit.campaigns import kpi_rows, measurement_rows
from toolkit.consultations import row_edits
from toolkit.domain import KPI_AGGREGATIONS, KPI_KINDS, Kpi
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.campaigns import delete_kpis, save_kpi_edits, save_kpi_measurement_edits

KPI_COLUMNS = ("name", "kind", "unit", "baseline", "target", "aggregation")
MEASUREMENT_COLUMNS = ("kpi", "measured_on", "value", "notes")
KPI_TEXTS = TableTexts(save="campaigns.table.save")
MEASUREMENT_TEXTS = TableTexts(
    save="campaigns.kpis.delete_measurements",
    delete_title="campaigns.kpis.delete_title",
    delete_question="campaigns.kpis.delete_measurements_question",
    delete_confirm="campaigns.table.delete_confirm",
)


def show(ctx: PageContext, current: Chosen, kpi: Kpi) -> None:
    """The measurements of the campaign's KPIs, deleting ``kpi``, and importing measurements."""
    st.subheader(t("campaigns.kpis.measurements"))
    measurements_table(ctx, current)
    if st.button(
        t("campaigns.kpis.delete_kpi", name=escape(kpi.name)), key="campaigns_kpi_delete", icon=":material/delete:"
    ):
        confirm_kpi_delete(ctx, kpi)
    st.subheader(t("campaigns.import.measurements_title"))
    st.caption(t("campaigns.import.measurements_help"))
    imports.measurement_template(ctx, current)
    imports.import_panel(ctx, current, "measurements")


def kpis_table(ctx: PageContext, current: Chosen) -> None:
    """The campaign's KPIs to correct (name, unit, baseline, target...), saved in one transaction."""
    editable_table(
        "campaigns_kpis",
        lambda: kpi_rows(current.kpis),
        columns=["id", "version", "delete", *KPI_COLUMNS],
        column_config={
            "name": st.column_config.TextColumn(t("campaigns.kpis.name"), required=True, width="large"),
            "kind": st.column_config.SelectboxColumn(
                t("campaigns.kpis.kind"), options=list(KPI_KINDS), format_func=vocab_label("kpi_kinds"), required=True
            ),
            "unit": st.column_config.TextColumn(t("campaigns.kpis.unit")),
            "baseline": st.column_config.NumberColumn(t("campaigns.kpis.baseline"), required=True),
            "target": st.column_config.NumberColumn(t("campaigns.kpis.target"), required=True),
            "aggregation": st.column_config.SelectboxColumn(
                t("campaigns.kpis.aggregation"),
                options=list(KPI_AGGREGATIONS),
                required=True,
                format_func=lambda k: t(f"campaigns.kpis.aggregation_{k}"),
            ),
        },
        diff=lambda before, touched: row_edits(before, touched, KPI_COLUMNS, "delete"),
        save=table_save(
            "campaigns_kpis",
            lambda edits, to_delete: save_kpi_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
            "campaigns.kpis.edited",
            lambda result: result.saved,
        ),
        revision=ctx.revision,
        shown=current.id,
        may_edit=ctx.may_edit,
        texts=KPI_TEXTS,
        notice=NOTICE,
        column_order=list(KPI_COLUMNS),
    )


def marked(before: list[dict], touched: list[dict]) -> tuple[list, list[int]]:
    """The measurements table is only for deleting: no edits, the rows ticked."""
    return [], [int(row["id"]) for row in touched if row.get("delete")]


def measurements_table(ctx: PageContext, current: Chosen) -> None:
    """The measurements of the campaign's KPIs, newest first; the ones ticked are deleted after asking."""
    editable_table(
        "campaigns_measurements",
        lambda: measurement_rows(current.kpis, current.all.measurements),
        columns=["id", "delete", *MEASUREMENT_COLUMNS],
        column_config={
            "delete": st.column_config.CheckboxColumn(t("campaigns.table.delete"), width="small"),
            "kpi": st.column_config.TextColumn(t("campaigns.kpis.name")),
            "measured_on": st.column_config.DateColumn(t("campaigns.columns.measured_on"), format=DATE_FORMAT),
            "value": st.column_config.NumberColumn(t("campaigns.columns.value")),
            "notes": st.column_config.TextColumn(t("campaigns.columns.notes")),
        },
        diff=marked,
        save=table_save(
            "campaigns_measurements",
            lambda edits, to_delete: save_kpi_measurement_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
            "campaigns.kpis.measurements_deleted",
            lambda result: result.deleted,
        ),
        revision=ctx.revision,
        shown=current.id,
        may_edit=ctx.may_edit,
        row_name=lambda row: f"{row['kpi']} · {row['measured_on']}",
        texts=MEASUREMENT_TEXTS,
        notice=NOTICE,
        disabled=list(MEASUREMENT_COLUMNS),
        column_order=["delete", *MEASUREMENT_COLUMNS],
    )


def confirm_kpi_delete(ctx: PageContext, kpi: Kpi) -> None:
    """Ask before deleting a KPI with all its measurements."""

    @dialog(t("campaigns.kpis.delete_title"))  # built on each run: the title in the reader's language
    def ask() -> None:
        st.write(t("campaigns.kpis.delete_kpi_question", name=escape(kpi.name)))
        confirmed = st.button(t("campaigns.table.delete_confirm"), type="primary", key="campaigns_kpi_delete_ok")
        if confirmed and done(delete_kpis, ctx.engine, ctx.workspace_id, [kpi.id]):
            notify(NOTICE, t("campaigns.kpis.kpi_deleted", name=escape(kpi.name)))

    ask()
