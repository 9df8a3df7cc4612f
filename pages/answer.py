"""A participant's questionnaire (issue 18): what a link opens, and nothing else.

``app.py`` runs this page alone, before any sign-in, when the address carries ``?q=<token>``:
no navigation, no sidebar, nothing of the workspace. Everything shown comes from the token's
questionnaire (``open_questionnaire``) in the questionnaire's language; a tampered, expired or
revoked token gets a plain sentence and nothing more.
"""

import streamlit as st

from pages._kit.context import leave_unless_in_app
from pages.consultations import questionnaire_form as widgets
from toolkit import questionnaires as q
from toolkit.i18n import format_date, t
from toolkit.markdown import escape
from toolkit.store import StoreError
from toolkit.store.questionnaires import open_questionnaire, save_answers

PREFIX = "answer"

st.set_page_config(page_title="Hoja de Ruta", layout="centered", initial_sidebar_state="collapsed")
leave_unless_in_app()
engine = st.session_state["engine"]
token = st.query_params.get("q", "")
visitor = st.session_state.setdefault("answer_visitor", q.new_token())  # the open link: this visit's own key


def send(answers: dict[int, object], finish: bool, lang: str) -> None:
    address = st.context.ip_address
    try:
        saved = save_answers(
            engine, token, answers, finish, visitor=visitor, client=address if isinstance(address, str) else None
        )
    except StoreError as error:
        st.error(t(error.message_key, lang=lang, **{k: escape(v) for k, v in error.details.items()}))
        return
    st.session_state["answer_notice"] = "answer.sent" if saved.finished and finish else "answer.saved"
    st.rerun()


def page() -> None:
    try:
        form = open_questionnaire(engine, token, visitor)
    except StoreError as error:
        st.info(t("answer.expired" if error.reason == "questionnaire_link_expired" else "answer.invalid"))
        return
    lang = form.language
    if st.session_state.get("answer_loaded") != q.token_hash(token):  # once per visit of this link
        st.session_state["answer_loaded"] = q.token_hash(token)
        widgets.start_from(PREFIX, form)
    st.header(escape(form.title))  # a phone shows an h1 of a long title as five lines
    for paragraph in form.intro.split("\n\n"):
        if paragraph.strip():
            st.markdown(escape(paragraph))
    if form.closes_on:
        st.caption(t("answer.closes", lang=lang, date=format_date(form.closes_on, lang)))
    if notice := st.session_state.pop("answer_notice", None):
        st.success(t(notice, lang=lang))
    elif form.finished:
        st.info(t("answer.already_sent", lang=lang))
    if not form.questions:
        st.info(t("answer.no_questions", lang=lang))
        return
    answers = widgets.questions(PREFIX, form, lang)
    st.caption(t("answer.privacy" if form.personal else "answer.privacy_open", lang=lang))
    left, right = st.columns(2)
    if left.button(t("answer.save", lang=lang), key="answer_save", icon=":material/save:", width="stretch"):
        send(answers, False, lang)
    if right.button(
        t("answer.send", lang=lang), key="answer_send", type="primary", icon=":material/send:", width="stretch"
    ):
        send(answers, True, lang)


page()
