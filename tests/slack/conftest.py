"""Fixtures: the real Bolt app behind the real HTTP server, talking to a local fake of Slack.

Requests are signed like Slack signs them; background work is awaited through the fake's
recorded calls (`fake.wait_for`) or by draining the listener threads (`bot.drain()`), never by sleeping.
"""

from __future__ import annotations

import http.client
import itertools
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from fake_slack import BOT_USER_ID, TEAM_ID, FakeSlack
from slack_bolt import App
from slack_sdk.signature import SignatureVerifier

from bot.corpus import Corpus, load_corpus
from bot.search import Engine
from bot.settings import Settings
from bot.slack.app import create_app, shutdown_app
from bot.slack.http import SlackHttpServer

TOKEN = "xoxb-111-222-SECRETtokenVALUE"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CHANNEL = "C0CHANNEL"
USER = "U0PERSON"


@dataclass
class HttpResult:
    status: int
    body: str


class SlackDriver:
    """Sends what Slack would send to the bot, signed with the signing secret."""

    def __init__(self, server: SlackHttpServer, app: App, fake: FakeSlack) -> None:
        self.server = server
        self.app = app
        self.fake = fake
        self._ids = itertools.count(1)
        self._ts = itertools.count(1)
        self.sent_bodies: list[str] = []

    # --- transport ----------------------------------------------------------------------------------
    def post(
        self,
        body: str,
        *,
        content_type: str,
        timestamp: str | None = None,
        signature: str | None = None,
        sign: bool = True,
        headers: dict[str, str] | None = None,
    ) -> HttpResult:
        timestamp = timestamp if timestamp is not None else str(int(time.time()))
        all_headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp, **(headers or {})}
        if sign:
            all_headers["X-Slack-Signature"] = signature or sign_body(body, timestamp)
        self.sent_bodies.append(body)
        return self.request("POST", "/slack/events", body.encode(), all_headers)

    def request(self, method: str, path: str, data: bytes = b"", headers: dict[str, str] | None = None) -> HttpResult:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            conn.request(method, path, body=data, headers=headers or {})
            response = conn.getresponse()
            return HttpResult(response.status, response.read().decode())
        finally:
            conn.close()

    # --- what Slack sends ------------------------------------------------------------------------------
    def command(self, text: str, *, response_url: str | None = None, **fields: str) -> tuple[HttpResult, str]:
        url = response_url or self.fake.response_url()
        form = {
            "token": "legacy-verification",
            "team_id": TEAM_ID,
            "channel_id": CHANNEL,
            "channel_name": "algemeen",
            "user_id": USER,
            "user_name": "ambtenaar",
            "command": "/kamervraag",
            "text": text,
            "api_app_id": "A0APP",
            "response_url": url,
            "trigger_id": "1.2.3",
            **fields,
        }
        return self.post(urlencode(form), content_type="application/x-www-form-urlencoded"), url

    def event_body(self, event: dict[str, Any], *, event_id: str | None = None) -> str:
        return json.dumps(
            {
                "token": "legacy-verification",
                "team_id": TEAM_ID,
                "api_app_id": "A0APP",
                "type": "event_callback",
                "event_id": event_id or f"Ev{next(self._ids):06d}",
                "event_time": 1700000000,
                "event": event,
                "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
            }
        )

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, headers: dict[str, str] | None = None
    ) -> HttpResult:
        return self.post(self.event_body(event, event_id=event_id), content_type="application/json", headers=headers)

    def new_ts(self) -> str:
        return f"1699999{next(self._ts):03d}.000200"

    def mention(
        self, text: str, *, channel: str = CHANNEL, ts: str | None = None, thread_ts: str | None = None
    ) -> dict[str, Any]:
        event: dict[str, Any] = {
            "type": "app_mention",
            "user": USER,
            "text": f"<@{BOT_USER_ID}> {text}",
            "ts": ts or self.new_ts(),
            "channel": channel,
            "event_ts": "1",
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        assert self.event(event).status == 200
        return event

    def message(
        self,
        text: str,
        *,
        channel: str = CHANNEL,
        thread_ts: str | None = None,
        channel_type: str = "channel",
        **extra: Any,
    ) -> dict[str, Any]:
        event: dict[str, Any] = {
            "type": "message",
            "user": USER,
            "text": text,
            "ts": self.new_ts(),
            "channel": channel,
            "channel_type": channel_type,
            "event_ts": "1",
            **extra,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        assert self.event(event).status == 200
        return event

    def click(
        self, value: str, *, container: dict[str, Any], message: dict[str, Any] | None, response_url: str | None = None
    ) -> str:
        url = response_url or self.fake.response_url().replace("/commands/", "/actions/")
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": TEAM_ID},
            "user": {"id": USER},
            "api_app_id": "A0APP",
            "token": "legacy-verification",
            "container": container,
            "channel": {"id": container.get("channel_id", CHANNEL)},
            "response_url": url,
            "trigger_id": "1.2.3",
            "actions": [
                {"type": "button", "action_id": "kamervraag_show:0", "block_id": "b1", "value": value, "action_ts": "1"}
            ],
        }
        if message is not None:
            payload["message"] = message
        result = self.post(
            urlencode({"payload": json.dumps(payload)}), content_type="application/x-www-form-urlencoded"
        )
        assert result.status == 200
        return url

    def drain(self) -> None:
        """Wait until every listener has finished (the app takes no requests afterwards)."""
        shutdown_app(self.app)


def sign_body(body: str, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signature is not None
    return signature


def make_settings(fake: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
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
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


BotFactory = Callable[..., SlackDriver]


@pytest.fixture
def make_bot(fake: FakeSlack, corpus: Corpus, engine: Engine) -> Iterator[BotFactory]:
    """`make_bot(KAMERVRAAG_ANSWER_VISIBILITY="ephemeral", corpus=…, engine=…)`."""
    started: list[tuple[SlackHttpServer, App]] = []

    def build(*, corpus_: Corpus | None = None, engine_: Engine | None = None, **settings: Any) -> SlackDriver:
        use_corpus = corpus_ or corpus
        use_engine = engine_ or (engine if corpus_ is None else Engine(use_corpus))
        app = create_app(make_settings(fake, **settings), corpus=use_corpus, engine=use_engine)
        server = SlackHttpServer(signing_secret=SIGNING_SECRET, host="127.0.0.1", port=0, poll_interval=0.01)
        server.start()
        server.attach(app)
        started.append((server, app))
        return SlackDriver(server, app, fake)

    yield build
    for server, app in started:
        server.close()
        shutdown_app(app)


@pytest.fixture
def bot(make_bot: BotFactory) -> SlackDriver:
    return make_bot()
