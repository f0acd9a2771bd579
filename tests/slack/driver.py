"""`SlackDriver`: sends what Slack would send to the bot's HTTP endpoint, signed with the signing secret."""

from __future__ import annotations

import http.client
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_bolt import App

from bot.slack.app import shutdown_app
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import (
    CHANNEL,
    button_click,
    command_form,
    event_callback,
    mention_event,
    message_event,
    message_shortcut,
    view_submission,
)
from tests.slack.slack_support import sign_body
from tests.slack.web_server import WebServer


@dataclass
class HttpResult:
    status: int
    body: str


class SlackDriver:
    def __init__(self, server: WebServer, app: App, fake: FakeSlack) -> None:
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
    def command(self, text: str, *, response_url: str | None = None) -> tuple[HttpResult, str]:
        """`/kamervraag <text>`: the HTTP result (the ack) and the command's response_url."""
        url = response_url or self.fake.response_url()
        form = urlencode(command_form(text, url))
        return self.post(form, content_type="application/x-www-form-urlencoded"), url

    def event_body(self, event: dict[str, Any], *, event_id: str | None = None) -> str:
        return json.dumps(event_callback(event, event_id or f"Ev{next(self._ids):06d}"))

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, headers: dict[str, str] | None = None
    ) -> HttpResult:
        return self.post(self.event_body(event, event_id=event_id), content_type="application/json", headers=headers)

    def new_ts(self) -> str:
        return f"1699999{next(self._ts):03d}.000200"

    def mention(self, text: str, *, channel: str = CHANNEL, thread_ts: str | None = None) -> dict[str, Any]:
        """`@kamervraag <text>`, delivered (and acknowledged); the event sent."""
        event = mention_event(text, self.new_ts(), channel=channel, thread_ts=thread_ts)
        assert self.event(event).status == 200
        return event

    def message(self, text: str, **fields: Any) -> dict[str, Any]:
        """A `message` event (see `payloads.message_event` for `fields`), delivered; the event sent."""
        event = message_event(text, self.new_ts(), **fields)
        assert self.event(event).status == 200
        return event

    def click(
        self,
        value: str,
        *,
        container: dict[str, Any],
        message: dict[str, Any] | None,
        response_url: str | None = None,
        **fields: Any,
    ) -> str:
        """A button click, delivered; its response_url. `fields`: `action_id`, `user` (payloads.button_click)."""
        url = response_url or self.fake.response_url().replace("/commands/", "/actions/")
        payload = button_click(value, container=container, message=message, response_url=url, **fields)
        result = self.post(
            urlencode({"payload": json.dumps(payload)}), content_type="application/x-www-form-urlencoded"
        )
        assert result.status == 200
        return url

    def shortcut(self, callback_id: str, message: dict[str, Any]) -> str:
        """A message shortcut on `message`, delivered; its response_url."""
        url = self.fake.response_url().replace("/commands/", "/actions/")
        payload = message_shortcut(callback_id, message, response_url=url)
        result = self.post(
            urlencode({"payload": json.dumps(payload)}), content_type="application/x-www-form-urlencoded"
        )
        assert result.status == 200
        return url

    def submit(self, view: dict[str, Any], values: dict[str, Any], **fields: Any) -> HttpResult:
        """A modal submitted; the HTTP result carries the bot's `response_action`."""
        payload = view_submission(view, values, **fields)
        return self.post(urlencode({"payload": json.dumps(payload)}), content_type="application/x-www-form-urlencoded")

    def drain(self) -> None:
        """Wait until every listener has finished (the app takes no requests afterwards)."""
        shutdown_app(self.app)


BotFactory = Callable[..., SlackDriver]
"""The `make_bot` fixture: `make_bot(KAMERVRAAG_ANSWER_VISIBILITY="ephemeral", corpus_=…, engine_=…)`."""
