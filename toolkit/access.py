"""Who is acting: the person signed in, or the local user of a single-user install.

Accounts are off by default (one person on a laptop): the app then runs everything as
:data:`LOCAL`, who may do anything, and so does the command line, which is the server operator's
tool; each says so with :func:`set_current` or :func:`acting_as`. Until someone is set, the one
acting is :data:`NOBODY`, whom every use case refuses. When accounts are on, the app sets the
signed-in person with :func:`set_current` for each page run, and every use case in
``toolkit.store`` checks that person's role in the workspace it touches: a viewer reads and
exports, an editor changes, an owner also manages members.

The person lives in a context variable of the thread that runs the page. A Streamlit fragment
reruns without ``app.py``: a page that ever uses one must call :func:`set_current` with
``st.session_state["person"]`` at the top of the fragment (the app has none today).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

RANK = {"viewer": 1, "editor": 2, "owner": 3}


@dataclass(frozen=True)
class Person:
    """Someone acting on the store: ``user_id`` None means the local, unrestricted user."""

    user_id: int | None
    username: str
    display_name: str = ""
    # the server lets owners open workspaces and accounts (HOJA_CREATORS=owners); the app sets it
    creates: bool = False

    @property
    def unrestricted(self) -> bool:
        return self.user_id is None

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


LOCAL = Person(None, "")
# who acts when no one was set (a new thread, a run that forgot to): a member of no workspace and
# no operator, so every use case refuses; the operator's tools set LOCAL themselves
NOBODY = Person(-1, "")
_acting: ContextVar[Person] = ContextVar("acting", default=NOBODY)


def current() -> Person:
    """The person the running use case acts for."""
    return _acting.get()


def set_current(person: Person) -> None:
    """Act as ``person`` from now on in this thread (the app calls it at the top of every run)."""
    _acting.set(person)


@contextmanager
def acting_as(person: Person):
    """Run the block as ``person`` (tests, scripts)."""
    token = _acting.set(person)
    try:
        yield person
    finally:
        _acting.reset(token)


def allows(role: str | None, needed: str) -> bool:
    """Whether a member with ``role`` may do what needs ``needed``.

    >>> allows("editor", "viewer"), allows("viewer", "editor"), allows(None, "viewer")
    (True, False, False)
    """
    return role is not None and RANK.get(role, 0) >= RANK[needed]


def session_expired(
    signed_in_at: datetime, last_seen: datetime, now: datetime, idle_minutes: int, max_hours: int
) -> bool:
    """Whether a signed-in session has ended: idle too long, or open too long in all.

    >>> from datetime import datetime as d
    >>> session_expired(d(2026, 1, 1, 8), d(2026, 1, 1, 9), d(2026, 1, 1, 9, 20), 30, 12)
    False
    >>> session_expired(d(2026, 1, 1, 8), d(2026, 1, 1, 9), d(2026, 1, 1, 9, 31), 30, 12)
    True
    >>> session_expired(d(2026, 1, 1, 8), d(2026, 1, 1, 20, 1), d(2026, 1, 1, 20, 2), 30, 12)
    True
    """
    return now - last_seen > timedelta(minutes=idle_minutes) or now - signed_in_at > timedelta(hours=max_hours)


def identity_fresh(issued_at: datetime | None, ended_at: datetime | None, now: datetime, max_hours: int) -> bool:
    """Whether an identity from the organisation's provider (its token issued at ``issued_at``) may
    start a session: issued within the last ``max_hours`` and after the account's sessions were
    last ended (``ended_at``: sign-out, deactivation). Streamlit keeps the identity in a 30-day
    cookie; without this, an expired session would start again at once from it.

    >>> from datetime import datetime as d
    >>> identity_fresh(d(2026, 1, 1, 8), None, d(2026, 1, 1, 19), 12)
    True
    >>> identity_fresh(d(2026, 1, 1, 8), None, d(2026, 1, 1, 20, 1), 12)
    False
    >>> identity_fresh(d(2026, 1, 1, 8), d(2026, 1, 1, 9), d(2026, 1, 1, 10), 12)
    False
    >>> identity_fresh(None, None, d(2026, 1, 1, 10), 12)
    False
    """
    if issued_at is None or now - issued_at > timedelta(hours=max_hours):
        return False
    return ended_at is None or issued_at >= ended_at
