"""A value held back until the person confirms it: a question in a dialog, kept open across reruns
until answered (as the kit's table asks before deleting). "Yes" saves it; "no", or closing the
dialog, saves nothing and leaves the form as it was typed, to correct it."""

from collections.abc import Callable

import streamlit as st

from pages._kit.dialogs import dialog


def hold(key: str, pending: object) -> None:
    """Keep ``pending`` under ``key`` until :func:`ask` has its answer."""
    st.session_state[key] = pending


def ask(key: str, title: str, question: str, yes: str, no: str, save: Callable[[object], None]) -> None:
    """While something is held under ``key``, ask ``question`` (markdown, already escaped) in a dialog;
    "yes" calls ``save(pending)``, which says what happened (and reruns), "no" forgets it."""
    if st.session_state.get(key) is None:
        return
    pending = st.session_state[key]

    def forget() -> None:
        st.session_state.pop(key, None)

    @dialog(title, on_dismiss=forget)
    def question_dialog() -> None:
        st.markdown(question)
        left, right = st.columns(2)
        if left.button(yes, type="primary", key=f"{key}_yes"):
            forget()
            save(pending)
        if right.button(no, key=f"{key}_no"):
            forget()
            st.rerun()

    question_dialog()
