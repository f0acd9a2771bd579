"""`kamervraag serve` (Socket Mode) as a person runs it: Dutch refusals, a first answer, SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_slack import RESPONSE_URL, FakeSlack
from slack_support import shows_answer

from bot import messages
from bot.cli import main
from bot.corpus import Corpus

from .conftest import APP_TOKEN, BOT_TOKEN
from .fake_socket_mode import FakeSocketMode, command_payload


def _env(web: FakeSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAMERVRAAG_"))}
    env.update({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": web.api_url, **extra})
    return env


class Served:
    """`python -m bot serve` in a child process; its stderr is read as it comes (no full pipe)."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"], env=env, cwd=cwd, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    def wait_for_line(self, text: str, timeout: float = 20) -> None:
        with self._changed:
            found = self._changed.wait_for(lambda: any(text in line for line in self.lines), timeout=timeout)
        assert found, f"no line with {text!r}; stderr so far: {''.join(self.lines)[-2000:]}"

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        self._reader.join(timeout=5)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return code

    @property
    def stderr(self) -> str:
        with self._changed:
            return "".join(self.lines)


@pytest.fixture
def served(web: FakeSlack, slack: FakeSocketMode, tmp_path: Path) -> Iterator[Served]:
    child = Served(_env(web, KAMERVRAAG_LOG_LEVEL="DEBUG"), tmp_path)  # tmp_path: no developer .env
    try:
        yield child
    finally:
        child.stop()


def test_serve_answers_over_socket_mode_and_stops_on_sigterm(
    served: Served, web: FakeSlack, slack: FakeSocketMode, corpus: Corpus
) -> None:
    served.wait_for_line(messages.socket_mode_connected())
    conn = slack.connection(1)
    conn.wait_reading()
    response_url = web.response_url()
    envelope = conn.send_envelope("slash_commands", command_payload("53", response_url))
    conn.wait_for_ack(envelope)
    (answer,) = web.wait_for(1, method=RESPONSE_URL)
    assert answer.params["response_type"] == "in_channel" and shows_answer(answer, corpus, 53)

    assert served.stop() == 0
    assert conn.closed.wait(5)
    assert len(slack.opened_urls()) == 1  # it left without reconnecting
    logs = served.stderr
    assert "A new session has been established" in logs  # DEBUG logging was really on
    for secret in (BOT_TOKEN, APP_TOKEN, response_url, "ticket="):
        assert secret not in logs


def test_serve_refuses_an_app_token_slack_rejects(web: FakeSlack, tmp_path: Path) -> None:
    web.reply_next("apps.connections.open", {"ok": False, "error": "invalid_auth"})
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"], env=_env(web), cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith(messages.app_token_rejected("invalid_auth"))
    assert APP_TOKEN not in result.stderr and BOT_TOKEN not in result.stderr


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith(("SLACK_", "KAMERVRAAG_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env from the developer's working directory
    return monkeypatch


@pytest.mark.parametrize("missing", ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"])
def test_serve_names_a_missing_token(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], missing: str
) -> None:
    for name, value in (("SLACK_BOT_TOKEN", BOT_TOKEN), ("SLACK_APP_TOKEN", APP_TOKEN)):
        if name != missing:
            clean_env.setenv(name, value)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err.strip() == messages.setting_missing(missing)


def test_serve_refuses_a_bot_token_in_place_of_the_app_token(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean_env.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    clean_env.setenv("SLACK_APP_TOKEN", BOT_TOKEN)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == messages.app_token_malformed() and BOT_TOKEN not in err
