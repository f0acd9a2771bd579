"""The command line's fast path: one entry into the default SQLite log with the standard library.

`kamervraag ask` must stay quick to start, and importing SQLAlchemy alone takes longer than writing the
entry. When the file exists and its schema is at `HEAD` (SQLAlchemy and Alembic made it), this inserts
the entry and applies the retention the same way the store does; otherwise the caller uses the store.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from bot.answerlog.records import Entry, now
from bot.answerlog.revision import HEAD

SQLITE_PREFIX = "sqlite:///"
TIMEOUT = 15


def _stamp(moment: datetime) -> str:
    """SQLAlchemy's SQLite DateTime text, so both write (and compare) the same strings."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def sqlite_path(url: str) -> Path | None:
    """The file of a plain `sqlite:///…` URL (no query options), else None."""
    if not url.startswith(SQLITE_PREFIX) or "?" in url:
        return None
    path = url.removeprefix(SQLITE_PREFIX)
    return Path(path) if path and path != ":memory:" else None


def add_quickly(url: str, entry: Entry, *, retention_days: int) -> bool:
    """True when written; False when this path does not apply (then nothing was written).
    Raises sqlite3.Error or OSError when the file is there but cannot be written."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return False
    with sqlite3.connect(path, timeout=TIMEOUT) as con:
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return False
        if revision != (HEAD,):
            return False
        values = entry.model_dump()
        values["time"] = _stamp(entry.time)
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        con.execute(f"INSERT INTO answers ({columns}) VALUES ({marks})", values)
        oldest = _stamp(now() - timedelta(days=retention_days))
        con.execute("DELETE FROM answers WHERE time < ?", (oldest,))
        con.execute("DELETE FROM feedback WHERE time < ?", (oldest,))
    con.close()
    return True
