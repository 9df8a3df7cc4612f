"""Saved views of the actor map and stories (issue 15).

A saved view keeps what the map page showed (colouring, size, filters, focus, layout and its
positions, the day it was drawn as of) under a title and a note; a story is an ordered list of
slides (a saved view, the power-interest grid, key figures, indicators, a text) that presentation
mode steps through and that exports to an offline HTML deck and a PowerPoint deck.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "map_views",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("spec", sa.JSON, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_map_views_workspace_id", "map_views", ["workspace_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("is_default", sa.Boolean, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_stories_workspace_id", "stories", ["workspace_id"])
    op.create_table(
        "story_slides",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("view_id", sa.Integer, sa.ForeignKey("map_views.id", ondelete="CASCADE")),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_story_slides_workspace_id", "story_slides", ["workspace_id"])
    op.create_index("ix_story_slides_story_id", "story_slides", ["story_id"])
    op.create_index("ix_story_slides_view_id", "story_slides", ["view_id"])


def downgrade() -> None:
    for table in ("story_slides", "stories", "map_views"):
        op.drop_table(table)
