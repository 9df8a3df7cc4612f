"""Links that open a page at the tab they name (``actores?tab=import``): Inicio's shortcuts land
where they promise, and the address can be copied and sent."""

import streamlit as st

TAB = "tab"


def open_tab_from_link(tabs_key: str, tabs: dict[str, str]) -> None:
    """Called before the page's ``st.tabs(..., key=tabs_key)``: a link naming one of ``tabs`` (the
    link's word -> the tab's label), not followed yet, opens that tab; then the person moves freely
    between tabs, and a later link opens it again."""
    wanted = st.query_params.get(TAB)
    seen = f"{tabs_key}_link_seen"
    if wanted not in tabs:
        st.session_state.pop(seen, None)
    elif st.session_state.get(seen) != wanted:
        st.session_state[seen] = wanted
        st.session_state[tabs_key] = tabs[wanted]
