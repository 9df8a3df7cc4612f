"""Activities or KPI measurements from a spreadsheet: its template, the upload, what was read, and
storing it once confirmed (nothing is stored before)."""

from functools import partial

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.files import download_button, reset_upload, upload_panel
from pages.campaigns.data import Chosen
from pages.campaigns.words import NOTICE, run
from toolkit.i18n import format_number, t
from toolkit.markdown import escape
from toolkit.spreadsheets import campaigns as sheets
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store.campaigns import import_activities, import_measurements

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]


def activity_template(ctx: PageContext) -> None:
    download_button(
        t("campaigns.export.activity_template"),
        lambda: sheets.activity_template(ctx.terms, ctx.lang),
        f"{t('campaigns.export.file.activities')}.xlsx",
        key="campaigns_dl_activity_template",
    )


def measurement_template(ctx: PageContext, current: Chosen) -> None:
    download_button(
        t("campaigns.export.measurement_template"),
        lambda: sheets.measurement_template(current.kpis, ctx.lang),
        f"{current.file_stem}_{t('campaigns.export.file.measurements')}.xlsx",
        key="campaigns_dl_measurement_template",
    )


def import_panel(ctx: PageContext, current: Chosen, kind: str) -> None:
    """Upload, check and store ``kind`` (``activities`` or ``measurements``) into the campaign chosen."""
    key = f"campaigns_{kind}_file_{current.id}"
    upload = upload_panel(key, t(f"campaigns.import.upload_{kind}"), TYPES, ctx.settings)
    if upload is None:
        return
    try:
        workbook = read_workbook(upload.getvalue(), upload.name, ctx.settings.read_limits)
    except UnreadableFile as error:
        st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))
        return
    if kind == "activities":
        preview = sheets.read_activities(workbook, ctx.terms)
    else:
        preview = sheets.read_measurements(workbook, current.kpis, current.campaign.starts_on, ctx.today)
    for problem in preview.errors:
        st.error(t(problem.key, **{k: escape(v) for k, v in problem.details.items()}))
    if preview.errors:
        return
    show_preview(preview, kind)
    if st.button(t("campaigns.import.confirm", count=preview.count), type="primary", key=f"campaigns_{kind}_confirm"):
        if kind == "activities":
            use_case, rows = import_activities, [a for _, a in preview.activities]
        else:
            # the preview warned of rows dated before the campaign or after today: importing confirms them
            use_case, rows = partial(import_measurements, confirmed=True), [m for _, m in preview.measurements]
        stored = run(use_case, ctx.engine, ctx.workspace_id, current.id, rows)
        if stored is not None:
            reset_upload(key)
            notify(NOTICE, t(f"campaigns.import.done_{kind}", count=stored))


def show_preview(preview: sheets.CampaignFilePreview, kind: str) -> None:
    """Where the rows were read from, how many, and the warnings row by row."""
    mapped = ", ".join(
        f"{header} → {t(f'campaigns.import.field.{field}')}"
        for header, field in preview.columns
        if field and field != "ignore"
    )
    st.caption(
        t(
            "campaigns.import.read_as",
            sheet=escape(preview.sheet),
            row=preview.header_row + 1,
            columns=escape(mapped),
        )
    )
    st.metric(t(f"campaigns.import.count_{kind}"), format_number(preview.count))
    if preview.warnings:
        st.dataframe(
            pd.DataFrame(
                [(p.row or "", p.column, t(p.key, **p.details)) for p in preview.warnings],
                columns=[t("import.report.row"), t("import.report.column"), t("import.report.message")],
            ),
            hide_index=True,
            width="stretch",
        )
