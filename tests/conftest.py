"""Suite-wide: no test writes the user's index cache (~/.cache/kamervraag) or answer log
(~/.local/share/kamervraag) unless it asks for one, nor loads the sentence model unless it asks for it; the
packaged corpus and the engine over it, built once; property tests derandomized."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from bot.corpus import Corpus, load_corpus
from bot.search import Engine
from tests.postgres_server import PostgresServer, postgres_server

# Property tests draw the same examples on every run, so a red suite means a change, never the dice.
# To hunt for new counterexamples: `pytest --hypothesis-profile=explore`.
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("explore", max_examples=2000)
settings.load_profile("deterministic")


@pytest.fixture(autouse=True, scope="session")
def _no_index_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`KAMERVRAAG_INDEX_CACHE=0` for the CLI and the bot, in-process and in subprocesses alike; a child
    started without KAMERVRAAG_* variables still writes to a temporary XDG_CACHE_HOME, never the real one."""
    values = {
        "KAMERVRAAG_INDEX_CACHE": "0",
        "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("xdg-cache")),
        "XDG_DATA_HOME": str(tmp_path_factory.mktemp("xdg-data")),  # the answer log (issue 13)
        # the sentence model is tested where a test asks for it (tests/search/test_semantic*.py): elsewhere
        # the lexical engine, so `ingest` does not spend seconds embedding and answers stay as they were
        "KAMERVRAAG_EMBEDDINGS": "off",
    }
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The packaged corpus, loaded once."""
    return load_corpus()


@pytest.fixture(scope="session")
def engine(corpus: Corpus) -> Engine:
    """The real engine over the packaged corpus, built once."""
    return Engine(corpus)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole session, started on first use (tests/postgres_server.py)."""
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty answer log as a user writes it in `KAMERVRAAG_DATABASE_URL`: a test that takes it
    runs twice, on a SQLite file and on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'log' / 'answers.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.fresh_database()
