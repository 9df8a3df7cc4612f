"""Hoja de Ruta: entry point. Page config, navigation, sidebar (workspace and language)."""

import contextlib
import logging
import time
from dataclasses import replace
from pathlib import Path

import streamlit as st

from toolkit import access, clock, i18n
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.settings import Settings
from toolkit.store import StoreError, open_store
from toolkit.store.accounts import end_sessions, session_valid
from toolkit.store.sample import load_sample
from toolkit.store.workspaces import current_role, list_workspaces, workspace_labels

started = time.perf_counter()
st.set_page_config(
    page_title="Hoja de Ruta", page_icon=str(Path(__file__).parent / "assets" / "icon.png"), layout="wide"
)
# "language" and "workspace_id" are plain session keys (not widget keys), so they survive page switches
st.session_state.setdefault("language", i18n.DEFAULT_LANGUAGE)
i18n.set_language(st.session_state["language"])


@st.cache_resource(show_spinner=False)
def engine(url: str):
    """One engine per database for the whole server; the first run loads the Medellín sample."""
    store = open_store(url)
    with access.acting_as(access.LOCAL):  # the operator's first run: the sample belongs to no account yet
        if not list_workspaces(store):
            with contextlib.suppress(StoreError):  # another instance loaded it first
                load_sample(store)
    return store


SESSION_KEYS = ("person", "signed_in_at", "last_seen", "workspace_id")


def end_session(notice: str) -> None:
    """Forget this session's person: the next run shows the sign-in page with ``notice``."""
    for key in SESSION_KEYS:
        st.session_state.pop(key, None)
    st.session_state["sign_in_notice"] = notice


def signed_in(settings: Settings) -> access.Person | None:
    """The person of this session when accounts are on (None: show the sign-in page); LOCAL when off.

    Checked at every rerun: a session ends after ``HOJA_SESSION_IDLE_MINUTES`` without activity or
    ``HOJA_SESSION_MAX_HOURS``, when the account is deactivated or signs out in another tab or
    browser, and (single sign-on) when the provider's identity is gone from this session. An SSO
    session that expires also signs out of Streamlit's identity cookie (``st.logout``), so the
    person goes through the provider again instead of starting a new session from the cookie.
    """
    if settings.accounts == "off":
        return access.LOCAL
    person, now = st.session_state.get("person"), clock.now()
    sso = settings.accounts == "sso"
    if person is not None:
        expired = access.session_expired(
            st.session_state["signed_in_at"],
            st.session_state["last_seen"],
            now,
            settings.session_idle_minutes,
            settings.session_max_hours,
        )
        if (
            expired
            or not session_valid(st.session_state["engine"], person, st.session_state["signed_in_at"])
            or (sso and not st.user.is_logged_in)
        ):
            end_session("accounts.expired")
            if sso and expired and st.user.is_logged_in:
                st.logout()
            person = None
    if person is None:
        return None
    st.session_state["last_seen"] = now
    return replace(person, creates=settings.creators == "owners")


@contextlib.contextmanager
def contained(what: str, *, stop: bool = False):
    """A crash in the block is logged with its traceback and shown as a plain message in the user's
    language (never a traceback, which may hold SQL and its values); ``stop`` ends the run there."""
    try:
        yield
    except Exception:
        logging.exception("%s crashed", what)
        st.error(t("errors.unexpected"))
        if stop:
            st.stop()


settings = Settings.from_environment()
try:
    st.session_state["engine"] = engine(settings.database_url)
except Exception:  # an unreachable database: say so plainly, show no traceback
    logging.exception("database unavailable")
    st.error(t("errors.database_unavailable"))
    st.stop()
st.session_state["settings"] = settings
pages = {
    t("nav.section.territory"): [
        home := st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", default=True),
        st.Page("pages/actors/page.py", title=t("nav.actors"), icon=":material/groups:", url_path="actores"),
        st.Page("pages/contacts/page.py", title=t("nav.contacts"), icon=":material/forum:", url_path="contactos"),
        st.Page("pages/actor_map/page.py", title=t("nav.map"), icon=":material/hub:", url_path="mapa"),
        st.Page("pages/strategy/page.py", title=t("nav.strategy"), icon=":material/strategy:", url_path="estrategia"),
    ],
    t("nav.section.participation"): [
        st.Page(
            "pages/consultations/page.py", title=t("nav.consultations"), icon=":material/forum:", url_path="consultas"
        ),
        st.Page("pages/audiences/page.py", title=t("nav.audiences"), icon=":material/target:", url_path="audiencias"),
        st.Page("pages/campaigns/page.py", title=t("nav.campaigns"), icon=":material/campaign:", url_path="campanas"),
    ],
    t("nav.section.follow_up"): [
        st.Page("pages/roadmap/page.py", title=t("nav.roadmap"), icon=":material/map:", url_path="hoja-de-ruta"),
        st.Page(
            "pages/indicators/page.py", title=t("nav.indicators"), icon=":material/monitoring:", url_path="indicadores"
        ),
        st.Page("pages/reports.py", title=t("nav.reports"), icon=":material/description:", url_path="informes"),
        st.Page("pages/activity.py", title=t("nav.activity"), icon=":material/history:", url_path="actividad"),
        st.Page("pages/team.py", title=t("nav.team"), icon=":material/group:", url_path="equipo"),
        st.Page("pages/settings.py", title=t("nav.settings"), icon=":material/settings:", url_path="ajustes"),
    ],
}
if "q" in st.query_params:  # a questionnaire link (issue 18): its page alone, with no sign-in nor workspace
    access.set_current(access.NOBODY)  # the page reaches the store only through the link's token
    answer = st.Page("pages/answer.py", title="Hoja de Ruta", url_path="responder", default=True)
    with contained("questionnaire page"):
        st.navigation([answer], position="hidden").run()
    st.stop()
with contained("session check", stop=True):
    person = signed_in(settings)
if person is None:  # accounts on and nobody signed in: the sign-in page is all there is
    access.set_current(access.NOBODY)  # every use case refuses
    # every page stays known (a bookmarked link is not "page not found") but none is listed or run:
    # a link to one shows the sign-in page, which opens that page once signed in
    sign_in = st.Page("pages/sign_in.py", title=t("accounts.sign_in.title"), icon=":material/login:", default=True)
    others = [p for section in pages.values() for p in section if p is not home]
    requested = st.navigation([sign_in, *others], position="hidden")
    if requested.url_path != sign_in.url_path:
        st.session_state["after_sign_in"] = requested
        st.switch_page(sign_in)
    with contained("sign-in page"):
        sign_in.run()
    st.stop()
access.set_current(person)  # every use case from here on acts for this person (LOCAL when accounts are off)

with st.sidebar, contained("sidebar"):
    workspaces = list_workspaces(st.session_state["engine"])
    languages = list(i18n.LANGUAGES)
    st.selectbox(
        t("sidebar.language"),
        languages,
        index=languages.index(i18n.language()),
        key="sidebar_language",
        format_func=lambda code: t(f"languages.{code}"),
        on_change=lambda: st.session_state.update(language=st.session_state["sidebar_language"]),
    )
    ids = [w.id for w in workspaces]
    names = workspace_labels(workspaces)
    if st.session_state.get("workspace_id") not in ids:
        st.session_state["workspace_id"] = ids[0] if ids else None
    if ids:
        # the key names the workspace shown, so switching gives a fresh box; the callback reads the key it was
        # drawn with (the current workspace may have changed since), and never fails if Streamlit dropped it
        picker = f"sidebar_workspace_{st.session_state['workspace_id']}"
        st.selectbox(
            t("sidebar.workspace"),
            ids,
            index=ids.index(st.session_state["workspace_id"]),
            key=picker,
            format_func=lambda i: names.get(i, ""),
            on_change=lambda key=picker: st.session_state.update(
                workspace_id=st.session_state.get(key, st.session_state.get("workspace_id"))
            ),
        )
    else:
        st.info(t("accounts.no_workspace" if settings.accounts != "off" else "sidebar.no_workspace"))
    if settings.accounts != "off":
        st.caption(t("accounts.signed_in_as", name=escape(person.shown_name)))
        if ids and current_role(st.session_state["engine"], st.session_state["workspace_id"]) == "viewer":
            st.info(t("accounts.read_only"))
        if st.button(t("accounts.sign_out"), key="sidebar_sign_out", icon=":material/logout:"):
            end_sessions(st.session_state["engine"], person.user_id)  # every tab and browser of this account
            end_session("accounts.signed_out")
            if settings.accounts == "sso" and st.user.is_logged_in:
                st.logout()
            st.rerun()

page = st.navigation(pages, expanded=True)  # every page listed: no "View 3 more" (English, untranslatable)
try:
    page.run()
except Exception:  # a crash in one page must not take the app down or show a traceback
    logging.exception("page crashed")
    st.error(t("errors.page_crashed"))
# server time of this rerun, read by the benchmarks (make bench)
st.session_state["server_seconds"] = time.perf_counter() - started
