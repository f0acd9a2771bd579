"""Fixtures: the real Bolt app behind the real WSGI front (`SlackWeb`), talking to a local fake of Slack.

Requests are signed like Slack signs them; background work is awaited through the fake's
recorded calls (`fake.wait_for`) or by draining the listener threads (`bot.drain()`), never by sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App
from slack_sdk.signature import Clock

from bot.corpus import Corpus
from bot.search import Engine
from bot.slack.app import create_app, shutdown_app, store_of
from bot.slack.web import SlackWeb
from tests.slack.driver import BotFactory, SlackDriver
from tests.slack.fake_slack import FakeSlack
from tests.slack.slack_support import SIGNING_SECRET, make_settings
from tests.slack.web_server import WebServer


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def make_bot(fake: FakeSlack, corpus: Corpus, engine: Engine) -> Iterator[BotFactory]:
    """`make_bot(KAMERVRAAG_ANSWER_VISIBILITY="ephemeral", corpus_=…, engine_=…, clock=…)`; `clock`: the
    server's for the signature's age."""
    started: list[tuple[WebServer, App]] = []

    def build(
        *, corpus_: Corpus | None = None, engine_: Engine | None = None, clock: Clock | None = None, **settings: Any
    ) -> SlackDriver:
        use_corpus = corpus_ or corpus
        use_engine = engine_ or (engine if corpus_ is None else Engine(use_corpus))
        app = create_app(make_settings(fake, **settings), corpus=use_corpus, engine=use_engine)
        web = SlackWeb(signing_secret=SIGNING_SECRET, clock=clock)
        web.corpus_loaded(store_of(app))
        web.attach(app)
        server = WebServer(web)
        started.append((server, app))
        return SlackDriver(server, app, fake)

    yield build
    for server, app in started:
        server.close()
        shutdown_app(app)


@pytest.fixture
def bot(make_bot: BotFactory) -> SlackDriver:
    return make_bot()
