"""A form empty again after its save, so a second click cannot repeat it; a refused save keeps
what was typed (``clear_on_submit`` would empty it either way)."""

import streamlit as st


def empty_after_save(*keys: str) -> None:
    """Forget these widgets' values: the rerun that follows a save draws them with their defaults."""
    for key in keys:
        st.session_state.pop(key, None)
