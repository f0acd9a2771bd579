"""Alembic's entry point: always run from `bot.answerlog.store.upgrade`, on the caller's connection."""

from __future__ import annotations

from alembic import context

from bot.answerlog.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
