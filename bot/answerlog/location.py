"""Where the answer log lives: a URL from `KAMERVRAAG_DATABASE_URL`, else a SQLite file under
`$XDG_DATA_HOME/kamervraag/`. No database import here (cheap to call on every start)."""

from __future__ import annotations

import os
from pathlib import Path

from bot.settings import Settings

OFF = frozenset({"off", "0", "false", "no", "uit"})
"""`KAMERVRAAG_DATABASE_URL=off`: no answer log at all (and no feedback buttons)."""
SQLITE_FILE = "answers.sqlite3"


def data_dir() -> Path:
    """`$XDG_DATA_HOME/kamervraag`, or `~/.local/share/kamervraag` when it is unset or empty (XDG spec)."""
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "share") / "kamervraag"


def database_url(settings: Settings) -> str | None:
    """The URL of the answer log (`sqlite:///…`, `postgresql://…`), or None when it is turned off."""
    raw = settings.database_url.get_secret_value().strip() if settings.database_url else ""
    if not raw:
        return f"sqlite:///{data_dir() / SQLITE_FILE}"
    if raw.lower() in OFF:
        return None
    return raw
