"""`kamervraag serve --http` as a real process against the fake Web API, and its Dutch refusals."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlencode

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


@dataclass
class Served:
    port: int
    process: subprocess.Popen[str]
    stderr: list[str]
    """Everything the process wrote to stderr (its logs), collected by a reader thread."""
    reader: threading.Thread

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        return code


@pytest.fixture
def served(fake: FakeSlack, tmp_path: Path) -> Iterator[Served]:
    """`kamervraag serve --http` at DEBUG, as an operator would run it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", "0", "--host", "127.0.0.1"],
        env=_env(fake, KAMERVRAAG_LOG_LEVEL="DEBUG"),
        cwd=tmp_path,  # no .env from the developer's working directory
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    lines: list[str] = []
    ready = threading.Event()
    port: list[int] = []

    def read(stream: IO[str]) -> None:
        for line in stream:
            lines.append(line)
            found = re.search(r"http://127\.0\.0\.1:(\d+)/slack/events", line)
            if found and not ready.is_set():
                port.append(int(found.group(1)))
                ready.set()
        ready.set()  # the process ended

    reader = threading.Thread(target=read, args=(process.stderr,), daemon=True)
    reader.start()
    assert ready.wait(timeout=60) and port, "serve --http did not start: " + "".join(lines)
    served = Served(port[0], process, lines, reader)
    try:
        yield served
    finally:
        if process.poll() is None:
            served.stop()
        process.stderr.close()


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
    served: Served, fake: FakeSlack, corpus: Corpus
) -> None:
    response_url = fake.response_url()
    command = urlencode(
        {
            "command": "/kamervraag",
            "text": "53",
            "team_id": "T0001",
            "channel_id": CHANNEL,
            "user_id": USER,
            "response_url": response_url,
        }
    )
    assert _post(served.port, command, "application/x-www-form-urlencoded") == 200
    (answer,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(answer, corpus, 53) and answer.params["response_type"] == "in_channel"

    ts = "1699999999.000100"
    event = {"type": "app_mention", "user": USER, "text": f"<@{BOT_USER_ID}> vraag 54", "ts": ts, "channel": CHANNEL}
    body = json.dumps({"type": "event_callback", "team_id": "T0001", "event_id": "Ev0SERVE", "event": event})
    assert _post(served.port, body, "application/json") == 200
    (posted,) = fake.wait_for(1, method="chat.postMessage")
    assert posted.params["thread_ts"] == ts and shows_answer(posted, corpus, 54)

    assert served.stop() == 0
    logs = "".join(served.stderr)
    assert "DEBUG" in logs  # the operator's log really was at DEBUG
    for secret in (TOKEN, SIGNING_SECRET, response_url, "s3cr3tR3sp0nseP4th", command, body):
        assert secret not in logs


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
