"""Tabs that build only the open one: each rerun stays cheap, and the open tab survives the reruns
of its own buttons (``st.tabs`` with a key and ``on_change="rerun"``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def open_tab_only(key: str, tabs: Sequence[tuple[str, Callable[[], None]]]) -> None:
    """Draw a tab for each ``(label, build)`` and run ``build`` of the open tab alone."""
    shown = st.tabs([label for label, _build in tabs], key=key, on_change="rerun")
    for tab, (_label, build) in zip(shown, tabs, strict=True):
        with tab:
            if tab.open:
                build()
