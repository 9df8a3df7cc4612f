"""The workspace page context: what every screen needs before drawing anything."""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import streamlit as st
from sqlalchemy.engine import Engine
from streamlit.errors import StreamlitAPIException

from pages._kit import look
from toolkit import access, clock
from toolkit.domain import Workspace
from toolkit.i18n import label, language, t
from toolkit.settings import Settings
from toolkit.store.workspaces import current_role, get_workspace, vocabulary_terms

EDITING_ROLES = ("editor", "owner")
APP = Path(__file__).resolve().parents[2] / "app.py"


@dataclass
class PageContext:
    """One workspace as one page sees it on this rerun."""

    engine: Engine
    settings: Settings
    workspace: Workspace
    role: str | None
    lang: str
    today: date
    terms: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)

    @property
    def workspace_id(self) -> int:
        return self.workspace.id

    @property
    def revision(self) -> int:
        return self.workspace.revision

    @property
    def may_edit(self) -> bool:
        """Whether this person may change the workspace (viewers are offered no writes)."""
        return self.role in EDITING_ROLES

    @property
    def custom(self) -> dict[str, dict[str, str]]:
        """The workspace's own names for its vocabularies' terms (a renamed sector...)."""
        return {name: {key: text for key, text in entries if text} for name, entries in self.terms.items()}

    def keys(self, vocabulary: str) -> list[str]:
        """The keys of one vocabulary, in the workspace's order."""
        return [key for key, _ in self.terms.get(vocabulary, [])]

    def term_label(self, vocabulary: str) -> Callable[[str | None], str]:
        """A ``format_func`` that names a vocabulary's key as the workspace calls it."""
        names = self.custom.get(vocabulary)
        return lambda key: label(vocabulary, key, names) if key else ""

    def cache_key(self) -> tuple[str, int, int]:
        """What a cached figure of this workspace depends on (every write bumps the revision)."""
        return (self.settings.database_url, self.workspace_id, self.revision)


def outside_app() -> bool:
    """A page file run without ``app.py`` (Streamlit's own page discovery): nothing is set up."""
    return "engine" not in st.session_state or "settings" not in st.session_state


def acting_unset() -> bool:
    """No one acts on this run: ``app.py`` sets the person at the top of every run, so a workspace
    page that finds nobody was run without it, although this session ran it before (Streamlit's
    legacy ``pages/`` mode runs ``pages/home.py`` alone, as AppTest does on every rerun of Inicio)."""
    return access.current() is access.NOBODY


def leave_unless_in_app() -> None:
    """Run ``app.py`` instead of a page file run on its own; every page calls it before anything else.

    Until ``app.py`` has called ``st.navigation`` once in this server process, Streamlit treats the
    ``pages/`` folder as a legacy multipage app: the first request for ``/settings`` on a fresh
    server runs ``pages/settings.py`` alone, with no sign-in and no store. Switching to ``app.py``
    runs its checks (and its ``st.navigation`` ends that mode for every session); when even that is
    impossible (the file run alone by a test), a plain message and a link home, never a traceback.
    """
    if outside_app():
        run_app_instead()


def run_app_instead() -> None:
    """Switch to ``app.py``; when it is not a known page, a plain message and a link home."""
    with contextlib.suppress(StreamlitAPIException):  # app.py is not among the known pages
        st.switch_page(APP)
    st.info(t("kit.outside_app"))
    st.markdown(f"[{t('kit.go_home')}](/)")  # no page is known here: a plain link to the app's root
    st.stop()


def page_context(title_key: str, *, needs_workspace: bool = True) -> PageContext | None:
    """Draw the page's title and return its context; stop the page with a plain message when it
    cannot run: opened outside the app, or no workspace chosen (``None`` only when
    ``needs_workspace`` is false and there is no workspace)."""
    leave_unless_in_app()
    if acting_unset():  # the sign-in and questionnaire pages, run with nobody acting, never get here
        run_app_instead()
    engine, settings = st.session_state["engine"], st.session_state["settings"]
    look.apply(settings.upload_limit_mb)  # Streamlit's own widget words in the reader's language
    st.title(t(title_key))
    workspace_id = st.session_state.get("workspace_id")
    if workspace_id is None:
        if needs_workspace:
            st.info(t("sidebar.no_workspace"))
            st.stop()
        return None
    return PageContext(
        engine=engine,
        settings=settings,
        workspace=get_workspace(engine, workspace_id),
        role=current_role(engine, workspace_id),
        lang=language(),
        today=clock.today(),
        terms=vocabulary_terms(engine, workspace_id),
    )


def show_notice(prefix: str) -> None:
    """What the last action did, kept across the rerun that followed it (see :func:`notify`)."""
    if message := st.session_state.pop(f"{prefix}_notice", None):
        st.success(message)


def notify(prefix: str, message: str) -> None:
    """Say ``message`` after the rerun that shows the saved data."""
    st.session_state[f"{prefix}_notice"] = message
    st.rerun()
