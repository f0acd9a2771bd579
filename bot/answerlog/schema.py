"""The tables, in SQLAlchemy Core: the same definitions for SQLite and PostgreSQL.

Changes go through a new Alembic revision in `migrations/versions/` (and here), never by hand.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

answers = Table(
    "answers",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("time", DateTime, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("query", Text, nullable=True),
    Column("answered", Boolean, nullable=False),
    Column("document", String(200), nullable=True),
    Column("number", Integer, nullable=True),
    Column("score", Float, nullable=True),
    Column("certainty", String(32), nullable=True),
    Index("ix_answers_time", "time"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("answer_id", String(32), primary_key=True),
    Column("voter", String(64), primary_key=True),
    Column("time", DateTime, nullable=False),
    Column("vote", String(8), nullable=False),
    Column("document", String(200), nullable=False),
    Column("number", Integer, nullable=False),
    Column("reason", String(16), nullable=True),
    Column("comment", Text, nullable=True),
    Index("ix_feedback_time", "time"),
)
