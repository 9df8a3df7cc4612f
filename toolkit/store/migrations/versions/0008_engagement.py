"""The actor's whole story: contact history (interactions and who took part), dated assessments of
influence, interest and stance, and relations over time (start and end dates) with their extra
columns from imported files.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("team_member", sa.String(300), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("agreements", sa.Text, nullable=False),
        sa.Column("next_step", sa.Text, nullable=False),
        sa.Column("next_step_due", sa.Date),
        sa.Column("next_step_done", sa.Boolean, nullable=False),
        sa.Column("consultation_id", sa.Integer, sa.ForeignKey("consultations.id", ondelete="SET NULL")),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="SET NULL")),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    _indexes("interactions", "workspace_id", "occurred_on", "consultation_id", "campaign_id")
    op.create_table(
        "interaction_actors",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("interaction_id", sa.Integer, sa.ForeignKey("interactions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("people", sa.Text, nullable=False),
        sa.UniqueConstraint("interaction_id", "actor_id"),
    )
    _indexes("interaction_actors", "workspace_id", "interaction_id", "actor_id")
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("assessed_on", sa.Date, nullable=False),
        sa.Column("influence", sa.Integer),
        sa.Column("interest", sa.Integer),
        sa.Column("stance", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    _indexes("assessments", "workspace_id", "actor_id")
    with op.batch_alter_table("relations") as table:
        table.add_column(sa.Column("starts_on", sa.Date))
        table.add_column(sa.Column("ends_on", sa.Date))
        table.add_column(sa.Column("custom", sa.JSON, nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("relations") as table:
        for column in ("custom", "ends_on", "starts_on"):
            table.drop_column(column)
    for table in ("assessments", "interaction_actors", "interactions"):
        op.drop_table(table)
