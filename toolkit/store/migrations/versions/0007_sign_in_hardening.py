"""Single sign-on bound to the provider's subject, sessions ended server-side, sign-in attempts
per client address, and who opened an account.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as table:
        table.add_column(sa.Column("sso_issuer", sa.String(300)))
        table.add_column(sa.Column("sso_subject", sa.String(300)))
        table.add_column(sa.Column("sessions_ended_at", sa.DateTime))
        table.add_column(sa.Column("created_by", sa.Integer))
        table.create_unique_constraint("uq_users_sso_issuer_sso_subject", ["sso_issuer", "sso_subject"])
    with op.batch_alter_table("sign_in_attempts") as table:
        table.add_column(sa.Column("client", sa.String(64)))
    op.create_index("ix_sign_in_attempts_client", "sign_in_attempts", ["client"])
    op.create_index("ix_sign_in_attempts_at", "sign_in_attempts", ["at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_attempts_at", "sign_in_attempts")
    op.drop_index("ix_sign_in_attempts_client", "sign_in_attempts")
    with op.batch_alter_table("sign_in_attempts") as table:
        table.drop_column("client")
    with op.batch_alter_table("users") as table:
        table.drop_constraint("uq_users_sso_issuer_sso_subject", type_="unique")
        for column in ("created_by", "sessions_ended_at", "sso_subject", "sso_issuer"):
            table.drop_column(column)
