"""Run a use case and show what happened: its result, or its error in the user's words."""

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store import StoreError

Result = TypeVar("Result")


def error_text(error: StoreError) -> str:
    """A use case's refusal as the user reads it (its details are user text: shown inert)."""
    return t(error.message_key, **{k: escape(v) for k, v in error.details.items()})


def show_error(error: StoreError) -> None:
    st.error(error_text(error))


def run(use_case: Callable[..., Result], *args, **kwargs) -> Result | None:
    """``use_case(*args, **kwargs)``; on a refusal, show it and return ``None``.

    Pages do not catch store errors one by one: they call this and act on a result that is not ``None``.
    """
    try:
        return use_case(*args, **kwargs)
    except StoreError as error:
        show_error(error)
        return None
