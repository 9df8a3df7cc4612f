"""Online questionnaires for consultations (issue 18).

A consultation may have a questionnaire (an introduction, its language, questions of six kinds);
each participant gets a personal link and the team may open one link to a public. A link's token
is never stored, only its SHA-256. Answers are kept per response (a personal link's participant,
or one visit of the open link) and per question, as typed. "Who do you work with" answers become
relations marked as reported by the actor who answered, until the team confirms or discards them.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _workspace() -> sa.Column:
    return sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "questionnaires",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column(
            "consultation_id",
            sa.Integer,
            sa.ForeignKey("consultations.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("intro", sa.Text, nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_questionnaires_workspace_id", "questionnaires", ["workspace_id"])
    op.create_table(
        "questionnaire_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column(
            "questionnaire_id", sa.Integer, sa.ForeignKey("questionnaires.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.String(1000), nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("contribution_type", sa.String(20)),
        sa.Column("theme", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_questionnaire_questions_workspace_id", "questionnaire_questions", ["workspace_id"])
    op.create_index("ix_questionnaire_questions_questionnaire_id", "questionnaire_questions", ["questionnaire_id"])
    op.create_table(
        "questionnaire_links",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column(
            "questionnaire_id", sa.Integer, sa.ForeignKey("questionnaires.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="CASCADE")),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("issued_at", sa.DateTime, nullable=False),
        sa.Column("expires_on", sa.Date),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("estimated_size", sa.Integer),
    )
    op.create_index("ix_questionnaire_links_workspace_id", "questionnaire_links", ["workspace_id"])
    op.create_index("ix_questionnaire_links_questionnaire_id", "questionnaire_links", ["questionnaire_id"])
    op.create_index("ix_questionnaire_links_participant_id", "questionnaire_links", ["participant_id"])
    op.create_table(
        "questionnaire_responses",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column(
            "questionnaire_id", sa.Integer, sa.ForeignKey("questionnaires.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("link_id", sa.Integer, sa.ForeignKey("questionnaire_links.id", ondelete="SET NULL")),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="SET NULL")),
        sa.Column("visitor", sa.String(64)),
        sa.Column("client", sa.String(64)),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.Column("submitted_at", sa.DateTime),
    )
    op.create_index("ix_questionnaire_responses_workspace_id", "questionnaire_responses", ["workspace_id"])
    op.create_index("ix_questionnaire_responses_questionnaire_id", "questionnaire_responses", ["questionnaire_id"])
    op.create_index("ix_questionnaire_responses_link_id", "questionnaire_responses", ["link_id"])
    op.create_index("ix_questionnaire_responses_participant_id", "questionnaire_responses", ["participant_id"])
    op.create_index("ix_questionnaire_responses_started_at", "questionnaire_responses", ["started_at"])
    op.create_table(
        "questionnaire_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        _workspace(),
        sa.Column(
            "response_id",
            sa.Integer,
            sa.ForeignKey("questionnaire_responses.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "question_id",
            sa.Integer,
            sa.ForeignKey("questionnaire_questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("value", sa.JSON, nullable=False),
        sa.Column("contribution_id", sa.Integer, sa.ForeignKey("contributions.id", ondelete="SET NULL")),
        sa.UniqueConstraint("response_id", "question_id"),
    )
    op.create_index("ix_questionnaire_answers_workspace_id", "questionnaire_answers", ["workspace_id"])
    op.create_index("ix_questionnaire_answers_response_id", "questionnaire_answers", ["response_id"])
    op.create_index("ix_questionnaire_answers_question_id", "questionnaire_answers", ["question_id"])
    with op.batch_alter_table("relations") as batch:
        batch.add_column(
            sa.Column(
                "reported_by",
                sa.Integer,
                sa.ForeignKey("actors.id", name="fk_relations_reported_by", ondelete="SET NULL"),
            )
        )
        batch.add_column(sa.Column("report_status", sa.String(10)))


def downgrade() -> None:
    with op.batch_alter_table("relations") as batch:
        batch.drop_column("report_status")
        batch.drop_column("reported_by")
    for table in (
        "questionnaire_answers",
        "questionnaire_responses",
        "questionnaire_links",
        "questionnaire_questions",
        "questionnaires",
    ):
        op.drop_table(table)
