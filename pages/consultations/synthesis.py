"""Tab "Síntesis": who came, what was said, the commitments and open questions, the Word synthesis;
commitments go on to the roadmap and those to keep informed become an audience."""

import pandas as pd
import streamlit as st

from pages._kit.numbers import percent_bar, show_table
from pages.consultations import forward
from pages.consultations.chosen import Chosen
from pages.consultations.words import DATE_FORMAT, term_label
from toolkit import consultation_documents as documents
from toolkit.consultations import file_stem, synthesis
from toolkit.domain import CONTRIBUTION_TYPES
from toolkit.i18n import format_number, format_percent, t
from toolkit.markdown import escape

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def show(chosen: Chosen) -> None:
    result = synthesis(chosen.consultation, chosen.participants, chosen.contributions, chosen.data.actors)
    summary(chosen, result)
    participation(chosen, result)
    st.subheader(t("consultations.synthesis.what_was_said"))
    if not chosen.contributions:
        st.caption(t("consultations.synthesis.no_contributions"))
    else:
        what_was_said(chosen, result)
    st.subheader(t("consultations.synthesis.commitments"))
    if result.commitments:
        commitments(result)
        forward.to_roadmap(chosen, result.commitments)
    else:
        st.caption(t("consultations.synthesis.no_commitments"))
    st.subheader(t("consultations.synthesis.open_questions"))
    if result.open_questions:
        for question in result.open_questions:
            author = chosen.data.names.get(question.actor_id)
            st.markdown(f"- {escape(question.text)}" + (f" *({escape(author)})*" if author else ""))
    else:
        st.caption(t("consultations.synthesis.no_open_questions"))
    forward.to_audience(chosen)


def summary(chosen: Chosen, result) -> None:
    """Invited, attended, the rate, contributions; the synthesis as a Word document."""
    ctx = chosen.ctx
    metrics = st.columns(4)
    metrics[0].metric(t("consultations.synthesis.invited"), format_number(result.invited))
    metrics[1].metric(t("consultations.synthesis.attended"), format_number(result.attended))
    rate = "—" if result.rate is None else format_percent(result.rate)
    metrics[2].metric(t("consultations.synthesis.rate"), rate)
    metrics[3].metric(t("consultations.synthesis.contributions"), format_number(len(chosen.contributions)))
    st.download_button(  # not the kit's button: this one is the tab's main action, with its own icon
        t("consultations.synthesis.download"),
        key="consultations_dl_synthesis",
        icon=":material/description:",
        type="primary",
        data=lambda: documents.synthesis_document(result, chosen.data.actors, ctx.terms, ctx.lang),
        file_name=f"{file_stem(chosen.consultation.title)}_{t('consultations.export.file.synthesis')}.docx",
        mime=DOCX,
        on_click="ignore",
    )


def rate_table(chosen: Chosen, rows, vocabulary: str) -> pd.DataFrame:
    name = term_label(chosen.ctx, vocabulary)
    return pd.DataFrame(
        [(name(r.key), r.invited, r.attended, None if r.rate is None else round(r.rate * 100)) for r in rows],
        columns=[
            t(f"consultations.synthesis.{vocabulary}_column"),
            t("consultations.synthesis.invited"),
            t("consultations.synthesis.attended"),
            t("consultations.synthesis.rate"),
        ],
    )


def participation(chosen: Chosen, result) -> None:
    """Attendance by sector and by scale, and those invited who never came."""
    rate_column = {t("consultations.synthesis.rate"): percent_bar()}
    columns = st.columns(2)
    for column, rows, vocabulary, title in (
        (columns[0], result.by_sector, "sectors", "by_sector"),
        (columns[1], result.by_scale, "scales", "by_scale"),
    ):
        column.markdown(f"**{t(f'consultations.synthesis.{title}')}**")
        with column:
            show_table(
                rate_table(chosen, rows, vocabulary), hide_index=True, width="stretch", column_config=rate_column
            )
    st.markdown(f"**{t('consultations.synthesis.never_came')}**")
    if not result.never_came:
        st.caption(t("consultations.synthesis.everyone_came"))
        return
    sector = term_label(chosen.ctx, "sectors")
    show_table(
        pd.DataFrame(
            [
                (actor.name, sector(actor.sector), t(f"vocab.invitation_statuses.{p.status}"))
                for actor, p in result.never_came
            ],
            columns=[t("columns.name"), t("columns.sector"), t("consultations.columns.status")],
        ),
        hide_index=True,
        width="stretch",
    )


def what_was_said(chosen: Chosen, result) -> None:
    """Contributions by theme and type, and by the contributor's sector."""
    matrix = pd.DataFrame(
        [[result.theme_by_type[theme].get(k, 0) for k in CONTRIBUTION_TYPES] for theme in result.theme_by_type],
        index=[theme or t("consultations.synthesis.no_theme") for theme in result.theme_by_type],
        columns=[t(f"vocab.contribution_types.{k}") for k in CONTRIBUTION_TYPES],
    )
    st.markdown(f"**{t('consultations.synthesis.by_theme_type')}**")
    show_table(matrix, width="stretch")
    st.markdown(f"**{t('consultations.synthesis.by_contributor_sector')}**")
    sector = term_label(chosen.ctx, "sectors")
    show_table(
        pd.DataFrame(
            [
                (sector(key) if key else t("consultations.synthesis.no_author"), count)
                for key, count in result.by_contributor_sector.most_common()
            ],
            columns=[t("columns.sector"), t("consultations.synthesis.contributions")],
        ),
        hide_index=True,
    )


def commitments(result) -> None:
    show_table(
        pd.DataFrame(
            [(c.owner or "—", c.text, c.theme, c.due_on) for c in result.commitments],
            columns=[
                t("consultations.synthesis.owner"),
                t("consultations.synthesis.commitment"),
                t("consultations.columns.theme"),
                t("consultations.synthesis.due_on"),
            ],
        ),
        hide_index=True,
        width="stretch",
        column_config={t("consultations.synthesis.due_on"): st.column_config.DateColumn(format=DATE_FORMAT)},
    )
