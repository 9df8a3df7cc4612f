"""Configuration, read once from the environment and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass

from toolkit.spreadsheets.reading import ReadLimits
from toolkit.store.engine import default_url

ACCOUNT_MODES = ("off", "password", "sso")
CREATORS = ("operators", "owners")


def _whole(environ: dict[str, str], name: str, default: int) -> int:
    try:
        return max(1, int(environ.get(name, str(default))))
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    database_url: str
    upload_limit_mb: int = 20
    accounts: str = "off"  # off: one person, no sign-in; password: accounts here; sso: OpenID Connect
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    creators: str = "operators"  # who opens workspaces and accounts: the operator only, or owners too

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Settings:
        """``DATABASE_URL``, ``HOJA_UPLOAD_LIMIT_MB`` (default 20 MB), ``HOJA_ACCOUNTS`` (off, password or
        sso; default off), ``HOJA_SESSION_IDLE_MINUTES`` (30), ``HOJA_SESSION_MAX_HOURS`` (12) and ``HOJA_CREATORS``
        (operators: only the operator, on the command line, opens workspaces and accounts; owners:
        anyone who owns a workspace may too; default operators).

        An unknown ``HOJA_ACCOUNTS`` value asks for sign-in rather than opening the data to anyone;
        an unknown ``HOJA_CREATORS`` keeps creation to the operator.

        >>> Settings.from_environment({"HOJA_CREATORS": "Owners"}).creators
        'owners'
        >>> Settings.from_environment({"HOJA_CREATORS": "everyone"}).creators
        'operators'
        """
        environ = os.environ if environ is None else environ
        accounts = environ.get("HOJA_ACCOUNTS", "off").strip().lower() or "off"
        if accounts not in ACCOUNT_MODES:
            accounts = "password"
        return cls(
            database_url=default_url(environ),
            upload_limit_mb=_whole(environ, "HOJA_UPLOAD_LIMIT_MB", 20),
            accounts=accounts,
            session_idle_minutes=_whole(environ, "HOJA_SESSION_IDLE_MINUTES", 30),
            session_max_hours=_whole(environ, "HOJA_SESSION_MAX_HOURS", 12),
            creators=creators
            if (creators := environ.get("HOJA_CREATORS", "").strip().lower()) in CREATORS
            else "operators",
        )

    @property
    def read_limits(self) -> ReadLimits:
        return ReadLimits(max_bytes=self.upload_limit_mb * 1024 * 1024)
