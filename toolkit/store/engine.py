"""The engine from a URL, migrated to the latest schema on open."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text

from toolkit.store.audit import install

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = Path(__file__).parent / "migrations"
# how long a write waits for another one on the same data before giving up with "busy"
LOCK_WAIT_MS = 15_000
MIGRATION_LOCK = 7_412_023  # PostgreSQL advisory lock taken while migrating (any constant will do)
# reasons whose message is not under ``errors.`` (locales/<lang>/store.toml)
MESSAGE_KEYS = {
    "busy": "store.busy",
    # accounts, members and the bin (locales/<lang>/accounts.toml)
    **{
        reason: f"accounts.errors.{reason}"
        for reason in (
            "sign_in_failed",
            "sign_in_locked",
            "sso_unknown",
            "sso_unverified",
            "sso_other_identity",
            "username_invalid",
            "too_many_accounts",
            "username_required",
            "username_taken",
            "user_not_found",
            "password_too_short",
            "password_too_long",
            "wrong_password",
            "unknown_role",
            "last_owner",
            "bin_entry_gone",
        )
    },
    # the indicators of international action (locales/<lang>/indicators.toml)
    "indicator_name_required": "indicators.errors.name_required",
    "indicator_name_too_long": "indicators.errors.name_too_long",
    "indicator_dimension": "indicators.errors.dimension",
    "indicator_bad_automatic": "indicators.errors.bad_automatic",
    "indicator_bad_baseline": "indicators.errors.bad_baseline",
    "indicator_bad_target": "indicators.errors.bad_target",
    "indicator_bad_date": "indicators.errors.bad_date",
    "indicator_dates_reversed": "indicators.errors.dates_reversed",
    "indicator_bad_position": "indicators.errors.bad_position",
    "indicator_measured_on_required": "indicators.errors.measured_on_required",
    "indicator_bad_value": "indicators.errors.bad_value",
    "indicator_not_found": "indicators.errors.not_found",
    "indicator_measurement_not_found": "indicators.errors.measurement_not_found",
    # the roadmap's milestones (locales/<lang>/roadmap.toml)
    **{
        f"milestone_{reason}": f"roadmap.errors.{reason}"
        for reason in (
            "title_required",
            "title_too_long",
            "status",
            "phase",
            "dates",
            "owner_too_long",
            "text_too_long",
            "link_not_found",
            "consultation_not_found",
            "campaign_not_found",
        )
    },
    # the actor's whole story (locales/<lang>/engagement.toml)
    **{
        reason: f"engagement.errors.{reason}"
        for reason in (
            "interaction_kind",
            "interaction_date_required",
            "interaction_actors_required",
            "interaction_actor_not_found",
            "interaction_link_not_found",
            "interaction_not_found",
            "assessment_date_required",
            "relation_exists",
            "relation_dates",
        )
    },
}
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
# PostgreSQL: lock_timeout reached, deadlock detected, serialization failure
POSTGRES_BUSY = {"55P03", "40P01", "40001"}


class StoreError(Exception):
    """A use case refused: ``reason`` names why, ``details`` fill in the message at ``message_key``."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details

    @property
    def message_key(self) -> str:
        """The catalog key of the message for the user: ``errors.<reason>`` unless mapped in MESSAGE_KEYS.

        >>> StoreError("name_taken", name="Quito").message_key, StoreError("busy").message_key
        ('errors.name_taken', 'store.busy')
        """
        return MESSAGE_KEYS.get(self.reason, f"errors.{self.reason}")


def default_url(environ: dict[str, str] | None = None) -> str:
    """``DATABASE_URL`` if set, else SQLite at ``data/toolkit.db`` under the project root."""
    environ = os.environ if environ is None else environ
    return environ.get("DATABASE_URL") or f"sqlite:///{PROJECT_ROOT / 'data' / 'toolkit.db'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")  # wait for a writer instead of "database is locked"
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _busy_is_a_plain_refusal(context) -> None:
    """A write that waited too long for another (or a deadlock) becomes ``StoreError("busy")``.

    Nobody sees "database is locked" or a driver's message; nothing was written, the use case's
    transaction is rolled back, and the person can simply try again.
    """
    error = context.original_exception
    sqlite_code = getattr(error, "sqlite_errorcode", None)
    if (sqlite_code is not None and sqlite_code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)) or getattr(
        error, "sqlstate", None
    ) in POSTGRES_BUSY:
        raise StoreError("busy") from context.sqlalchemy_exception


def open_store(url: str | None = None) -> Engine:
    """An engine on ``url`` (default: :func:`default_url`) with the schema up to date.

    The same store code runs on SQLite (one file, one writer at a time) and PostgreSQL (several
    app instances): writers to a workspace queue behind each other for up to ``LOCK_WAIT_MS``,
    then get ``StoreError("busy")``.
    """
    url = url or default_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, object] = {}
    if url.startswith("postgresql"):
        options["connect_args"] = {"options": f"-c lock_timeout={LOCK_WAIT_MS}"}
    engine = create_engine(url, pool_pre_ping=True, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "handle_error", _busy_is_a_plain_refusal)
    migrate(engine)
    install(engine)  # the trail's tables exist once migrated
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (an older database keeps its data).

    Several instances starting at once on one database migrate one after the other: the
    later ones find the schema up to date.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # SQLite rebuilds a table to alter it: dropping the old one must not cascade to its children
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if sqlite:  # take the write lock before reading the schema version
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                else:
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("a migration left rows pointing to nothing; the database was not changed")
        finally:
            if sqlite:
                _foreign_keys(connection, on=True)


def _foreign_keys(connection, on: bool) -> None:
    """Switch SQLite's foreign keys outside any transaction (inside one the pragma does nothing)."""
    connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    connection.commit()
