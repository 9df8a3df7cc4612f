"""Audiences and campaigns: segments and their hand adjustments, campaigns, activities, KPIs.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "audiences",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("rule", sa.JSON, nullable=False),
        sa.Column("estimated_size", sa.Integer),
        sa.Column("influence", sa.Integer),
        sa.Column("interest", sa.Integer),
        sa.Column("knowledge", sa.Text, nullable=False),
        sa.Column("attitude", sa.Text, nullable=False),
        sa.Column("needs", sa.Text, nullable=False),
        sa.Column("barriers", sa.Text, nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("messages", sa.JSON, nullable=False),
        sa.Column("channels", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    _indexes("audiences", "workspace_id")
    op.create_table(
        "audience_members",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("audience_id", sa.Integer, sa.ForeignKey("audiences.id", ondelete="CASCADE"), nullable=False),
        # deleting an actor takes it out of every segment
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("included", sa.Boolean, nullable=False),
        sa.UniqueConstraint("audience_id", "actor_id"),
    )
    _indexes("audience_members", "workspace_id", "audience_id", "actor_id")
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("objective", sa.Text, nullable=False),
        sa.Column("messages", sa.JSON, nullable=False),
        sa.Column("channels", sa.JSON, nullable=False),
        sa.Column("starts_on", sa.Date),
        sa.Column("ends_on", sa.Date),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("budget", sa.Float),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    _indexes("campaigns", "workspace_id")
    op.create_table(
        "campaign_audiences",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
        sa.Column("audience_id", sa.Integer, sa.ForeignKey("audiences.id", ondelete="CASCADE"), nullable=False),
        sa.UniqueConstraint("campaign_id", "audience_id"),
    )
    _indexes("campaign_audiences", "workspace_id", "campaign_id", "audience_id")
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("channel", sa.String(80)),
        sa.Column("due_on", sa.Date),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("cost", sa.Float),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    _indexes("activities", "workspace_id", "campaign_id")
    op.create_table(
        "kpis",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("baseline", sa.Float, nullable=False),
        sa.Column("target", sa.Float, nullable=False),
        sa.Column("aggregation", sa.String(10), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    _indexes("kpis", "workspace_id", "campaign_id")
    op.create_table(
        "kpi_measurements",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("kpi_id", sa.Integer, sa.ForeignKey("kpis.id", ondelete="CASCADE"), nullable=False),
        sa.Column("measured_on", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    _indexes("kpi_measurements", "workspace_id", "kpi_id")


def downgrade() -> None:
    for table in (
        "kpi_measurements",
        "kpis",
        "activities",
        "campaign_audiences",
        "campaigns",
        "audience_members",
        "audiences",
    ):
        op.drop_table(table)
