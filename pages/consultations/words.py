"""How Consultas names things: vocabulary terms, coverage targets, its own refusals, an instrument's guide."""

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from pages._kit.context import PageContext, notify
from toolkit.consultations import INSTRUMENT_SIZES
from toolkit.domain import CoverageTarget
from toolkit.i18n import format_number, has, label, t
from toolkit.markdown import escape
from toolkit.store import StoreError

Result = TypeVar("Result")
DATE_FORMAT = "DD/MM/YYYY"


def term_label(ctx: PageContext, vocabulary: str) -> Callable[[str | None], str]:
    """A ``format_func`` naming a workspace vocabulary's key; an empty key is "unassigned"."""
    names = ctx.custom.get(vocabulary)
    return lambda key: label(vocabulary, key, names) if key else t("consultations.unassigned")


def vocab_label(vocabulary: str) -> Callable[[str | None], str]:
    return lambda key: t(f"vocab.{vocabulary}.{key}") if key else ""


def target_label(ctx: PageContext, target: CoverageTarget) -> str:
    vocabulary = "sectors" if target.dimension == "sector" else "scales"
    return t(
        f"consultations.targets.{target.dimension}", name=label(vocabulary, target.key, ctx.custom.get(vocabulary))
    )


def error_key(error: StoreError) -> str:
    """A refusal in this page's words (``consultations.errors.<reason>``) where it has its own."""
    own = f"consultations.errors.{error.reason}"
    return own if has(own) else error.message_key


class WordedError(StoreError):
    """A refusal handed to a kit block (the editable table) that shows it: in this page's words."""

    def __init__(self, error: StoreError) -> None:
        super().__init__(error.reason, **error.details)

    @property
    def message_key(self) -> str:
        return error_key(self)


def show_error(error: StoreError) -> None:
    st.error(t(error_key(error), **{k: escape(v) for k, v in error.details.items()}))


def run(use_case: Callable[..., Result], *args, **kwargs) -> Result | None:
    """The kit's ``run`` with this page's words for refusals: the result, or ``None`` after saying why."""
    try:
        return use_case(*args, **kwargs)
    except StoreError as error:
        show_error(error)
        return None


def succeeded(use_case: Callable[..., object], *args, **kwargs) -> bool:
    """Whether ``use_case`` ran (for use cases that return nothing); a refusal is shown."""
    try:
        use_case(*args, **kwargs)
    except StoreError as error:
        show_error(error)
        return False
    return True


def worded(use_case: Callable[..., Result]) -> Callable[..., Result]:
    """``use_case`` whose refusals carry this page's words, for a kit block that shows them itself."""

    def call(*args, **kwargs) -> Result:
        try:
            return use_case(*args, **kwargs)
        except StoreError as error:
            raise WordedError(error) from error

    return call


def done(message: str) -> None:
    """Say what the last action did after the rerun that shows it."""
    notify("consultations", message)


def guide(ctx: PageContext, instrument: str) -> None:
    """The short guide of an instrument: when to use it, typical size, what to prepare."""
    if not has(f"consultations.guide.{instrument}.when"):
        return
    low, high = INSTRUMENT_SIZES[instrument]
    st.markdown(t("consultations.guide.heading", instrument=escape(term_label(ctx, "instruments")(instrument))))
    st.markdown(t(f"consultations.guide.{instrument}.when"))
    st.markdown(t("consultations.guide.size", low=format_number(low), high=format_number(high)))
    st.markdown(t(f"consultations.guide.{instrument}.prepare"))
