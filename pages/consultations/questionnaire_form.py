"""The questions as a participant sees them: the participant's page and the team's preview draw
them with these. Every text a participant or the team typed is shown escaped (inert)."""

import streamlit as st

from toolkit import questionnaires as q
from toolkit.i18n import label, t
from toolkit.markdown import escape


def key(prefix: str, question: q.Question, part: str = "") -> str:
    return f"{prefix}_{question.id}{part}"


def start_from(prefix: str, form: q.Form) -> None:
    """Put the saved answers in the widgets (call once per visit, before drawing them)."""
    for question in form.questions:
        value = form.answers.get(question.id)
        if question.kind == "ties":
            ties = value or []
            st.session_state[key(prefix, question)] = [x["actor_id"] for x in ties if x.get("actor_id") is not None]
            for tie in ties:
                if tie.get("actor_id") is not None:
                    st.session_state[key(prefix, question, f"_type_{tie['actor_id']}")] = tie["type"]
            st.session_state[key(prefix, question, "_new")] = "\n".join(q.new_names(ties))
        elif question.kind in ("several_choices", "ranking"):
            st.session_state[key(prefix, question)] = list(value or [])
        elif question.kind == "open":
            st.session_state[key(prefix, question)] = value or ""
        else:
            st.session_state[key(prefix, question)] = value


def ask(prefix: str, number: int, question: q.Question, form: q.Form, lang: str, disabled: bool = False) -> object:
    """One question's widget; returns the answer as the page holds it."""
    title, name = f"{number}. {escape(question.text)}", key(prefix, question)
    st.session_state.setdefault(name, [] if question.kind in ("several_choices", "ranking", "ties") else None)
    if question.kind == "open":
        if st.session_state[name] is None:
            st.session_state[name] = ""
        return st.text_area(title, key=name, max_chars=q.MAX_OPEN_ANSWER, height=120, disabled=disabled)
    if question.kind == "one_choice":
        return st.radio(title, question.options, key=name, format_func=escape, disabled=disabled)
    if question.kind == "several_choices":
        return st.pills(
            title, question.options, selection_mode="multi", key=name, format_func=escape, disabled=disabled
        )
    if question.kind == "scale":
        chosen = st.radio(title, q.SCALE, key=name, horizontal=True, disabled=disabled)
        st.caption(t("answer.scale_hint", lang=lang))
        return chosen
    if question.kind == "ranking":
        return st.multiselect(
            title,
            question.options,
            key=name,
            format_func=escape,
            placeholder=t("answer.ranking_hint", lang=lang),
            help=t("answer.ranking_help", lang=lang),
            disabled=disabled,
        )
    return ties(prefix, title, question, form, lang, disabled)


def ties(prefix: str, title: str, question: q.Question, form: q.Form, lang: str, disabled: bool) -> list[dict]:
    """ "Who do you work with": organisations of the register, each with the kind of relation, and new names."""
    names = dict(form.actors)
    kinds = form.relation_types or ["cooperation"]
    chosen = st.multiselect(
        title,
        list(names),
        key=key(prefix, question),
        format_func=lambda i: names.get(i, ""),
        placeholder=t("answer.ties_hint", lang=lang),
        max_selections=q.MAX_TIES,
        disabled=disabled,
    )
    answer: list[dict] = []
    for actor_id in chosen:
        kind = st.selectbox(
            t("answer.ties_kind", lang=lang, name=escape(names.get(actor_id, ""))),
            kinds,
            key=key(prefix, question, f"_type_{actor_id}"),
            format_func=lambda k: label("relation_types", k, None, lang),
            disabled=disabled,
        )
        answer.append({"actor_id": actor_id, "type": kind})
    name = key(prefix, question, "_new")
    st.session_state.setdefault(name, "")
    others = st.text_area(t("answer.ties_new", lang=lang), key=name, height=80, disabled=disabled)
    answer += [{"name": line.strip(), "type": kinds[0]} for line in others.splitlines() if line.strip()]
    return answer


def questions(prefix: str, form: q.Form, lang: str, disabled: bool = False) -> dict[int, object]:
    """Every question in a bordered box, numbered; the answers as the page holds them."""
    answers = {}
    for number, question in enumerate(form.questions, 1):
        with st.container(border=True):
            answers[question.id] = ask(prefix, number, question, form, lang, disabled)
    return answers
