"""Run an audience's use case and show its refusal in this page's own words where it has them
(``audiences.errors.<reason>``), else in the kit's."""

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from pages._kit import outcome
from toolkit.i18n import has, t
from toolkit.markdown import escape
from toolkit.store import StoreError

Result = TypeVar("Result")


def error_text(error: StoreError) -> str:
    own = f"audiences.errors.{error.reason}"
    if has(own):
        return t(own, **{k: escape(v) for k, v in error.details.items()})
    return outcome.error_text(error)


def run(use_case: Callable[..., Result], *args, **kwargs) -> tuple[bool, Result | None]:
    """``(True, use_case(*args, **kwargs))``, or ``(False, None)`` after showing the refusal."""
    try:
        return True, use_case(*args, **kwargs)
    except StoreError as error:
        st.error(error_text(error))
        return False, None


def done(use_case: Callable[..., object], *args, **kwargs) -> bool:
    """Whether the use case ran (its refusal is shown when it did not)."""
    return run(use_case, *args, **kwargs)[0]
