"""The answer log in a database: SQLAlchemy Core for the queries, Alembic for the schema.

Opening a log brings its schema up to date (Alembic runs only when the recorded revision is not the
newest, so an up-to-date log opens with one small query) and removes what is older than the
retention. Every database failure becomes `LogUnavailable`, whose text never holds the URL (it may
carry a password).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, inspect, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from bot.answerlog.records import Entry, Vote, now
from bot.answerlog.revision import HEAD
from bot.answerlog.schema import answers, feedback

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CONNECT_TIMEOUT = 5


class LogUnavailable(Exception):
    """The database cannot be reached or used; the message is safe to log (no URL, no password)."""


def describe(exc: BaseException) -> str:
    """`OperationalError` and the driver's first line, with anything that looks like a URL cut out."""
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
    if "://" in first or "password" in first.lower():
        first = ""
    return f"{type(orig).__name__}: {first}" if first else type(orig).__name__


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Write-ahead logging: `report` reads while the bot writes, and a commit costs less."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def sqlalchemy_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3 (SQLAlchemy's default there is psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


class AnswerLog:
    """One database; thread-safe (a connection per call from SQLAlchemy's pool)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, retention_days: int | None = None) -> AnswerLog:
        """Connect, migrate, prune; raises LogUnavailable."""
        try:
            parsed = make_url(sqlalchemy_url(url))
            args: dict[str, Any] = {}
            if parsed.get_backend_name() == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                args = {"timeout": 15}
            elif parsed.get_backend_name() == "postgresql":
                args = {"connect_timeout": CONNECT_TIMEOUT}
            engine = create_engine(parsed, connect_args=args, pool_pre_ping=True)
            if parsed.get_backend_name() == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
        except (ArgumentError, NoSuchModuleError, ValueError, OSError) as exc:
            raise LogUnavailable(describe(exc)) from None
        log = cls(engine)
        try:
            with log._guard() as conn:
                _upgrade(conn)
            if retention_days is not None:
                log.prune(older_than=now() - timedelta(days=retention_days))
        except LogUnavailable:
            log.close()
            raise
        return log

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> AnswerLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except (SQLAlchemyError, OSError) as exc:
            raise LogUnavailable(describe(exc)) from None

    # --- writing -----------------------------------------------------------------------------------
    def add(self, entry: Entry) -> None:
        self.write([entry])

    def vote(self, vote: Vote) -> None:
        """Insert, or replace this person's earlier vote on the same answer (one vote per person)."""
        self.write([vote])

    def write(self, jobs: Sequence[Entry | Vote]) -> None:
        """Entries and votes, in order, in one transaction."""
        if not jobs:
            return
        with self._guard() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            for job in jobs:
                values = job.model_dump()
                if isinstance(job, Entry):
                    conn.execute(answers.insert().values(**values))
                    continue
                stmt = dialect.insert(feedback).values(**values)
                changed = {k: stmt.excluded[k] for k in values if k not in ("answer_id", "voter")}
                conn.execute(stmt.on_conflict_do_update(index_elements=["answer_id", "voter"], set_=changed))

    def prune(self, *, older_than: datetime) -> int:
        """Retention: delete questions and votes older than `older_than`; how many questions went."""
        with self._guard() as conn:
            gone = conn.execute(delete(answers).where(answers.c.time < older_than)).rowcount
            conn.execute(delete(feedback).where(feedback.c.time < older_than))
        return int(gone or 0)

    # --- reading -----------------------------------------------------------------------------------
    def entries(self, *, since: datetime | None = None) -> list[Entry]:
        query = select(answers).order_by(answers.c.time, answers.c.id)
        if since is not None:
            query = query.where(answers.c.time >= since)
        with self._guard() as conn:
            return [Entry.model_validate(dict(row._mapping)) for row in conn.execute(query)]

    def votes(self, *, since: datetime | None = None) -> list[Vote]:
        query = select(feedback).order_by(feedback.c.time, feedback.c.answer_id, feedback.c.voter)
        if since is not None:
            query = query.where(feedback.c.time >= since)
        with self._guard() as conn:
            return [Vote.model_validate(dict(row._mapping)) for row in conn.execute(query)]


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _upgrade(conn: Connection) -> None:
    """Alembic's `upgrade head` on this connection, unless the log is at HEAD already."""
    if current_revision(conn) == HEAD:
        return
    from alembic import command  # only when there is something to migrate: it takes a while to import
    from alembic.config import Config

    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl SQLiteImpl." is not news
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
