"""The answer log on a real database (SQLite and PostgreSQL): what is written is what is read back,
one vote per person per answer, retention, migrations, and a database that is down."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.answerlog.location import database_url
from bot.answerlog.records import Entry, Vote, new_answer_id, now, voter
from bot.answerlog.revision import HEAD
from bot.answerlog.schema import metadata
from bot.answerlog.store import MIGRATIONS, AnswerLog, LogUnavailable
from bot.answerlog.writer import LogWriter
from bot.settings import Settings

Opener = Callable[..., AnswerLog]


@pytest.fixture
def open_log() -> Iterator[Opener]:
    """`AnswerLog.open`, closed again after the test."""
    opened: list[AnswerLog] = []

    def open_(url: str, **kwargs: Any) -> AnswerLog:
        opened.append(AnswerLog.open(url, **kwargs))
        return opened[-1]

    yield open_
    for log in opened:
        log.close()


def entry(query: str | None = "hoeveel troepen blijven er?", *, days_ago: float = 0, **fields: object) -> Entry:
    values: dict[str, object] = {
        "id": new_answer_id(),
        "time": now() - timedelta(days=days_ago),
        "kind": "channel",
        "query": query,
        "answered": True,
        "document": "kst-27925-748",
        "number": 53,
        "score": 0.87,
        **fields,
    }
    return Entry.model_validate(values)


def vote(answer: Entry, person: str, value: str, **fields: object) -> Vote:
    values: dict[str, object] = {
        "answer_id": answer.id,
        "voter": voter(person),
        "time": now(),
        "vote": value,
        "document": answer.document,
        "number": answer.number,
        **fields,
    }
    return Vote.model_validate(values)


def test_entries_come_back_as_written_in_time_order(database_url: str, open_log: Opener) -> None:
    log = open_log(database_url)
    older = entry("eerste", days_ago=2)
    declined = entry(None, answered=False, document=None, number=None, score=0.1, kind="dm")
    log.add(declined)
    log.add(older)
    assert log.entries() == [older, declined]
    assert log.entries(since=now() - timedelta(days=1)) == [declined]


def test_a_second_vote_of_the_same_person_replaces_the_first(database_url: str, open_log: Opener) -> None:
    log = open_log(database_url)
    answer = entry()
    log.add(answer)
    log.vote(vote(answer, "U1", "up"))
    log.vote(vote(answer, "U2", "up"))
    log.vote(vote(answer, "U1", "down", reason="outdated", comment="De troepen zijn al weg."))
    votes = sorted(log.votes(), key=lambda v: v.vote)
    assert [(v.vote, v.reason, v.comment) for v in votes] == [
        ("down", "outdated", "De troepen zijn al weg."),
        ("up", None, None),
    ]
    assert votes[0].voter == voter("U1") and "U1" not in votes[0].voter  # pseudonymous, but one per person


def test_opening_enforces_the_retention(database_url: str, open_log: Opener) -> None:
    log = open_log(database_url)
    old, recent = entry("oud", days_ago=91), entry("recent", days_ago=89)
    log.add(old)
    log.add(recent)
    log.vote(vote(old, "U1", "down").model_copy(update={"time": now() - timedelta(days=91)}))
    open_log(database_url, retention_days=90)
    assert [e.query for e in log.entries()] == ["recent"]
    assert log.votes() == []


def test_migrations_run_once_and_head_is_the_newest_revision(database_url: str, open_log: Opener) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD
    first = open_log(database_url)
    kept = entry()
    first.add(kept)
    assert open_log(database_url).entries() == [kept]  # opening again migrates nothing away


def test_the_background_writer_writes_in_order_off_the_callers_thread(database_url: str, open_log: Opener) -> None:
    writer = LogWriter(database_url, retention_days=90)
    answer = entry()
    writer.record(answer)
    writer.vote(vote(answer, "U1", "down", reason="wrong"))
    writer.close()
    log = open_log(database_url)
    assert log.entries() == [answer]
    assert [v.reason for v in log.votes()] == ["wrong"]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_database_that_is_down_costs_one_warning_and_no_exception(caplog: pytest.LogCaptureFixture) -> None:
    url = f"postgresql://kamervraag:geheim-wachtwoord@127.0.0.1:{_closed_port()}/log"
    with pytest.raises(LogUnavailable) as raised:
        AnswerLog.open(url)
    assert "geheim-wachtwoord" not in str(raised.value)
    writer = LogWriter(url, retention_days=90)
    with caplog.at_level(logging.WARNING, logger="kamervraag.answerlog"):
        for _ in range(3):
            writer.record(entry())
        writer.close()
    warnings = [r for r in caplog.records if r.name == "kamervraag.answerlog"]
    assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()
    assert "geheim-wachtwoord" not in caplog.text


def test_where_the_log_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database_url(Settings(_env_file=None)) == f"sqlite:///{tmp_path}/kamervraag/answers.sqlite3"
    assert database_url(Settings(_env_file=None, KAMERVRAAG_DATABASE_URL="off")) is None  # type: ignore[call-arg]
    pg = "postgresql://u:p@db/kamervraag"
    assert database_url(Settings(_env_file=None, KAMERVRAAG_DATABASE_URL=pg)) == pg  # type: ignore[call-arg]


def test_the_migrations_make_exactly_the_tables_of_the_schema(database_url: str, open_log: Opener) -> None:
    """No drift between `schema.py` (what the queries use) and the Alembic revisions (what is created)."""
    log = open_log(database_url)
    with log.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
