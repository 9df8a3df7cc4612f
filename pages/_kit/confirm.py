"""A value held back until the person confirms it: a question in a dialog, kept open across reruns
until answered (as the kit's table asks before deleting). "Yes" saves it; "no", or closing the
dialog, saves nothing and leaves the form as it was typed, to correct it."""

from collections.abc import Callable

import streamlit as st

from pages._kit.dialogs import dialog
from toolkit.i18n import t


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


def ask_before_saving(key: str, save: Callable[[], None], then_confirm: str | None) -> None:
    """The question an editable table's page asks before saving (``editable_table(question=...)``),
    held under ``{key}_doubt``: "Save anyway" saves (or, with rows to delete, goes on to the delete
    question), "Go back" leaves the table as it was edited."""

    def go_on(_: object) -> None:
        if then_confirm is None:
            save()
        else:
            st.session_state[then_confirm] = True
            st.rerun()

    held = str(st.session_state.get(f"{key}_doubt") or "")
    ask(f"{key}_doubt", t("start_moves.title"), held, t("start_moves.save"), t("start_moves.back"), go_on)


def save_or_ask(key: str, doubt: str | None, then_confirm: str | None, save_now: Callable[[], None]) -> None:
    """An editable table's save: save now, or first ask the page's question (``doubt``, see
    :func:`ask_before_saving`), or the delete question (``then_confirm``: its session key)."""
    if doubt:
        hold(f"{key}_doubt", doubt)
    elif then_confirm:
        st.session_state[then_confirm] = True
    else:
        save_now()
