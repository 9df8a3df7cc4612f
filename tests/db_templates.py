"""Copying a test database from a template built once per session (see ``tests/conftest.py``)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def copy_sqlite(source: Path, target: Path) -> None:
    """A whole SQLite database copied through SQLite's backup API (its write-ahead log included)."""
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)
