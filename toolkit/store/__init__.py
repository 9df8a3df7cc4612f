"""Persistence: SQLAlchemy 2 over SQLite or PostgreSQL, one function per use case."""

from toolkit.store.engine import StoreError, default_url, open_store

__all__ = ["StoreError", "default_url", "open_store"]
