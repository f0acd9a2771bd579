"""Fixtures: the real Bolt app over Bolt's Socket Mode handler, connected to a local fake of Slack
(the Web API of tests/slack plus a websocket server), all on loopback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "slack"))  # fake_slack, slack_support

from fake_slack import FakeSlack  # noqa: E402

from bot.corpus import Corpus, load_corpus  # noqa: E402
from bot.search import Engine  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack.app import create_app, shutdown_app  # noqa: E402
from bot.slack.socket_mode import SocketModeBot  # noqa: E402

from .fake_socket_mode import FakeSocketMode  # noqa: E402

BOT_TOKEN = "xoxb-111-222-SOCKETbotTOKEN"
APP_TOKEN = "xapp-1-A0KAMERVRAAG-333-SOCKETappTOKEN"
TEST_PING_INTERVAL = 0.5
"""The client's monitor (which replaces a closed connection) runs this often in the tests."""


def make_settings(web: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": web.api_url,
        **overrides,
    }
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="session")
def engine(corpus: Corpus) -> Engine:
    return Engine(corpus)


@pytest.fixture
def web() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def slack(web: FakeSlack) -> Iterator[FakeSocketMode]:
    with FakeSocketMode(web) as server:
        yield server


class Running:
    """The bot as `kamervraag serve` runs it; `stop()` is what SIGTERM does."""

    def __init__(self, web: FakeSlack, corpus: Corpus, engine: Engine) -> None:
        self.app = create_app(make_settings(web), corpus=corpus, engine=engine)
        self.bot = SocketModeBot(self.app, app_token=APP_TOKEN, api_url=web.api_url, ping_interval=TEST_PING_INTERVAL)
        self._stopped = False

    def stop(self) -> None:
        """Stop receiving, then wait for every answer in progress (the app takes nothing afterwards)."""
        if not self._stopped:
            self._stopped = True
            self.bot.close()
            shutdown_app(self.app)


@pytest.fixture
def running(web: FakeSlack, slack: FakeSocketMode, corpus: Corpus, engine: Engine) -> Iterator[Running]:
    bot = Running(web, corpus, engine)
    try:
        bot.bot.connect()
        yield bot
    finally:
        bot.stop()
