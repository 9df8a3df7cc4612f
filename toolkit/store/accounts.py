"""Accounts (off by default): people, their sign-in, and their role in each workspace.

Passwords are hashed with Argon2 (argon2-cffi); sign-in is rate-limited per account across every
app instance (the attempts are in the database); the members of a workspace are managed by its
owners. Who may do what is checked in ``toolkit.store.workspaces`` (``reading``,
``lock_workspace``), for every use case.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from toolkit import access, clock
from toolkit.domain import ROLES
from toolkit.store.engine import StoreError
from toolkit.store.tables import memberships, sign_in_attempts, users
from toolkit.store.workspaces import may_create, reading, writing

MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_USERNAME = 200
# sign-in: this many failures for one account within the window lock it for the rest of the window
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
# one client address trying one password on many accounts: this many failures within the window
# lock that address out of every account for the rest of the window
MAX_CLIENT_FAILURES = 20
# when Streamlit gives no address (a local connection or one behind a proxy on the same host):
# this many failures per minute from such clients, whatever the account, make everyone wait a minute
MAX_FAILURES_PER_MINUTE = 30
# an owner opening accounts (HOJA_CREATORS=owners) opens at most this many a day
MAX_ACCOUNTS_PER_DAY = 20
# PostgreSQL advisory lock taken while a sign-in attempt is counted (any constant will do)
SIGN_IN_LOCK = 7_412_024
_hasher = PasswordHasher()
# verified against when the account does not exist, so a wrong name takes as long as a wrong password
_DUMMY_HASH = _hasher.hash("not a password anybody has")


@dataclass(frozen=True)
class Member:
    user_id: int
    username: str
    display_name: str
    role: str


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def clean_username(username: str) -> str:
    """Accounts are named without surrounding spaces and case-insensitively for A to Z only: other
    letters are kept exactly as written, so no two different names fold together (Python's
    ``lower()`` turns the Kelvin sign K, U+212A, into a plain k; NFKC too).

    >>> clean_username("  Ana.Garcia@Medellin.gov.co ")
    'ana.garcia@medellin.gov.co'
    >>> clean_username("\u212aaren@x.org") == "karen@x.org"
    False
    """
    name = " ".join(str(username or "").split()).translate(_ASCII_LOWER)
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


def _opened_today(connection: Connection, user_id: int) -> int:
    since = clock.now() - timedelta(days=1)
    return connection.execute(
        select(func.count()).select_from(users).where(users.c.created_by == user_id, users.c.created_at > since)
    ).scalar()


def create_user(engine: Engine, username: str, password: str | None, display_name: str = "") -> int:
    """Open an account; ``password`` None for one that signs in through single sign-on only.

    The operator may always; an owner only with ``HOJA_CREATORS=owners`` (see ``may_create``), and
    at most ``MAX_ACCOUNTS_PER_DAY`` a day. A name whose NFKC form differs from itself (the Kelvin
    sign, full-width letters...) is refused: it would look like another account's.
    """
    username = clean_username(username)
    if unicodedata.normalize("NFKC", username) != username:
        raise StoreError("username_invalid", name=username)
    hashed = _hasher.hash(_check_password(password)) if password is not None else None
    display_name = " ".join(str(display_name or "").split())[:MAX_USERNAME]
    person = access.current()
    try:
        with engine.begin() as connection:
            if not may_create(connection):
                raise StoreError("not_allowed")
            if not person.unrestricted and _opened_today(connection, person.user_id) >= MAX_ACCOUNTS_PER_DAY:
                raise StoreError("too_many_accounts", limit=MAX_ACCOUNTS_PER_DAY)
            if connection.execute(select(users.c.id).where(users.c.username == username)).first():
                raise StoreError("username_taken", name=username)
            return connection.execute(
                insert(users).values(
                    username=username,
                    display_name=display_name,
                    password_hash=hashed,
                    active=True,
                    created_by=person.user_id,
                    created_at=clock.now(),
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
        if person.unrestricted:  # the operator's new password lifts a sign-in lock
            connection.execute(delete(sign_in_attempts).where(sign_in_attempts.c.username == username))


def set_active(engine: Engine, username: str, active: bool, now: datetime | None = None) -> None:
    """Deactivate an account (it cannot sign in, by password or single sign-on, and its open
    sessions end at their next rerun) or activate it again; the operator only (command line)."""
    username = clean_username(username)
    if not access.current().unrestricted:
        raise StoreError("not_allowed")
    values = {"active": active} if active else {"active": False, "sessions_ended_at": now or clock.now()}
    with engine.begin() as connection:
        done = connection.execute(update(users).where(users.c.username == username).values(**values))
    if not done.rowcount:
        raise StoreError("user_not_found", name=username)


def end_sessions(engine: Engine, user_id: int, now: datetime | None = None) -> None:
    """Sign-out: every open session of the account (every tab, every browser) ends at its next
    rerun, and no identity token issued before now starts a new one."""
    with engine.begin() as connection:
        connection.execute(update(users).where(users.c.id == user_id).values(sessions_ended_at=now or clock.now()))


def session_valid(engine: Engine, person: access.Person, signed_in_at: datetime) -> bool:
    """Whether a session that began at ``signed_in_at`` still counts: the account is active and
    its sessions were not ended (sign-out elsewhere, deactivation) since. Checked at every rerun."""
    with engine.connect() as connection:
        row = connection.execute(
            select(users.c.active, users.c.sessions_ended_at).where(users.c.id == person.user_id)
        ).first()
    return row is not None and row.active and (row.sessions_ended_at is None or signed_in_at >= row.sessions_ended_at)


def _verifies(hashed: str | None, password: str) -> bool:
    try:
        return _hasher.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def _serialised(connection: Connection) -> None:
    """Queue sign-in attempts behind each other while one is counted: PostgreSQL takes an advisory
    lock for the transaction; on SQLite the first write (the attempt's row) takes the database's
    write lock at once (``BEGIN IMMEDIATE`` semantics), so the count read after it is exact."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SIGN_IN_LOCK})


def _minutes_left(latest: datetime, window: timedelta, now: datetime) -> int:
    return max(1, -(-int((latest + window - now).total_seconds()) // 60))


def _reserve_attempt(connection: Connection, username: str, client: str | None, now: datetime) -> int:
    """Record the attempt as failed before the password is checked and count it with the earlier
    ones (serialised, so parallel attempts cannot all pass the count); refuse when over a limit
    (the transaction is then rolled back, so a refused attempt does not lengthen the lock)."""
    _serialised(connection)
    attempt = connection.execute(
        insert(sign_in_attempts).values(username=username, at=now, succeeded=False, client=client)
    ).inserted_primary_key[0]
    # old attempts, for accounts that exist or not, are not kept
    connection.execute(delete(sign_in_attempts).where(sign_in_attempts.c.at <= now - FAILURE_WINDOW))
    failed = sign_in_attempts.c.succeeded.is_(False)
    for condition, limit, window in (
        (sign_in_attempts.c.username == username, MAX_FAILURES, FAILURE_WINDOW),
        (
            (sign_in_attempts.c.client == client, MAX_CLIENT_FAILURES, FAILURE_WINDOW)
            if client
            else (sign_in_attempts.c.client.is_(None), MAX_FAILURES_PER_MINUTE, timedelta(minutes=1))
        ),
    ):
        count, latest = connection.execute(
            select(func.count(), func.max(sign_in_attempts.c.at)).where(
                condition, failed, sign_in_attempts.c.at > now - window, sign_in_attempts.c.id != attempt
            )
        ).one()
        if count >= limit:
            raise StoreError("sign_in_locked", minutes=_minutes_left(latest, window, now))
    return attempt


def sign_in(
    engine: Engine, username: str, password: str, now: datetime | None = None, client: str | None = None
) -> access.Person:
    """The person behind a username and password, or ``StoreError``: ``sign_in_failed`` (one message
    for a wrong name, a wrong password and a deactivated account, so names cannot be guessed) or
    ``sign_in_locked``: after ``MAX_FAILURES`` failures for the account within ``FAILURE_WINDOW``,
    ``MAX_CLIENT_FAILURES`` from the client address ``client`` (any account), or, for clients
    without an address, ``MAX_FAILURES_PER_MINUTE`` in the last minute. Counted across instances in
    the database, and serialised: of parallel attempts, at most the limit get their password
    checked. A success clears the account's earlier failures.
    """
    now = now or clock.now()
    try:
        username = clean_username(username)
    except StoreError as error:
        raise StoreError("sign_in_failed") from error
    client = (client or "")[:64] or None
    with engine.begin() as connection:
        attempt = _reserve_attempt(connection, username, client, now)
    with engine.connect() as connection:  # the slow hash is checked outside the lock
        row = connection.execute(select(users).where(users.c.username == username)).first()
    ok = _verifies(row.password_hash if row is not None else None, password or "") and row.active
    if not ok:
        raise StoreError("sign_in_failed")
    with engine.begin() as connection:  # a success clears the count
        connection.execute(
            delete(sign_in_attempts).where(
                or_(sign_in_attempts.c.username == username, sign_in_attempts.c.id == attempt)
            )
        )
    return access.Person(row.id, row.username, row.display_name)


def _verified(claims: dict) -> bool:
    return claims.get("email_verified") in (True, "true", "True")


def person_for_sso(engine: Engine, claims: dict) -> access.Person:
    """The account of someone the organisation's identity provider signed in, from the identity's
    claims (``st.user``): ``iss``, ``sub``, ``email``, ``email_verified``.

    An account is bound to the provider's subject (issuer and ``sub``) at its first sign-in and
    matched by it from then on; a different subject with the same e-mail is refused
    (``sso_other_identity``). The first time, the e-mail must be verified by the provider and match
    the username exactly (A to Z case aside, :func:`clean_username`); an address whose NFKC form
    differs from itself (the Kelvin sign for k, full-width letters) is refused outright, so no
    look-alike address reaches another account. A deactivated account is refused.
    """
    issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
    email = " ".join(str(claims.get("email") or "").split())
    shown = email or subject
    if not issuer or not subject:
        raise StoreError("sso_unknown", name=shown)
    with engine.begin() as connection:
        row = connection.execute(
            select(users).where(users.c.sso_issuer == issuer, users.c.sso_subject == subject)
        ).first()
        if row is None:
            if not _verified(claims):
                raise StoreError("sso_unverified", name=shown)
            if not email or unicodedata.normalize("NFKC", email) != email:
                raise StoreError("sso_unknown", name=shown)
            row = connection.execute(select(users).where(users.c.username == clean_username(email))).first()
            if row is None:
                raise StoreError("sso_unknown", name=shown)
            if row.sso_subject is not None:  # bound to another identity of the provider
                raise StoreError("sso_other_identity", name=shown)
            if row.active:
                connection.execute(
                    update(users).where(users.c.id == row.id).values(sso_issuer=issuer, sso_subject=subject)
                )
    if not row.active:
        raise StoreError("sso_unknown", name=shown)
    return access.Person(row.id, row.username, row.display_name)


def identity_ended_at(engine: Engine, claims: dict) -> datetime | None:
    """When the sessions of the account bound to this identity were last ended (None: never, or
    no account bound yet), for ``access.identity_fresh``."""
    with engine.connect() as connection:
        return connection.execute(
            select(users.c.sessions_ended_at).where(
                users.c.sso_issuer == str(claims.get("iss") or ""), users.c.sso_subject == str(claims.get("sub") or "")
            )
        ).scalar()


def list_users(engine: Engine) -> list[tuple[int, str, str]]:
    """(id, username, display name) of every account: the operator's only (command line); owners
    add members by exact username and see no list of the server's accounts."""
    if not access.current().unrestricted:
        raise StoreError("not_allowed")
    with engine.connect() as connection:
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
    """Give an account a role in the workspace (adding it as a member if it was not); owners only,
    by the account's exact username.

    An owner is not told whether an account exists: an unknown name changes nothing and answers
    like a success (the page says "if an account ... exists, it now has ..."). The operator (command
    line) is told ``user_not_found``. A workspace always keeps at least one owner.
    """
    if role not in ROLES:
        raise StoreError("unknown_role")
    username = clean_username(username)
    with writing(engine, workspace_id, "owner") as connection:
        user_id = connection.execute(select(users.c.id).where(users.c.username == username)).scalar()
        if user_id is None:
            if access.current().unrestricted:
                raise StoreError("user_not_found", name=username)
            return
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
