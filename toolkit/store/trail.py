"""Reading a workspace's audit trail (written by :mod:`toolkit.store.audit`), members only."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from toolkit.store import tables as t
from toolkit.store.workspaces import reading


def activity(engine: Engine, workspace_id: int, limit: int = 200, offset: int = 0) -> list[dict]:
    """The workspace's trail, newest first (members only)."""
    with reading(engine, workspace_id) as connection:
        rows = (
            connection.execute(
                select(t.audit_log)
                .where(t.audit_log.c.workspace_id == workspace_id)
                .order_by(t.audit_log.c.id.desc())
                .limit(limit)
                .offset(offset)
            )
            .mappings()
            .all()
        )
    return [dict(row) for row in rows]


def activity_count(engine: Engine, workspace_id: int) -> int:
    with reading(engine, workspace_id) as connection:
        return connection.execute(
            select(func.count()).select_from(t.audit_log).where(t.audit_log.c.workspace_id == workspace_id)
        ).scalar()
