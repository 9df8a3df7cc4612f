"""Parts of a page that rerun alone (``st.fragment``, issue 17): typing in a search reruns the part,
not the page. A fragment's own rerun skips ``app.py``, so the part sets what ``app.py`` sets at the
top of every run: the reader's language and the person acting (see ``toolkit.access``)."""

import functools
from dataclasses import replace

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from toolkit import access, i18n
from toolkit.store.accounts import session_valid


def acting_person() -> access.Person:
    """Who acts in this session, as ``app.py`` decides it; nobody when the session has ended."""
    settings = st.session_state.get("settings")
    if settings is None:
        return access.NOBODY
    if settings.accounts == "off":
        return access.LOCAL
    person = st.session_state.get("person")
    if person is None or not session_valid(st.session_state["engine"], person, st.session_state["signed_in_at"]):
        return access.NOBODY  # signed out in another tab, deactivated: every use case refuses
    return replace(person, creates=settings.creators == "owners")


def rerun_alone() -> bool:
    """Whether this run is a fragment's own (``app.py`` did not run before it)."""
    run = get_script_run_ctx()
    return bool(run and run.fragment_ids_this_run)


def fragment(function):
    """``st.fragment`` for a workspace page: on its own reruns, the language and the person first."""

    @st.fragment
    @functools.wraps(function)
    def part(*args, **kwargs):
        if rerun_alone():
            i18n.set_language(st.session_state.get("language", i18n.DEFAULT_LANGUAGE))
            access.set_current(acting_person())
        return function(*args, **kwargs)

    return part
