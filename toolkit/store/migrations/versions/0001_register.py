"""Workspaces, vocabularies, actors and relations.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("city", sa.String(200), nullable=False),
        sa.Column("country", sa.String(200), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "vocab_terms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("vocabulary", sa.String(40), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("label", sa.String(200)),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("workspace_id", "vocabulary", "key"),
    )
    op.create_index("ix_vocab_terms_workspace_id", "vocab_terms", ["workspace_id"])
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("acronym", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("sector", sa.String(80)),
        sa.Column("scale", sa.String(80)),
        sa.Column("country", sa.String(120), nullable=False),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("influence", sa.Integer),
        sa.Column("interest", sa.Integer),
        sa.Column("stance", sa.Integer),
        sa.Column("themes", sa.JSON, nullable=False),
        sa.Column("dimensions", sa.JSON, nullable=False),
        sa.Column("contact_name", sa.String(300), nullable=False),
        sa.Column("contact_role", sa.String(300), nullable=False),
        sa.Column("email", sa.String(300), nullable=False),
        sa.Column("phone", sa.String(80), nullable=False),
        sa.Column("consent", sa.String(10), nullable=False),
        sa.Column("consent_date", sa.Date),
        sa.Column("consent_source", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("custom", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_actors_workspace_id", "actors", ["workspace_id"])
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("target_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type", sa.String(80), nullable=False),
        sa.Column("strength", sa.Integer, nullable=False),
        sa.Column("directed", sa.Boolean, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    for column in ("workspace_id", "source_id", "target_id"):
        op.create_index(f"ix_relations_{column}", "relations", [column])


def downgrade() -> None:
    for table in ("relations", "actors", "vocab_terms", "workspaces"):
        op.drop_table(table)
