"""Tab "Cuestionario": build the consultation's online questionnaire, preview it as a participant
sees it, send the links (pages/consultations/questionnaire_links.py) and read what came back
(pages/consultations/questionnaire_results.py)."""

import streamlit as st

from pages._kit.confirm import ask, hold
from pages.consultations import questionnaire_form, questionnaire_links, questionnaire_results
from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, succeeded, vocab_label
from toolkit import i18n
from toolkit.consultations import contribution_themes
from toolkit.domain import CONTRIBUTION_TYPES
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.questionnaires import QUESTION_KINDS, Form, Question, Questionnaire, offered_actors
from toolkit.store.questionnaires import (
    add_question,
    delete_question,
    get_questionnaire,
    move_question,
    save_intro,
    update_question,
)

SECTIONS = ("build", "links", "results")
DELETING = "questionnaire_deleting"


def show(chosen: Chosen) -> None:
    ctx = chosen.ctx
    questionnaire = get_questionnaire(ctx.engine, ctx.workspace_id, chosen.id) or Questionnaire(
        chosen.id, language=ctx.workspace.language if ctx.workspace.language in i18n.LANGUAGES else "es"
    )
    st.caption(t("questionnaires.intro_help"))
    section = st.segmented_control(
        t("questionnaires.section"),
        SECTIONS,
        default="build",
        key=f"questionnaire_section_{chosen.id}",
        format_func=lambda s: t(f"questionnaires.sections.{s}"),
        label_visibility="collapsed",
    )
    if section == "links":
        questionnaire_links.show(chosen, questionnaire)
    elif section == "results":
        questionnaire_results.show(chosen, questionnaire)
    else:
        build(chosen, questionnaire)


def build(chosen: Chosen, questionnaire: Questionnaire) -> None:
    ctx = chosen.ctx
    if ctx.may_edit:
        introduction(chosen, questionnaire)
    st.subheader(t("questionnaires.questions", count=len(questionnaire.questions)))
    if not questionnaire.questions:
        st.caption(t("questionnaires.no_questions"))
    for number, question in enumerate(questionnaire.questions, 1):
        listed(chosen, number, question, last=number == len(questionnaire.questions))
    if ctx.may_edit:
        st.subheader(t("questionnaires.add_heading"))
        editor(chosen, Question("open", "", contribution_type="proposal"), f"questionnaire_new_{chosen.id}")
    ask(
        DELETING,
        t("questionnaires.delete_title"),
        t("questionnaires.delete_question"),
        t("questionnaires.delete_confirm"),
        t("questionnaires.cancel"),
        lambda question_id: (
            succeeded(delete_question, ctx.engine, ctx.workspace_id, question_id) and done(t("questionnaires.deleted"))
        ),
    )
    preview(chosen, questionnaire)


def introduction(chosen: Chosen, questionnaire: Questionnaire) -> None:
    ctx = chosen.ctx
    with st.form(f"questionnaire_intro_{chosen.id}"):
        intro = st.text_area(
            t("questionnaires.intro"), questionnaire.intro, placeholder=t("questionnaires.intro_hint"), height=110
        )
        language = st.selectbox(
            t("questionnaires.language"),
            list(i18n.LANGUAGES),
            index=list(i18n.LANGUAGES).index(questionnaire.language),
            format_func=lambda code: t(f"languages.{code}"),
        )
        if st.form_submit_button(t("questionnaires.save_intro"), icon=":material/save:") and succeeded(
            save_intro, ctx.engine, ctx.workspace_id, chosen.id, intro, language
        ):
            done(t("questionnaires.intro_saved"))


def describe(question: Question) -> str:
    parts = [t(f"questionnaires.kind.{question.kind}")]
    if question.contribution_type:
        parts.append(t("questionnaires.becomes", type=t(f"vocab.contribution_types.{question.contribution_type}")))
    if question.theme:
        parts.append(t("questionnaires.theme_is", theme=escape(question.theme)))
    if question.options:
        parts.append(" / ".join(escape(option) for option in question.options))
    return " · ".join(parts)


def listed(chosen: Chosen, number: int, question: Question, last: bool) -> None:
    """One question: its words and what its answers become; move, edit, delete."""
    ctx = chosen.ctx
    with st.container(border=True):
        st.markdown(f"**{number}. {escape(question.text)}**")
        st.caption(describe(question))
        if not ctx.may_edit:
            return
        columns = st.columns([1, 1, 2, 2, 4])
        if columns[0].button(
            "",
            key=f"questionnaire_up_{question.id}",
            icon=":material/arrow_upward:",
            help=t("questionnaires.up"),
            disabled=number == 1,
        ):
            succeeded(move_question, ctx.engine, ctx.workspace_id, question.id, -1) and st.rerun()
        if columns[1].button(
            "",
            key=f"questionnaire_down_{question.id}",
            icon=":material/arrow_downward:",
            help=t("questionnaires.down"),
            disabled=last,
        ):
            succeeded(move_question, ctx.engine, ctx.workspace_id, question.id, 1) and st.rerun()
        if columns[3].button(
            t("questionnaires.delete"), key=f"questionnaire_delete_{question.id}", icon=":material/delete:"
        ):
            hold(DELETING, question.id)
            st.rerun()
        with columns[2].popover(t("questionnaires.edit"), icon=":material/edit:"):
            editor(chosen, question, f"questionnaire_edit_{question.id}")


def editor(chosen: Chosen, question: Question, form_key: str) -> None:
    """A question's words, kind, options and what its answers become: a new one, or one edited."""
    ctx = chosen.ctx
    with st.form(form_key, clear_on_submit=question.id is None):
        text = st.text_area(t("questionnaires.question_text"), question.text, height=70, key=f"{form_key}_text")
        kind = st.selectbox(
            t("questionnaires.kind_label"),
            QUESTION_KINDS,
            index=QUESTION_KINDS.index(question.kind),
            format_func=lambda k: t(f"questionnaires.kind.{k}"),
            key=f"{form_key}_kind",
        )
        options = st.text_area(
            t("questionnaires.options"),
            "\n".join(question.options),
            help=t("questionnaires.options_help"),
            height=90,
            key=f"{form_key}_options",
        )
        types = [None, *CONTRIBUTION_TYPES]
        becomes = st.selectbox(
            t("questionnaires.becomes_label"),
            types,
            index=types.index(question.contribution_type),
            format_func=lambda k: vocab_label("contribution_types")(k) if k else t("questionnaires.only_counted"),
            help=t("questionnaires.becomes_help"),
            key=f"{form_key}_becomes",
        )
        themes = contribution_themes(chosen.contributions, chosen.data.actors)
        if question.theme and question.theme not in themes:
            themes = [question.theme, *themes]
        theme = st.selectbox(
            t("questionnaires.theme"),
            themes,
            index=themes.index(question.theme) if question.theme else None,
            accept_new_options=True,
            placeholder=t("questionnaires.theme_hint"),
            key=f"{form_key}_theme",
        )
        label = t("questionnaires.add") if question.id is None else t("questionnaires.save_question")
        if st.form_submit_button(label, type="primary", icon=":material/check:", key=f"{form_key}_submit"):
            edited = Question(
                kind, text, options.splitlines(), becomes, theme or "", id=question.id, version=question.version
            )
            if question.id is None:
                run(add_question, ctx.engine, ctx.workspace_id, chosen.id, edited) and done(t("questionnaires.added"))
            elif succeeded(update_question, ctx.engine, ctx.workspace_id, edited):
                done(t("questionnaires.saved"))


def preview(chosen: Chosen, questionnaire: Questionnaire) -> None:
    """The questionnaire as a participant sees it (answers here are not kept)."""
    if not questionnaire.questions:
        return
    with st.expander(t("questionnaires.preview"), icon=":material/visibility:"):
        lang = questionnaire.language
        st.markdown(f"### {escape(chosen.consultation.title)}")
        for paragraph in questionnaire.intro.split("\n\n"):
            if paragraph.strip():
                st.markdown(escape(paragraph))
        form = Form(
            chosen.consultation.title,
            questionnaire.intro,
            lang,
            questionnaire.questions,
            {},
            False,
            True,
            None,
            offered_actors(chosen.data.actors),
            chosen.ctx.keys("relation_types"),
        )
        questionnaire_form.questions(f"questionnaire_preview_{chosen.id}", form, lang)
        st.caption(t("questionnaires.preview_note"))
