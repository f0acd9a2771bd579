"""`kamervraag serve --http` as a real process against the fake Web API, and its Dutch refusals."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHANNEL, SIGNING_SECRET, TOKEN, USER, sign_body
from fake_slack import BOT_USER_ID, RESPONSE_URL, FakeSlack
from slack_support import shows_answer

from bot import messages
from bot.corpus import Corpus


def _env(fake: FakeSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAMERVRAAG_"))}
    env.update(
        {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url, **extra}
    )
    return env


@pytest.fixture
def served(fake: FakeSlack, tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", "0", "--host", "127.0.0.1"],
        env=_env(fake),
        cwd=tmp_path,  # no .env from the developer's working directory
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    port = None
    for line in process.stderr:  # blocks until the server says it is ready (or the process ends)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/slack/events", line)
        if found:
            port = int(found.group(1))
            break
    assert port, "serve --http did not start"
    try:
        yield port, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
        process.stderr.close()


def _post(port: int, body: str, content_type: str) -> int:
    import http.client

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
    served: tuple[int, subprocess.Popen[str]], fake: FakeSlack, corpus: Corpus
) -> None:
    from urllib.parse import urlencode

    port, process = served
    command = urlencode(
        {
            "command": "/kamervraag",
            "text": "53",
            "team_id": "T0001",
            "channel_id": CHANNEL,
            "user_id": USER,
            "response_url": fake.response_url(),
        }
    )
    assert _post(port, command, "application/x-www-form-urlencoded") == 200
    (answer,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(answer, corpus, 53) and answer.params["response_type"] == "in_channel"

    ts = "1699999999.000100"
    event = {"type": "app_mention", "user": USER, "text": f"<@{BOT_USER_ID}> vraag 54", "ts": ts, "channel": CHANNEL}
    body = json.dumps({"type": "event_callback", "team_id": "T0001", "event_id": "Ev0SERVE", "event": event})
    assert _post(port, body, "application/json") == 200
    (posted,) = fake.wait_for(1, method="chat.postMessage")
    assert posted.params["thread_ts"] == ts and shows_answer(posted, corpus, 54)

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0


@pytest.mark.parametrize("missing", ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"])
def test_serve_http_names_a_missing_variable(fake: FakeSlack, tmp_path: Path, missing: str) -> None:
    env = _env(fake)
    del env[missing]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", "0"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == messages.setting_missing(missing)


def test_serve_http_refuses_a_token_slack_rejects(fake: FakeSlack, tmp_path: Path) -> None:
    fake.auth = {"ok": False, "error": "invalid_auth"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", "0", "--host", "127.0.0.1"],
        env=_env(fake),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith(messages.token_rejected("invalid_auth"))
    assert TOKEN not in result.stderr


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", "x1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert messages.invalid_port("x1") in result.stderr
