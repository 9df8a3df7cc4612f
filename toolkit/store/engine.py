"""The engine from a URL, migrated to the latest schema on open."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """A use case refused: ``reason`` is a catalog key under ``errors.``, ``details`` fill it in."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


def default_url(environ: dict[str, str] | None = None) -> str:
    """``DATABASE_URL`` if set, else SQLite at ``data/toolkit.db`` under the project root."""
    environ = os.environ if environ is None else environ
    return environ.get("DATABASE_URL") or f"sqlite:///{PROJECT_ROOT / 'data' / 'toolkit.db'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")  # wait for a writer instead of "database is locked"
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def open_store(url: str | None = None) -> Engine:
    """An engine on ``url`` (default: :func:`default_url`) with the schema up to date."""
    url = url or default_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (an older database keeps its data)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
