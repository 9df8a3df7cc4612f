"""The map's saved positions and chosen layout.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "map_positions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("layout", sa.String(40), nullable=False),
        sa.Column("x", sa.Float, nullable=False),
        sa.Column("y", sa.Float, nullable=False),
        sa.UniqueConstraint("workspace_id", "actor_id", "layout"),
    )
    op.create_index("ix_map_positions_workspace_id", "map_positions", ["workspace_id"])
    op.create_table(
        "map_settings",
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("layout", sa.String(40), nullable=False),
        sa.Column("saved_at", sa.DateTime),
    )


def downgrade() -> None:
    op.drop_table("map_settings")
    op.drop_table("map_positions")
