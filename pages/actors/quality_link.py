"""The register opened from one of Inicio's data-quality lists (``actores?missing=sector``): the
address says which list, the filter bar shows it as a chip, and the chip's cross removes it."""

import streamlit as st

from toolkit.actor_filter import MISSING
from toolkit.i18n import t

LINK = "missing"  # the query parameter Inicio's links set


def link_to(missing: str) -> dict[str, str]:
    """The query parameters of a link that opens the register on one data-quality list."""
    return {LINK: missing}


def linked_missing() -> str | None:
    """The data-quality list the address names (an unknown one keeps nobody: the store shows none)."""
    return st.query_params.get(LINK) or None


def _remove() -> None:
    st.query_params.pop(LINK, None)


def chip(missing: str | None) -> None:
    """The list the register is narrowed to, with a cross that shows every actor again."""
    if missing is None:
        return
    name = t(f"register.missing.{missing}") if missing in MISSING else t("register.missing.unknown")
    st.button(
        name,
        key="actors_missing_chip",
        icon=":material/close:",
        icon_position="right",
        help=t("register.missing.remove"),
        on_click=_remove,
    )
