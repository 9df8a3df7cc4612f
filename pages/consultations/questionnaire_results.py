"""Cuestionario > Respuestas: the response rate, a chart per closed question, open answers by theme,
who has not answered yet (a reminder list), and the relations participants reported, to confirm or discard."""

import pandas as pd
import streamlit as st

from pages._kit.confirm import ask, hold
from pages._kit.files import download_button
from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, term_label
from toolkit import questionnaire_documents as documents
from toolkit.consultations import file_stem
from toolkit.i18n import format_number, t
from toolkit.markdown import escape
from toolkit.questionnaire_charts import closed_figure
from toolkit.questionnaires import Questionnaire, Results, reported_relations, results
from toolkit.store.questionnaires import list_links, list_responses, settle_reported

DISCARDING = "questionnaire_discarding"
CHART = {"displaylogo": False}


def show(chosen: Chosen, questionnaire: Questionnaire) -> None:
    ctx = chosen.ctx
    links = list_links(ctx.engine, ctx.workspace_id, chosen.id)
    responses = list_responses(ctx.engine, ctx.workspace_id, chosen.id)
    result = results(questionnaire, responses, links, chosen.participants, chosen.data.actors)
    figures(result)
    for count in result.closed:
        st.markdown(f"**{escape(count.question.text)}**")
        if not count.answered:
            st.caption(t("questionnaires.results.no_answers"))
            continue
        st.caption(t("questionnaires.results.answered", count=count.answered))
        what = "points" if count.question.kind == "ranking" else "answers"
        st.plotly_chart(
            closed_figure(count, t(f"questionnaires.results.{what}")),
            key=f"questionnaire_chart_{count.question.id}",
            config=CHART,
        )
    st.subheader(t("questionnaires.results.open_heading"))
    if not result.open_by_theme:
        st.caption(t("questionnaires.results.no_open"))
    for theme, said in result.open_by_theme.items():
        st.markdown(f"**{escape(theme) if theme else t('consultations.synthesis.no_theme')}**")
        for who, text in said:
            author = escape(who) if who else t("questionnaires.results.anonymous")
            st.markdown(f"- {escape(text)} *({author})*")
    waiting(chosen, result)
    reported(chosen, result)


def figures(result: Results) -> None:
    metrics = st.columns(4)
    metrics[0].metric(t("questionnaires.results.linked"), format_number(result.linked))
    metrics[1].metric(t("questionnaires.results.respondents"), format_number(result.respondents))
    rate = "—" if result.rate is None else f"{format_number(round(result.rate * 100))} %"
    metrics[2].metric(t("questionnaires.results.rate"), rate)
    metrics[3].metric(t("questionnaires.results.anonymous_count"), format_number(result.anonymous))
    if result.started:
        st.caption(t("questionnaires.results.started_count", count=result.started))
    if result.estimated_public:
        share = format_number(round(100 * result.anonymous / result.estimated_public))
        st.caption(t("questionnaires.results.public", size=format_number(result.estimated_public), share=share))


def waiting(chosen: Chosen, result: Results) -> None:
    """Who was sent a link and has not sent answers yet; a list to remind them."""
    st.subheader(t("questionnaires.results.waiting", count=len(result.not_answered)))
    if not result.not_answered:
        st.caption(t("questionnaires.results.nobody_waiting"))
        return
    sector = term_label(chosen.ctx, "sectors")
    st.dataframe(
        pd.DataFrame(
            [
                (actor.name, sector(actor.sector), t(f"questionnaires.results.{'started' if began else 'not_started'}"))
                for actor, _, began in result.not_answered
            ],
            columns=[t("columns.name"), t("columns.sector"), t("questionnaires.links.column.progress")],
        ),
        hide_index=True,
        width="stretch",
    )
    download_button(
        t("questionnaires.results.reminder"),
        lambda: documents.reminder_workbook(result.not_answered, chosen.ctx.lang),
        f"{file_stem(chosen.consultation.title)}_{t('questionnaires.files.reminder_name')}.xlsx",
        key=f"questionnaire_dl_reminder_{chosen.id}",
    )


def reported(chosen: Chosen, result: Results) -> None:
    """Relations participants said they have: on the map already, marked as theirs until reviewed."""
    ctx = chosen.ctx
    st.subheader(t("questionnaires.reported.heading"))
    found = reported_relations(chosen.data.relations, chosen.data.actors, {p.actor_id for p in chosen.participants})
    kinds = term_label(ctx, "relation_types")
    if not found:
        st.caption(t("questionnaires.reported.none"))
    else:
        st.caption(t("questionnaires.reported.help"))
        words = {x.relation_id: f"{x.reporter} → {x.target} ({kinds(x.type)})" for x in found}
        picked = st.multiselect(
            t("questionnaires.reported.pick"),
            list(words),
            default=list(words),
            format_func=lambda i: words[i],
            key=f"questionnaire_reported_{chosen.id}_{ctx.revision}",
            placeholder=t("questionnaires.links.pick_hint"),
            disabled=not ctx.may_edit,
        )
        left, right = st.columns(2)
        if ctx.may_edit and left.button(t("questionnaires.reported.confirm"), disabled=not picked, type="primary"):
            count = run(settle_reported, ctx.engine, ctx.workspace_id, picked, True)
            if count is not None:
                done(t("questionnaires.reported.confirmed", count=count))
        if ctx.may_edit and right.button(t("questionnaires.reported.discard"), disabled=not picked):
            hold(DISCARDING, picked)
            st.rerun()
        ask(
            DISCARDING,
            t("questionnaires.reported.discard_title"),
            t("questionnaires.reported.discard_question", count=len(st.session_state.get(DISCARDING) or [])),
            t("questionnaires.reported.discard_confirm"),
            t("questionnaires.cancel"),
            lambda ids: (
                (count := run(settle_reported, ctx.engine, ctx.workspace_id, ids, False)) is not None
                and done(t("questionnaires.reported.discarded", count=count))
            ),
        )
    if result.named:
        st.markdown(f"**{t('questionnaires.reported.named')}**")
        for who, name in result.named:
            st.markdown(f"- {escape(name)} *({escape(who)})*")
