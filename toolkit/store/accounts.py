"""Accounts (off by default): people, their sign-in, and their role in each workspace.

Passwords are hashed with Argon2 (argon2-cffi); sign-in is rate-limited per account across every
app instance (the attempts are in the database); the members of a workspace are managed by its
owners. Who may do what is checked in ``toolkit.store.workspaces`` (``reading``,
``lock_workspace``), for every use case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from toolkit import access, clock
from toolkit.domain import ROLES
from toolkit.store.engine import StoreError
from toolkit.store.tables import memberships, sign_in_attempts, users
from toolkit.store.workspaces import reading, writing

MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_USERNAME = 200
# sign-in: this many failures for one account within the window lock it for the rest of the window
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
_hasher = PasswordHasher()
# verified against when the account does not exist, so a wrong name takes as long as a wrong password
_DUMMY_HASH = _hasher.hash("not a password anybody has")


@dataclass(frozen=True)
class Member:
    user_id: int
    username: str
    display_name: str
    role: str


def clean_username(username: str) -> str:
    """Accounts are named case-insensitively, without surrounding spaces.

    >>> clean_username("  Ana.Garcia@Medellin.gov.co ")
    'ana.garcia@medellin.gov.co'
    """
    name = " ".join(str(username or "").split()).lower()
    if not name:
        raise StoreError("username_required")
    if len(name) > MAX_USERNAME:
        raise StoreError("name_too_long", limit=MAX_USERNAME)
    return name


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise StoreError("password_too_short", minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise StoreError("password_too_long", limit=MAX_PASSWORD)
    return password


def _may_create_accounts(connection: Connection) -> bool:
    """The operator (command line) and anyone who owns a workspace may open accounts for others."""
    person = access.current()
    if person.unrestricted:
        return True
    return (
        connection.execute(
            select(memberships.c.id).where(memberships.c.user_id == person.user_id, memberships.c.role == "owner")
        ).first()
        is not None
    )


def create_user(engine: Engine, username: str, password: str | None, display_name: str = "") -> int:
    """Open an account; ``password`` None for one that signs in through single sign-on only."""
    username = clean_username(username)
    hashed = _hasher.hash(_check_password(password)) if password is not None else None
    display_name = " ".join(str(display_name or "").split())[:MAX_USERNAME]
    try:
        with engine.begin() as connection:
            if not _may_create_accounts(connection):
                raise StoreError("not_allowed")
            if connection.execute(select(users.c.id).where(users.c.username == username)).first():
                raise StoreError("username_taken", name=username)
            return connection.execute(
                insert(users).values(
                    username=username,
                    display_name=display_name,
                    password_hash=hashed,
                    active=True,
                )
            ).inserted_primary_key[0]
    except IntegrityError as error:  # created by someone else in between
        raise StoreError("username_taken", name=username) from error


def set_password(engine: Engine, username: str, new_password: str, current_password: str | None = None) -> None:
    """Change a password: one's own (giving the current one), or anyone's from the command line."""
    username = clean_username(username)
    _check_password(new_password)
    person = access.current()
    with engine.begin() as connection:
        row = connection.execute(select(users).where(users.c.username == username)).first()
        if row is None:
            raise StoreError("user_not_found", name=username)
        if not person.unrestricted:
            if person.user_id != row.id:
                raise StoreError("not_allowed")
            if not _verifies(row.password_hash, current_password or ""):
                raise StoreError("wrong_password")
        connection.execute(update(users).where(users.c.id == row.id).values(password_hash=_hasher.hash(new_password)))


def _verifies(hashed: str | None, password: str) -> bool:
    try:
        return _hasher.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def sign_in(engine: Engine, username: str, password: str, now: datetime | None = None) -> access.Person:
    """The person behind a username and password, or ``StoreError``: ``sign_in_failed`` (one message
    for a wrong name and a wrong password, so names cannot be guessed) or ``sign_in_locked`` after
    ``MAX_FAILURES`` failures within ``FAILURE_WINDOW`` (counted across instances, in the database).
    """
    now = now or clock.now()
    try:
        username = clean_username(username)
    except StoreError as error:
        raise StoreError("sign_in_failed") from error
    with engine.begin() as connection:
        failures = connection.execute(
            select(func.count(), func.max(sign_in_attempts.c.at)).where(
                sign_in_attempts.c.username == username,
                sign_in_attempts.c.succeeded.is_(False),
                sign_in_attempts.c.at > now - FAILURE_WINDOW,
            )
        ).one()
        if failures[0] >= MAX_FAILURES:
            wait = failures[1] + FAILURE_WINDOW - now
            raise StoreError("sign_in_locked", minutes=max(1, -(-int(wait.total_seconds()) // 60)))
        row = connection.execute(select(users).where(users.c.username == username)).first()
        ok = _verifies(row.password_hash if row is not None else None, password or "") and row.active
        connection.execute(insert(sign_in_attempts).values(username=username, at=now, succeeded=ok))
        if ok:  # a success clears the count; old attempts are not kept
            connection.execute(
                delete(sign_in_attempts).where(
                    sign_in_attempts.c.username == username, sign_in_attempts.c.at < now - FAILURE_WINDOW
                )
            )
    if not ok:
        raise StoreError("sign_in_failed")
    return access.Person(row.id, row.username, row.display_name)


def person_for_sso(engine: Engine, email: str) -> access.Person:
    """The account of someone the organisation's identity provider signed in (matched by e-mail)."""
    username = clean_username(email)
    with engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.username == username)).first()
    if row is None or not row.active:
        raise StoreError("sso_unknown", name=username)
    return access.Person(row.id, row.username, row.display_name)


def list_users(engine: Engine) -> list[tuple[int, str, str]]:
    """(id, username, display name) of every account, for the operator and for owners adding members."""
    with engine.connect() as connection:
        if not _may_create_accounts(connection):
            raise StoreError("not_allowed")
        rows = connection.execute(
            select(users.c.id, users.c.username, users.c.display_name).order_by(users.c.username)
        ).all()
    return [(row.id, row.username, row.display_name) for row in rows]


# -- members of a workspace ---------------------------------------------------------------------


def list_members(engine: Engine, workspace_id: int) -> list[Member]:
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(users.c.id, users.c.username, users.c.display_name, memberships.c.role)
            .join(memberships, memberships.c.user_id == users.c.id)
            .where(memberships.c.workspace_id == workspace_id)
            .order_by(users.c.username)
        ).all()
    return [Member(row.id, row.username, row.display_name, row.role) for row in rows]


def _owners(connection: Connection, workspace_id: int) -> int:
    return connection.execute(
        select(func.count())
        .select_from(memberships)
        .where(memberships.c.workspace_id == workspace_id, memberships.c.role == "owner")
    ).scalar()


def set_member(engine: Engine, workspace_id: int, username: str, role: str) -> None:
    """Give an account a role in the workspace (adding it as a member if it was not); owners only.

    A workspace always keeps at least one owner.
    """
    if role not in ROLES:
        raise StoreError("unknown_role")
    username = clean_username(username)
    with writing(engine, workspace_id, "owner") as connection:
        user_id = connection.execute(select(users.c.id).where(users.c.username == username)).scalar()
        if user_id is None:
            raise StoreError("user_not_found", name=username)
        current = connection.execute(
            select(memberships.c.role).where(
                memberships.c.workspace_id == workspace_id, memberships.c.user_id == user_id
            )
        ).scalar()
        if current is None:
            connection.execute(insert(memberships).values(workspace_id=workspace_id, user_id=user_id, role=role))
            return
        connection.execute(
            update(memberships)
            .where(memberships.c.workspace_id == workspace_id, memberships.c.user_id == user_id)
            .values(role=role)
        )
        if current == "owner" and _owners(connection, workspace_id) == 0:
            raise StoreError("last_owner")


def remove_member(engine: Engine, workspace_id: int, username: str) -> None:
    """Take an account out of the workspace; owners only, and never its last owner."""
    username = clean_username(username)
    with writing(engine, workspace_id, "owner") as connection:
        user_id = connection.execute(select(users.c.id).where(users.c.username == username)).scalar()
        done = connection.execute(
            delete(memberships).where(memberships.c.workspace_id == workspace_id, memberships.c.user_id == user_id)
        )
        if not done.rowcount:
            raise StoreError("user_not_found", name=username)
        if _owners(connection, workspace_id) == 0:
            raise StoreError("last_owner")
