"""Dialogs that act for the person who opened them.

A dialog's own buttons rerun the dialog alone, not the page: app.py's top, which sets the person
acting and the language, does not run then. Without this, "Eliminar y guardar" in a browser ran
as nobody and was refused ("Ese espacio de trabajo ya no existe"), and the dialog spoke Spanish to
everyone; AppTest reruns the whole page and never showed it."""

from collections.abc import Callable
from functools import wraps

import streamlit as st

from toolkit import access
from toolkit.i18n import language, set_language


def dialog(title: str, *, on_dismiss: Callable[[], None] | str = "ignore", width: str = "small") -> Callable:
    """``st.dialog(title)`` whose body runs as the person, and in the language, of the page's run
    that drew it (the decorator is applied on every run of the page)."""
    person, lang = access.current(), language()

    def decorate(body: Callable) -> Callable:
        @wraps(body)
        def as_opened(*args, **kwargs):
            set_language(lang)
            with access.acting_as(person):
                return body(*args, **kwargs)

        return st.dialog(title, on_dismiss=on_dismiss, width=width)(as_opened)

    return decorate
