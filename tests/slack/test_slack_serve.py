"""`kamervraag serve --http` as a real process against the fake Web API, and its Dutch refusals."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bot import messages
from bot.corpus import Corpus
from tests.cli_support import run_cli
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.payloads import command_form, event_callback, mention_event
from tests.slack.slack_support import SIGNING_SECRET, TOKEN, ServeProcess, serve_env, shows_answer, sign_body


@pytest.fixture
def served(fake: FakeSlack, tmp_path: Path) -> Iterator[tuple[ServeProcess, int]]:
    """`kamervraag serve --http` at DEBUG, as an operator would run it; and its port."""
    args = ("--http", "--port", "0", "--host", "127.0.0.1")
    child = ServeProcess(*args, env=serve_env(fake, KAMERVRAAG_LOG_LEVEL="DEBUG"), cwd=tmp_path)  # no .env
    try:
        port = int(child.wait_for_line(r"http://127\.0\.0\.1:(\d+)/slack/events").group(1))
        yield child, port
    finally:
        child.stop()


def _post(port: int, body: str, content_type: str) -> int:
    timestamp = str(int(time.time()))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(
            "POST",
            "/slack/events",
            body=body.encode(),
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": sign_body(body, timestamp),
            },
        )
        return conn.getresponse().status
    finally:
        conn.close()


def test_serve_http_answers_a_command_and_a_mention_then_stops_on_sigterm(
    served: tuple[ServeProcess, int], fake: FakeSlack, corpus: Corpus
) -> None:
    child, port = served
    response_url = fake.response_url()
    command = urlencode(command_form("53", response_url))
    assert _post(port, command, "application/x-www-form-urlencoded") == 200
    (answer,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(answer, corpus, 53) and answer.params["response_type"] == "in_channel"

    ts = "1699999999.000100"
    body = json.dumps(event_callback(mention_event("vraag 54", ts), "Ev0SERVE"))
    assert _post(port, body, "application/json") == 200
    (posted,) = fake.wait_for(1, method="chat.postMessage")
    assert posted.params["thread_ts"] == ts and shows_answer(posted, corpus, 54)

    assert child.stop() == 0
    logs = child.stderr
    assert "DEBUG" in logs  # the operator's log really was at DEBUG
    for secret in (TOKEN, SIGNING_SECRET, response_url, "s3cr3tR3sp0nseP4th", command, body, "legacy-verification"):
        assert secret not in logs


@pytest.mark.parametrize("missing", ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"])
def test_serve_http_names_a_missing_variable(fake: FakeSlack, tmp_path: Path, missing: str) -> None:
    env = serve_env(fake)
    del env[missing]
    result = run_cli("serve", "--http", "--port", "0", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == messages.setting_missing(missing)


def test_serve_http_refuses_a_token_slack_rejects(fake: FakeSlack, tmp_path: Path) -> None:
    fake.auth = {"ok": False, "error": "invalid_auth"}
    result = run_cli("serve", "--http", "--port", "0", "--host", "127.0.0.1", env=serve_env(fake), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(messages.token_rejected("invalid_auth"))
    assert TOKEN not in result.stderr


def test_serve_http_names_a_slack_api_url_that_is_no_web_address(fake: FakeSlack, tmp_path: Path) -> None:
    result = run_cli(
        "serve",
        "--http",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        env=serve_env(fake, SLACK_API_URL="slack.com/api"),
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "Instelling SLACK_API_URL is ongeldig: geen webadres; bijvoorbeeld https://slack.com/api/."
    )


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = run_cli("serve", "--http", "--port", "x1", cwd=tmp_path)
    assert result.returncode == 2
    assert messages.invalid_port("x1") in result.stderr
