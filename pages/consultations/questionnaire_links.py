"""Cuestionario > Enlaces: a personal link per participant (issued, revoked, reissued), the links
for a mail merge and the letters of invitation, and the open link for a public."""

import pandas as pd
import streamlit as st

from pages._kit.files import download_button
from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, succeeded
from toolkit import questionnaire_documents as documents
from toolkit.consultations import file_stem
from toolkit.i18n import format_date, format_number, t
from toolkit.questionnaires import Questionnaire, app_base, closing_date, link_table, link_url, open_link_now
from toolkit.store.questionnaires import issue_links, list_links, list_responses, open_link, revoke_link


def issued_key(chosen: Chosen) -> str:
    return f"questionnaire_issued_{chosen.id}"


def show(chosen: Chosen, questionnaire: Questionnaire) -> None:
    ctx = chosen.ctx
    consultation = chosen.consultation
    closes_on = closing_date(consultation.starts_on, consultation.ends_on)
    links = list_links(ctx.engine, ctx.workspace_id, chosen.id)
    responses = list_responses(ctx.engine, ctx.workspace_id, chosen.id)
    st.caption(t("questionnaires.links.help"))
    if closes_on:
        st.caption(t("questionnaires.links.closes", date=format_date(closes_on)))
    if not questionnaire.questions:
        st.info(t("questionnaires.links.no_questions"))
    rows = link_table(chosen.participants, chosen.data.actors, links, responses, ctx.today)
    if not rows:
        st.info(t("questionnaires.links.no_participants"))
    else:
        table(rows)
    if ctx.may_edit:
        base = st.text_input(
            t("questionnaires.links.base"),
            app_base(st.context.url),
            key=f"questionnaire_base_{chosen.id}",
            help=t("questionnaires.links.base_help"),
        )
        if rows:
            personal(chosen, questionnaire, rows, base)
        just_issued(chosen, questionnaire)
    st.subheader(t("questionnaires.open.heading"))
    public(chosen, links, base if ctx.may_edit else "")


def table(rows: list[dict]) -> None:
    shown = pd.DataFrame(
        [
            (
                row["name"],
                t(f"vocab.invitation_statuses.{row['status']}"),
                t(f"questionnaires.links.state.{row['link']}"),
                format_date(row["issued"]) if row["issued"] else "",
                t(f"questionnaires.links.progress.{row['progress']}"),
            )
            for row in rows
        ],
        columns=[
            t("columns.name"),
            t("consultations.columns.status"),
            t("questionnaires.links.column.link"),
            t("questionnaires.links.column.issued"),
            t("questionnaires.links.column.progress"),
        ],
    )
    st.dataframe(shown, hide_index=True, width="stretch")


def keep(chosen: Chosen, base: str, issued) -> None:
    """Hold the tokens just issued for this session's downloads (the store keeps only their hashes)."""
    st.session_state[issued_key(chosen)] = {pid: link_url(base, token) for pid, token in issued.tokens.items()}
    st.session_state[issued_key(chosen) + "_already"] = len(issued.already)


def personal(chosen: Chosen, questionnaire: Questionnaire, rows: list[dict], base: str) -> None:
    ctx = chosen.ctx
    missing = sum(row["link"] != "active" and row["status"] != "declined" for row in rows)
    if st.button(
        t("questionnaires.links.issue", count=missing),
        key=f"questionnaire_issue_{chosen.id}",
        type="primary",
        icon=":material/link:",
        disabled=not missing or not questionnaire.questions,
    ):
        issued = run(issue_links, ctx.engine, ctx.workspace_id, chosen.id)
        if issued is not None:
            keep(chosen, base, issued)
            done(t("questionnaires.links.issued", count=len(issued.tokens)))
    names = {row["participant_id"]: row["name"] for row in rows}
    picked = st.multiselect(
        t("questionnaires.links.pick"),
        list(names),
        format_func=lambda pid: names[pid],
        key=f"questionnaire_pick_{chosen.id}",
        placeholder=t("questionnaires.links.pick_hint"),
    )
    left, right = st.columns(2)
    if left.button(t("questionnaires.links.reissue"), key=f"questionnaire_reissue_{chosen.id}", disabled=not picked):
        issued = run(issue_links, ctx.engine, ctx.workspace_id, chosen.id, picked, reissue=True)
        if issued is not None:
            keep(chosen, base, issued)
            done(t("questionnaires.links.reissued", count=len(issued.tokens)))
    if right.button(t("questionnaires.links.revoke"), key=f"questionnaire_revoke_{chosen.id}", disabled=not picked):
        links = [x for x in list_links(ctx.engine, ctx.workspace_id, chosen.id) if x.participant_id in picked]
        if all(succeeded(revoke_link, ctx.engine, ctx.workspace_id, x.id) for x in links if x.revoked_at is None):
            done(t("questionnaires.links.revoked", count=len(picked)))


def just_issued(chosen: Chosen, questionnaire: Questionnaire) -> None:
    """The downloads of the links issued in this session: only now, since the store keeps no token."""
    urls = st.session_state.get(issued_key(chosen))
    if not urls:
        return
    ctx, consultation = chosen.ctx, chosen.consultation
    closes_on = closing_date(consultation.starts_on, consultation.ends_on)
    rows = documents.link_rows(chosen.participants, chosen.data.actors, urls)
    already = st.session_state.get(issued_key(chosen) + "_already", 0)
    st.warning(t("questionnaires.links.only_now", count=len(rows)))
    stem = file_stem(consultation.title)
    columns = st.columns(2)
    with columns[0]:
        download_button(
            t("questionnaires.links.download"),
            lambda: documents.links_workbook(consultation.title, closes_on, rows, already, ctx.lang),
            f"{stem}_{t('questionnaires.files.links_name')}.xlsx",
            key=f"questionnaire_dl_links_{chosen.id}",
            primary=True,
        )
    with columns[1]:
        download_button(
            t("questionnaires.links.letters"),
            lambda: documents.invitation_letters(
                consultation.title, questionnaire.intro, closes_on, rows, ctx.workspace.name, questionnaire.language
            ),
            f"{stem}_{t('questionnaires.files.letters_name')}.docx",
            key=f"questionnaire_dl_letters_{chosen.id}",
        )


def public(chosen: Chosen, links, base: str) -> None:
    """The open link: anonymous answers from a public of an estimated size, limited per minute."""
    ctx = chosen.ctx
    st.caption(t("questionnaires.open.help"))
    current = open_link_now(links, ctx.today)
    if current is not None:
        size = format_number(current.estimated_size) if current.estimated_size else "—"
        st.caption(t("questionnaires.open.active", date=format_date(current.issued_at.date()), size=size))
    made = st.session_state.get(f"questionnaire_open_{chosen.id}")
    if made:
        st.code(made, language=None)
        st.caption(t("questionnaires.open.only_now"))
    if not ctx.may_edit:
        return
    columns = st.columns([2, 2, 2])
    size = columns[0].number_input(
        t("questionnaires.open.size"), min_value=1, step=10, value=None, key=f"questionnaire_size_{chosen.id}"
    )
    if columns[1].button(
        t("questionnaires.open.make" if current is None else "questionnaires.open.remake"),
        key=f"questionnaire_make_open_{chosen.id}",
        icon=":material/public:",
    ):
        token = run(open_link, ctx.engine, ctx.workspace_id, chosen.id, size)
        if token is not None:
            st.session_state[f"questionnaire_open_{chosen.id}"] = link_url(base, token)
            done(t("questionnaires.open.made"))
    if (
        current is not None
        and columns[2].button(
            t("questionnaires.open.close"), key=f"questionnaire_close_open_{chosen.id}", icon=":material/link_off:"
        )
        and succeeded(revoke_link, ctx.engine, ctx.workspace_id, current.id)
    ):
        st.session_state.pop(f"questionnaire_open_{chosen.id}", None)
        done(t("questionnaires.open.closed"))
