"""Multi-actor consultations: consultations, participants, contributions.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("objective", sa.Text, nullable=False),
        sa.Column("specific_objectives", sa.Text, nullable=False),
        sa.Column("questions", sa.Text, nullable=False),
        sa.Column("instrument", sa.String(80), nullable=False),
        sa.Column("modality", sa.String(20), nullable=False),
        sa.Column("starts_on", sa.Date),
        sa.Column("ends_on", sa.Date),
        sa.Column("place", sa.String(500), nullable=False),
        sa.Column("facilitator", sa.String(300), nullable=False),
        sa.Column("budget", sa.Float),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("targets", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_consultations_workspace_id", "consultations", ["workspace_id"])
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("consultation_id", sa.Integer, sa.ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
        # deleting an actor removes its participation (and with it the contact data it carried)
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("invited_on", sa.Date),
        sa.Column("responded_on", sa.Date),
        sa.Column("attended_on", sa.Date),
        sa.Column("attendee", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("consultation_id", "actor_id"),
    )
    for column in ("workspace_id", "consultation_id", "actor_id"):
        op.create_index(f"ix_participants_{column}", "participants", [column])
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("consultation_id", sa.Integer, sa.ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE")),
        sa.Column("theme", sa.String(200), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("due_on", sa.Date),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    for column in ("workspace_id", "consultation_id", "actor_id"):
        op.create_index(f"ix_contributions_{column}", "contributions", [column])


def downgrade() -> None:
    for table in ("contributions", "participants", "consultations"):
        op.drop_table(table)
