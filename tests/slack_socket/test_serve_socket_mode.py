"""`kamervraag serve` (Socket Mode) as a person runs it: Dutch refusals, a first answer, SIGTERM."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import messages
from bot.cli import main
from bot.corpus import Corpus
from tests.cli_support import run_cli
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.payloads import command_form
from tests.slack.slack_support import APP_TOKEN, TOKEN, ServeProcess, serve_env, shows_answer
from tests.slack_socket.fake_socket_mode import FakeSocketMode


@pytest.fixture
def served(web: FakeSlack, slack: FakeSocketMode, tmp_path: Path) -> Iterator[ServeProcess]:
    child = ServeProcess(env=serve_env(web, KAMERVRAAG_LOG_LEVEL="DEBUG"), cwd=tmp_path)  # tmp_path: no .env
    try:
        yield child
    finally:
        child.stop()


def test_serve_answers_over_socket_mode_and_stops_on_sigterm(
    served: ServeProcess, web: FakeSlack, slack: FakeSocketMode, corpus: Corpus
) -> None:
    served.wait_for_line(re.escape(messages.socket_mode_connected()))
    conn = slack.connection(1)
    conn.wait_reading()
    response_url = web.response_url()
    envelope = conn.send_envelope("slash_commands", command_form("53", response_url))
    conn.wait_for_ack(envelope)
    (answer,) = web.wait_for(1, method=RESPONSE_URL)
    assert answer.params["response_type"] == "in_channel" and shows_answer(answer, corpus, 53)

    assert served.stop() == 0
    assert conn.closed.wait(5)
    assert len(slack.opened_urls()) == 1  # it left without reconnecting
    logs = served.stderr
    assert "A new session has been established" in logs  # DEBUG logging was really on
    for secret in (TOKEN, APP_TOKEN, response_url, "ticket="):
        assert secret not in logs
    for body_part in ("legacy-verification", "ambtenaar"):  # the envelope, Socket Mode's request body
        assert body_part not in logs


def test_serve_refuses_an_app_token_slack_rejects(web: FakeSlack, tmp_path: Path) -> None:
    web.reply_next("apps.connections.open", {"ok": False, "error": "invalid_auth"})
    result = run_cli("serve", env=serve_env(web), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(messages.app_token_rejected("invalid_auth"))
    assert APP_TOKEN not in result.stderr and TOKEN not in result.stderr


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
    for name, value in (("SLACK_BOT_TOKEN", TOKEN), ("SLACK_APP_TOKEN", APP_TOKEN)):
        if name != missing:
            clean_env.setenv(name, value)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err.strip() == messages.setting_missing(missing)


def test_serve_refuses_a_bot_token_in_place_of_the_app_token(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean_env.setenv("SLACK_BOT_TOKEN", TOKEN)
    clean_env.setenv("SLACK_APP_TOKEN", TOKEN)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == messages.app_token_malformed() and TOKEN not in err
