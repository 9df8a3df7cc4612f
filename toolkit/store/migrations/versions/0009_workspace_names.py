"""Workspace names no longer unique across the server.

A name is unique among the workspaces one person can open, not among every city's: on a shared
server, being refused a name told an owner that a workspace they cannot see was called that. The
operator's own workspaces (those created from the command line or without accounts) keep a
database-enforced unique name in ``unique_name``, so two instances loading the sample at once
still make one.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _workspaces(unique_name: bool) -> sa.Table:
    """The table as 0001 made it, without the server-wide unique name (SQLite rebuilds from it)."""
    return sa.Table(
        "workspaces",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=not unique_name),
        sa.Column("city", sa.String(200), nullable=False),
        sa.Column("country", sa.String(200), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("workspaces_name_key", "workspaces", type_="unique")
        op.add_column("workspaces", sa.Column("unique_name", sa.String(200)))
        op.create_unique_constraint("uq_workspaces_unique_name", "workspaces", ["unique_name"])
    else:  # SQLite cannot drop a constraint: the table is rebuilt (foreign keys are off while migrating)
        with op.batch_alter_table("workspaces", copy_from=_workspaces(unique_name=True), recreate="always") as table:
            table.add_column(sa.Column("unique_name", sa.String(200)))
            table.create_unique_constraint("uq_workspaces_unique_name", ["unique_name"])
    op.execute("UPDATE workspaces SET unique_name = name")  # every existing name was unique already
    op.create_index("ix_workspaces_name", "workspaces", ["name"])


def downgrade() -> None:
    op.drop_index("ix_workspaces_name", "workspaces")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("uq_workspaces_unique_name", "workspaces", type_="unique")
        op.drop_column("workspaces", "unique_name")
        op.create_unique_constraint("workspaces_name_key", "workspaces", ["name"])
    else:
        with op.batch_alter_table("workspaces", recreate="always") as table:
            table.drop_constraint("uq_workspaces_unique_name", type_="unique")
            table.drop_column("unique_name")
            table.create_unique_constraint("uq_workspaces_name", ["name"])
