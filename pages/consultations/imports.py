"""The import panel of an attendance list or a contributions file: upload, check, show what was
read, and store it only when confirmed."""

import pandas as pd
import streamlit as st

from pages._kit.files import reset_upload, upload_panel
from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, vocab_label
from toolkit.domain import CONTRIBUTION_TYPES
from toolkit.i18n import format_number, t
from toolkit.markdown import escape
from toolkit.spreadsheets import consultations as sheets
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store.consultations import import_contributions, record_attendance

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]


def show(chosen: Chosen, kind: str) -> None:
    """``kind`` is ``"attendance"`` or ``"contributions"``; nothing is stored until confirmed."""
    ctx = chosen.ctx
    upload_key = f"consultations_{kind}_file_{chosen.id}"
    upload = upload_panel(upload_key, t(f"consultations.import.upload_{kind}"), TYPES, ctx.settings)
    if upload is None:
        return
    try:
        workbook = read_workbook(upload.getvalue(), upload.name, ctx.settings.read_limits)
    except UnreadableFile as error:
        st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))
        return
    preview = read(chosen, kind, workbook)
    for problem in preview.errors:
        st.error(t(problem.key, **{k: escape(v) for k, v in problem.details.items()}))
    if preview.errors:
        return
    describe(preview, kind)
    add_unknown = False
    if preview.unmatched:
        names = ", ".join(dict.fromkeys(row.written for row in preview.unmatched))
        st.text(t("consultations.import.unmatched_names", names=names))
        add_unknown = st.checkbox(t(f"consultations.import.add_unknown_{kind}"), key=f"consultations_{kind}_add")
    if st.button(t("consultations.import.confirm"), type="primary", key=f"consultations_{kind}_confirm"):
        batch = sheets.to_import(preview, add_unknown, chosen.consultation.starts_on or ctx.today)
        store = record_attendance if kind == "attendance" else import_contributions
        result = run(store, ctx.engine, ctx.workspace_id, chosen.id, batch)
        if result is not None:
            reset_upload(upload_key)
            done(
                t(
                    "consultations.import.done",
                    actors=result.actors_added,
                    added=result.participants_added,
                    updated=result.participants_updated,
                    contributions=result.contributions_added,
                )
            )


def read(chosen: Chosen, kind: str, workbook):
    """The file read as an attendance list, or as contributions of the type chosen for rows without one."""
    actors, terms = chosen.data.actors, chosen.ctx.terms
    if kind == "attendance":
        return sheets.read_attendance(workbook, actors, terms, chosen.consultation.starts_on, chosen.ctx.today)
    default_type = st.selectbox(
        t("consultations.import.default_type"),
        CONTRIBUTION_TYPES,
        format_func=vocab_label("contribution_types"),
        key=f"consultations_{kind}_default_type",
    )
    return sheets.read_contributions(workbook, actors, terms, default_type)


def describe(preview, kind: str) -> None:
    """Where the data was found, how many rows match the register, and the warnings."""
    columns = ", ".join(
        f"{header} → {t(f'consultations.import.field.{field}')}"
        for header, field in preview.columns
        if field and field != "ignore"
    )
    st.caption(
        t(
            "consultations.import.read_as",
            sheet=escape(preview.sheet),
            row=preview.header_row + 1,
            columns=escape(columns),
        )
    )
    if preview.survey:
        st.info(t("consultations.import.survey"))
    summary = st.columns(3)
    summary[0].metric(t("consultations.import.matched"), format_number(len(preview.matched)))
    summary[1].metric(t("consultations.import.unmatched"), format_number(len(preview.unmatched)))
    if kind == "contributions":
        summary[2].metric(t("consultations.import.contributions"), format_number(preview.contribution_count))
    if preview.warnings:
        st.dataframe(
            pd.DataFrame(
                [(p.row or "", p.column, t(p.key, **p.details)) for p in preview.warnings],
                columns=[t("import.report.row"), t("import.report.column"), t("import.report.message")],
            ),
            hide_index=True,
            width="stretch",
        )
