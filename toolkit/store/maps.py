"""The map's saved layout: positions per actor, and which layout the workspace shows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, insert, select

from toolkit import clock
from toolkit.store.engine import StoreError
from toolkit.store.tables import actors, map_positions, map_settings
from toolkit.store.workspaces import reading, require_role

LAYOUTS = ("force", "sectors", "scales")


def saved_layout(engine: Engine, workspace_id: int) -> tuple[str, dict[int, tuple[float, float]], datetime | None]:
    """The layout the workspace's map shows, its saved positions (may be empty) and when they were saved."""
    with reading(engine, workspace_id) as connection:
        setting = connection.execute(
            select(map_settings.c.layout, map_settings.c.saved_at).where(map_settings.c.workspace_id == workspace_id)
        ).first()
        layout = setting.layout if setting else "force"
        rows = connection.execute(
            select(map_positions.c.actor_id, map_positions.c.x, map_positions.c.y).where(
                map_positions.c.workspace_id == workspace_id, map_positions.c.layout == layout
            )
        ).all()
    return layout, {row.actor_id: (row.x, row.y) for row in rows}, setting.saved_at if setting else None


def layout_setting(engine: Engine, workspace_id: int) -> tuple[str, datetime | None]:
    """The layout the workspace's map shows and when its positions were saved (``None``: never),
    without reading the positions (a page asks on every rerun; saving does not bump the revision)."""
    with reading(engine, workspace_id) as connection:
        setting = connection.execute(
            select(map_settings.c.layout, map_settings.c.saved_at).where(map_settings.c.workspace_id == workspace_id)
        ).first()
    return (setting.layout, setting.saved_at) if setting else ("force", None)


def save_layout(engine: Engine, workspace_id: int, layout: str, positions: dict[int, tuple[float, float]]) -> int:
    """Make ``layout`` the workspace's map and keep these positions for it; returns how many were saved.

    Saving does not bump the workspace revision: positions are how the map looks, not data.
    """
    if layout not in LAYOUTS:
        raise StoreError("unknown_layout")
    with engine.begin() as connection:
        require_role(connection, workspace_id, "editor")
        known = set(connection.execute(select(actors.c.id).where(actors.c.workspace_id == workspace_id)).scalars())
        rows = [
            {"workspace_id": workspace_id, "actor_id": actor_id, "layout": layout, "x": float(x), "y": float(y)}
            for actor_id, (x, y) in positions.items()
            if actor_id in known
        ]
        connection.execute(
            delete(map_positions).where(map_positions.c.workspace_id == workspace_id, map_positions.c.layout == layout)
        )
        if rows:
            connection.execute(insert(map_positions), rows)
        connection.execute(delete(map_settings).where(map_settings.c.workspace_id == workspace_id))
        connection.execute(insert(map_settings).values(workspace_id=workspace_id, layout=layout, saved_at=clock.now()))
    return len(rows)
