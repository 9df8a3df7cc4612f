"""The roadmap's milestones and the three-dimension indicators with their measurements.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


# the default phases of the roadmap, as toolkit.vocab had them when this migration was written
PHASES = ("diagnosis", "mapping", "consultation", "strategy", "dissemination", "evaluation")


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("phase", sa.String(80)),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("starts_on", sa.Date),
        sa.Column("due_on", sa.Date),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("consultation_id", sa.Integer, sa.ForeignKey("consultations.id", ondelete="SET NULL")),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="SET NULL")),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    _indexes("milestones", "workspace_id", "consultation_id", "campaign_id")
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("dimension", sa.String(20), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("baseline", sa.Float),
        sa.Column("baseline_on", sa.Date),
        sa.Column("target", sa.Float),
        sa.Column("target_on", sa.Date),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("automatic", sa.String(40)),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    _indexes("indicators", "workspace_id")
    op.create_table(
        "indicator_measurements",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("indicator_id", sa.Integer, sa.ForeignKey("indicators.id", ondelete="CASCADE"), nullable=False),
        sa.Column("measured_on", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    _indexes("indicator_measurements", "workspace_id", "indicator_id")
    _seed_phases()


def _seed_phases() -> None:
    """Workspaces created before the roadmap get its default phases (new ones are seeded on creation)."""
    connection = op.get_bind()
    workspaces = sa.table("workspaces", sa.column("id", sa.Integer))
    terms = sa.table(
        "vocab_terms",
        sa.column("workspace_id", sa.Integer),
        sa.column("vocabulary", sa.String),
        sa.column("key", sa.String),
        sa.column("label", sa.String),
        sa.column("position", sa.Integer),
    )
    present = set(
        connection.execute(sa.select(terms.c.workspace_id, terms.c.key).where(terms.c.vocabulary == "phases")).all()
    )
    rows = [
        {"workspace_id": workspace_id, "vocabulary": "phases", "key": key, "label": None, "position": position}
        for workspace_id in connection.execute(sa.select(workspaces.c.id)).scalars()
        for position, key in enumerate(PHASES)
        if (workspace_id, key) not in present
    ]
    if rows:
        connection.execute(sa.insert(terms), rows)


def downgrade() -> None:
    op.drop_table("indicator_measurements")
    op.drop_table("indicators")
    op.drop_table("milestones")
