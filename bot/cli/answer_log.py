"""The command line's answer log: `kamervraag ask "…"` and the question prompt log what they answered
(kind `cli`); `ask --batch` does not (it is for scripts and evaluations, not for people asking).

The entry is written after the answer is printed. A database that is down gives one Dutch line on
stderr and never changes the exit code.
"""

from __future__ import annotations

import sqlite3
import sys

from bot import messages
from bot.answerlog.entries import entry_for
from bot.answerlog.location import database_url
from bot.answerlog.quick import add_quickly
from bot.answerlog.records import new_answer_id
from bot.answerlog.writer import LogWriter
from bot.search import Outcome
from bot.settings import Settings


class CliLog:
    """Entries go to the writer's thread; with `quick=True` (one `ask`) into an existing default SQLite
    file straight away with the standard library (`quick.py`), which saves importing SQLAlchemy."""

    def __init__(self, settings: Settings) -> None:
        self.url = database_url(settings)
        self.retention_days = settings.log_retention_days
        self._keep_query = settings.log_queries is not False
        self._min_score = settings.min_score
        self._writer: LogWriter | None = None

    def record(self, outcome: Outcome, *, quick: bool = False) -> None:
        if self.url is None or outcome.problem:
            return
        entry = entry_for(
            outcome, answer_id=new_answer_id(), kind="cli", keep_query=self._keep_query, min_score=self._min_score
        )
        if quick:
            try:
                if add_quickly(self.url, entry, retention_days=self.retention_days):
                    return
            except (sqlite3.Error, OSError) as exc:
                _warn(type(exc).__name__)
                return
        if self._writer is None:
            self._writer = LogWriter(self.url, retention_days=self.retention_days, on_unavailable=_warn)
        self._writer.record(entry)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


def _warn(detail: str) -> None:
    print(messages.answer_log_not_written(detail), file=sys.stderr)
