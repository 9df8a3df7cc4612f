"""Accounts and workspace roles, sign-in attempts, the audit trail and the bin.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _workspace(nullable: bool = False) -> sa.Column:
    return sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=nullable)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(300)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.UniqueConstraint("workspace_id", "user_id"),
    )
    _indexes("memberships", "workspace_id", "user_id")
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False),
    )
    _indexes("sign_in_attempts", "username")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
    )
    _indexes("audit_log", "workspace_id")
    op.create_table(
        "bin_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("deleted_at", sa.DateTime, nullable=False),
        sa.Column("deleted_by", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    _indexes("bin_entries", "workspace_id", "deleted_at")


def downgrade() -> None:
    for table in ("bin_entries", "audit_log", "sign_in_attempts", "memberships", "users"):
        op.drop_table(table)
