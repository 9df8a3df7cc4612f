"""Configuration, read once from the environment and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass

from toolkit.spreadsheets.reading import ReadLimits
from toolkit.store.engine import default_url


@dataclass(frozen=True)
class Settings:
    database_url: str
    upload_limit_mb: int = 20

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Settings:
        """``DATABASE_URL`` and ``HOJA_UPLOAD_LIMIT_MB`` (default 20 MB)."""
        environ = os.environ if environ is None else environ
        try:
            limit = max(1, int(environ.get("HOJA_UPLOAD_LIMIT_MB", "20")))
        except ValueError:
            limit = 20
        return cls(database_url=default_url(environ), upload_limit_mb=limit)

    @property
    def read_limits(self) -> ReadLimits:
        return ReadLimits(max_bytes=self.upload_limit_mb * 1024 * 1024)
