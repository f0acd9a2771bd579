"""👍 / 👎 under every answer, against the fake Slack over signed HTTP, into a real answer log
(SQLite and PostgreSQL), and out again through `kamervraag report`."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot import messages
from bot.answerlog.records import voter
from bot.answerlog.store import AnswerLog
from bot.corpus import Corpus
from tests.slack.driver import BotFactory, SlackDriver
from tests.slack.fake_slack import RESPONSE_URL, Call, FakeSlack
from tests.slack.payloads import CHANNEL, USER
from tests.slack.slack_support import all_text, shows_answer

QUESTION = "Hoeveel troepen trekt de VS precies terug uit Irak?"  # a sure answer: posted in the thread


def feedback_buttons(call: Call) -> dict[str, dict[str, Any]]:
    return {b["action_id"]: b for b in call.buttons() if b["action_id"].startswith("feedback_")}


def click(bot: SlackDriver, call: Call, action_id: str, *, user: str = USER) -> str:
    """A click on the answer's 👍 or 👎, as Slack sends it for a message in a channel thread."""
    ts = str(call.response.get("ts") or "1700000000.000100")
    container = {"type": "message", "message_ts": ts, "channel_id": CHANNEL, "is_ephemeral": False}
    value = feedback_buttons(call)[action_id]["value"]
    return bot.click(value, container=container, message={"ts": ts, "type": "message"}, action_id=action_id, user=user)


def ask_in_thread(bot: SlackDriver, fake: FakeSlack) -> Call:
    bot.mention(QUESTION)
    (call,) = fake.wait_for(1, method="chat.postMessage")
    return call


def report(url: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMERVRAAG_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "report", *args],
        env={**env, "KAMERVRAAG_DATABASE_URL": url},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_answer_has_thumbs_but_a_decline_has_none(make_bot: BotFactory, fake: FakeSlack, tmp_path: Path) -> None:
    bot = make_bot(KAMERVRAAG_DATABASE_URL=f"sqlite:///{tmp_path / 'log.sqlite3'}")
    bot.command("53")
    bot.mention("xylofoon kwartel pindakaas")
    answer, decline = fake.wait_for(1, method=RESPONSE_URL)[0], fake.wait_for(1, method="chat.postMessage")[0]
    buttons = feedback_buttons(answer)
    assert [b["text"]["text"] for b in buttons.values()] == [messages.FEEDBACK_UP, messages.FEEDBACK_DOWN]
    assert buttons["feedback_up"]["value"] == buttons["feedback_down"]["value"]
    assert buttons["feedback_up"]["value"].startswith("kst-27925-748:53#")
    assert not feedback_buttons(decline)


def test_a_thumbs_down_in_slack_shows_up_in_the_report(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus, database_url: str, tmp_path: Path
) -> None:
    bot = make_bot(KAMERVRAAG_DATABASE_URL=database_url)
    answer = ask_in_thread(bot, fake)
    assert shows_answer(answer, corpus, 1)

    click(bot, answer, "feedback_down")
    (opened,) = fake.wait_for(1, method="views.open")
    view = json.loads(opened.params["view"]) if isinstance(opened.params["view"], str) else opened.params["view"]
    assert opened.params["trigger_id"] == "1.2.3"
    assert view["callback_id"] == "feedback_reason"
    labels = [o["text"]["text"] for o in view["blocks"][1]["element"]["options"]]
    assert labels == ["Verkeerd antwoord", "Onvolledig", "Verouderd", "Anders"]

    values = {
        "reason": {"reason": {"type": "radio_buttons", "selected_option": {"value": "outdated"}}},
        "comment": {"comment": {"type": "plain_text_input", "value": "De missie is inmiddels afgelopen."}},
    }
    result = bot.submit(view, values)
    assert result.status == 200
    thanks = json.loads(result.body)
    assert thanks["response_action"] == "update"
    assert messages.FEEDBACK_THANKS in json.dumps(thanks["view"], ensure_ascii=False)
    bot.drain()  # the answer log's writer has written everything

    lines = [json.loads(line) for line in report(database_url, "--json", cwd=tmp_path).stdout.splitlines()]
    assert lines == [
        {
            "time": lines[0]["time"],
            "query": QUESTION,
            "answered": True,
            "document": "kst-27925-748",
            "number": 1,
            "score": lines[0]["score"],
            "feedback": "down",
            "kind": "channel",
            "certainty": "Zeker",  # posted in the thread, so the bot was sure (issue 12)
        }
    ]
    assert 0 < lines[0]["score"] <= 1
    text = report(database_url, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "vraag 1: verouderd: “De missie is inmiddels afgelopen.”" in text.stdout
    assert f"gevraagd als “{QUESTION}”" in text.stdout


def test_one_vote_per_person_a_second_click_changes_it(
    make_bot: BotFactory, fake: FakeSlack, database_url: str
) -> None:
    bot = make_bot(KAMERVRAAG_DATABASE_URL=database_url)
    answer = ask_in_thread(bot, fake)
    click(bot, answer, "feedback_up")
    (thanks,) = fake.wait_for(1, method=RESPONSE_URL)
    assert thanks.params["response_type"] == "ephemeral" and thanks.params["replace_original"] is False
    assert all_text(thanks).startswith(messages.FEEDBACK_THANKS)
    click(bot, answer, "feedback_up", user="U0COLLEAGUE")
    click(bot, answer, "feedback_down")
    fake.wait_for(1, method="views.open")
    bot.drain()
    with AnswerLog.open(database_url) as log:
        votes = {v.voter: v.vote for v in log.votes()}
    assert votes == {voter(USER): "down", voter("U0COLLEAGUE"): "up"}


def test_log_queries_off_keeps_the_question_text_out(make_bot: BotFactory, fake: FakeSlack, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    bot = make_bot(KAMERVRAAG_DATABASE_URL=url, KAMERVRAAG_LOG_QUERIES="0")
    bot.message(QUESTION, channel="D0DIRECT", channel_type="im")
    fake.wait_for(1, method="chat.postMessage")
    bot.drain()
    with AnswerLog.open(url) as log:
        (entry,) = log.entries()
    assert (entry.query, entry.kind, entry.answered, entry.number) == (None, "dm", True, 1)


def test_a_database_that_is_down_costs_one_warning_not_an_answer(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bot = make_bot(KAMERVRAAG_DATABASE_URL=f"postgresql://kamervraag:pw-geheim@127.0.0.1:{port}/log")
    with caplog.at_level(logging.WARNING):
        bot.command("53")
        bot.command("55")
        answers = fake.wait_for(2, method=RESPONSE_URL)
        bot.drain()
    assert {shows_answer(a, corpus, 53) or shows_answer(a, corpus, 55) for a in answers} == {True}
    warnings = [r for r in caplog.records if r.name == "kamervraag.answerlog"]
    assert len(warnings) == 1
    assert "pw-geheim" not in caplog.text


def test_thumbs_with_the_answer_log_off_are_not_shown(make_bot: BotFactory, fake: FakeSlack) -> None:
    bot = make_bot(KAMERVRAAG_DATABASE_URL="off")
    bot.command("53")
    (answer,) = fake.wait_for(1, method=RESPONSE_URL)
    assert not feedback_buttons(answer)


def test_a_feedback_button_with_a_value_from_elsewhere_gets_a_dutch_note(make_bot: BotFactory, fake: FakeSlack) -> None:
    bot = make_bot(KAMERVRAAG_DATABASE_URL="off")
    container = {"type": "message", "message_ts": "1690000000.000100", "channel_id": CHANNEL, "is_ephemeral": False}
    bot.click("geen-item", container=container, message={"ts": "1690000000.000100"}, action_id="feedback_down")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["text"] == messages.unknown_button()
    assert not fake.calls_to("views.open")
