"""Tab "Convocatoria y asistencia": statuses at a glance, change many at once, the participants
table, the invitation list and attendance sheet to download, an attendance list to import."""

import streamlit as st

from pages._kit.files import download_button
from pages._kit.table import TableTexts, editable_table
from pages.consultations import imports
from pages.consultations.chosen import Chosen
from pages.consultations.words import DATE_FORMAT, done, run, term_label, vocab_label, worded
from toolkit import consultation_documents as documents
from toolkit.consultations import file_stem, held_by, offered_invitation_statuses, participant_rows, row_edits
from toolkit.domain import INVITATION_STATUSES
from toolkit.i18n import t
from toolkit.spreadsheets import consultations as sheets
from toolkit.store.consultations import change_status, save_participant_edits

EDITABLE = ("status", "invited_on", "responded_on", "attended_on", "attendee", "notes")
DATES = ("invited_on", "responded_on", "attended_on")
SHOWN = ["remove", "name", "sector", "scale", *EDITABLE]
TEXTS = TableTexts(
    save="consultations.convene.save",
    saved="consultations.convene.saved",
    delete_title="consultations.convene.remove_title",
    delete_question="consultations.convene.remove_question",
    delete_confirm="consultations.convene.remove_confirm",
)


def show(chosen: Chosen) -> None:
    participants = chosen.participants
    if not participants:
        st.info(t("consultations.convene.empty"))
    counts = {status: sum(p.status == status for p in participants) for status in INVITATION_STATUSES}
    st.caption(" · ".join(f"{t(f'vocab.invitation_statuses.{s}')}: {counts[s]}" for s in INVITATION_STATUSES))
    bulk(chosen)
    st.subheader(t("consultations.convene.list"))
    table(chosen)
    downloads(chosen)
    st.subheader(t("consultations.import.attendance_title"))
    if not held_by(chosen.consultation.starts_on, chosen.ctx.today):
        st.info(t("consultations.import.report.not_held"))
        return
    st.caption(t("consultations.import.attendance_help"))
    imports.show(chosen, "attendance")


def bulk(chosen: Chosen) -> None:
    """Change the status of many participants at once (those of one status chosen in one click)."""
    ctx = chosen.ctx
    st.subheader(t("consultations.bulk.title"))
    names = {p.id: chosen.data.names.get(p.actor_id, "") for p in chosen.participants}
    status_of = {p.id: p.status for p in chosen.participants}
    key = f"consultations_bulk_{chosen.id}"

    def select_by_status() -> None:
        wanted = st.session_state[f"{key}_from"]
        st.session_state[key] = [pid for pid, s in status_of.items() if s == wanted]

    columns = st.columns([2, 1])
    columns[0].selectbox(
        t("consultations.bulk.from"),
        INVITATION_STATUSES,
        key=f"{key}_from",
        format_func=vocab_label("invitation_statuses"),
    )
    columns[1].button(t("consultations.bulk.select"), key=f"{key}_select", on_click=select_by_status)
    picked = st.multiselect(
        t("consultations.bulk.who"),
        sorted(names, key=lambda i: names[i].casefold()),
        key=key,
        placeholder=t("common.choose"),
        format_func=lambda i: "{} ({})".format(names.get(i, ""), t(f"vocab.invitation_statuses.{status_of.get(i)}")),
    )
    columns = st.columns([2, 2, 2])
    status = columns[0].selectbox(
        t("consultations.bulk.to"),
        offered_invitation_statuses(chosen.consultation.starts_on, ctx.today),
        index=1,
        key=f"{key}_to",
        format_func=vocab_label("invitation_statuses"),
    )
    on_day = columns[1].date_input(t("consultations.bulk.on"), value=ctx.today, format=DATE_FORMAT, key=f"{key}_on")
    if columns[2].button(
        t("consultations.bulk.apply", count=len(picked)), type="primary", disabled=not picked, key=f"{key}_apply"
    ):
        changed = run(change_status, ctx.engine, ctx.workspace_id, chosen.id, picked, status, on_day)
        if changed is not None:
            st.session_state.pop(key, None)
            done(t("consultations.bulk.done", count=changed, status=t(f"vocab.invitation_statuses.{status}")))


def table(chosen: Chosen) -> None:
    """The participants: status and dates editable; removing from the list asks first."""
    ctx = chosen.ctx
    sectors, scales = term_label(ctx, "sectors"), term_label(ctx, "scales")
    dates = {
        name: st.column_config.DateColumn(t(f"consultations.columns.{name}"), format=DATE_FORMAT) for name in DATES
    }
    editable_table(
        "consultations_participants",
        lambda: participant_rows(chosen.participants, chosen.data.actors),
        columns=["id", "version", *SHOWN],
        column_config={
            "remove": st.column_config.CheckboxColumn(t("consultations.convene.remove"), width="small"),
            "name": st.column_config.TextColumn(t("columns.name"), pinned=True),
            "sector": st.column_config.SelectboxColumn(
                t("columns.sector"), options=ctx.keys("sectors"), format_func=sectors
            ),
            "scale": st.column_config.SelectboxColumn(
                t("columns.scale"), options=ctx.keys("scales"), format_func=scales
            ),
            "status": st.column_config.SelectboxColumn(
                t("consultations.columns.status"),
                required=True,
                options=offered_invitation_statuses(chosen.consultation.starts_on, ctx.today),
                format_func=vocab_label("invitation_statuses"),
            ),
            **dates,
            "attendee": st.column_config.TextColumn(t("consultations.columns.attendee")),
            "notes": st.column_config.TextColumn(t("columns.notes")),
        },
        diff=lambda before, touched: row_edits(before, touched, EDITABLE, "remove", dates=DATES),
        save=lambda edits, to_delete: worded(save_participant_edits)(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=chosen.id,
        may_edit=ctx.may_edit,
        texts=TEXTS,
        notice="consultations",
        disabled=["name", "sector", "scale"],
        column_order=SHOWN,
    )


def downloads(chosen: Chosen) -> None:
    """The invitation list (.xlsx) and the attendance sheet to print (.docx)."""
    ctx, consultation, participants = chosen.ctx, chosen.consultation, chosen.participants
    actors, stem = chosen.data.actors, file_stem(consultation.title)
    st.subheader(t("consultations.convene.downloads"))
    columns = st.columns(2)
    with columns[0].container(border=True):
        st.markdown(t("consultations.export.invitations_title"))
        st.caption(t("consultations.export.invitations_help"))
        download_button(
            t("consultations.export.download"),
            lambda: sheets.invitation_workbook(consultation, participants, actors, ctx.terms, ctx.lang),
            f"{stem}_{t('consultations.export.file.invitations')}.xlsx",
            key="consultations_dl_invitations",
        )
    with columns[1].container(border=True):
        st.markdown(t("consultations.export.attendance_title"))
        st.caption(t("consultations.export.attendance_help"))
        download_button(
            t("consultations.export.download"),
            lambda: documents.attendance_sheet(consultation, participants, actors, ctx.terms, ctx.lang),
            f"{stem}_{t('consultations.export.file.attendance')}.docx",
            key="consultations_dl_attendance",
        )
