"""Fixtures: the real Bolt app over Bolt's Socket Mode handler, connected to a local fake of Slack
(the Web API of tests/slack plus a websocket server), all on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.corpus import Corpus
from bot.search import Engine
from tests.slack.fake_slack import FakeSlack
from tests.slack_socket.fake_socket_mode import FakeSocketMode
from tests.slack_socket.running import Running


@pytest.fixture
def web() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def slack(web: FakeSlack) -> Iterator[FakeSocketMode]:
    with FakeSocketMode(web) as server:
        yield server


@pytest.fixture
def running(web: FakeSlack, slack: FakeSocketMode, corpus: Corpus, engine: Engine) -> Iterator[Running]:
    bot = Running(web, corpus, engine)
    try:
        bot.bot.connect()
        yield bot
    finally:
        bot.stop()
