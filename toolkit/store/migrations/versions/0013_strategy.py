"""Strategy analysis (issue 20): MACTOR objectives, actors' positions on them and direct influences
between actors; dated salience judgements (power, legitimacy, urgency); SDG tags on actors,
consultations, campaigns, indicators and milestones.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


def _actor(name: str = "actor_id") -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "strategy_objectives",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("phase", sa.String(80)),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    _indexes("strategy_objectives", "workspace_id")
    op.create_table(
        "strategy_positions",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        _actor(),
        sa.Column(
            "objective_id",
            sa.Integer,
            sa.ForeignKey("strategy_objectives.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("value", sa.Integer, nullable=False),
        sa.UniqueConstraint("actor_id", "objective_id"),
    )
    _indexes("strategy_positions", "workspace_id", "actor_id", "objective_id")
    op.create_table(
        "strategy_influences",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        _actor("source_id"),
        _actor("target_id"),
        sa.Column("value", sa.Integer, nullable=False),
        sa.UniqueConstraint("source_id", "target_id"),
    )
    _indexes("strategy_influences", "workspace_id", "source_id", "target_id")
    op.create_table(
        "salience_assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        _actor(),
        sa.Column("assessed_on", sa.Date, nullable=False),
        sa.Column("power", sa.Integer),
        sa.Column("legitimacy", sa.Integer),
        sa.Column("urgency", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    _indexes("salience_assessments", "workspace_id", "actor_id")
    op.create_table(
        "sdg_tags",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("goal", sa.Integer, nullable=False),
        sa.UniqueConstraint("workspace_id", "entity", "entity_id", "goal"),
    )
    _indexes("sdg_tags", "workspace_id")


def downgrade() -> None:
    for table in (
        "sdg_tags",
        "salience_assessments",
        "strategy_influences",
        "strategy_positions",
        "strategy_objectives",
    ):
        op.drop_table(table)
