"""The answer log and its feedback (issue 13).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("time", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("query", sa.Text, nullable=True),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("document", sa.String(200), nullable=True),
        sa.Column("number", sa.Integer, nullable=True),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("certainty", sa.String(32), nullable=True),
    )
    op.create_index("ix_answers_time", "answers", ["time"])
    op.create_table(
        "feedback",
        sa.Column("answer_id", sa.String(32), primary_key=True),
        sa.Column("voter", sa.String(64), primary_key=True),
        sa.Column("time", sa.DateTime, nullable=False),
        sa.Column("vote", sa.String(8), nullable=False),
        sa.Column("document", sa.String(200), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(16), nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
    )
    op.create_index("ix_feedback_time", "feedback", ["time"])


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_table("answers")
