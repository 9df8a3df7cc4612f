"""Persistence: SQLAlchemy 2 over SQLite or PostgreSQL, one function per use case."""

from toolkit.store import strategy_tables  # noqa: F401  the strategy analysis' tables join the metadata
from toolkit.store.engine import StoreError, default_url, open_store

__all__ = ["StoreError", "default_url", "open_store"]
