"""Buttons ("Vraag 55"): in the thread of a channel message, or in place of a private message."""

from __future__ import annotations

from bot import messages
from bot.corpus import Corpus
from bot.render.slack import button_value
from tests.slack.driver import SlackDriver
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.payloads import CHANNEL
from tests.slack.slack_support import all_text, key, shows_answer


def test_click_on_a_channel_message_answers_in_its_thread(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    message_ts = "1690000000.000700"
    bot.click(
        button_value(key(corpus, 55)),
        container={"type": "message", "message_ts": message_ts, "channel_id": CHANNEL, "is_ephemeral": False},
        message={"ts": message_ts, "type": "message", "text": "Vraag 53"},
    )
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["channel"] == CHANNEL
    assert call.params["thread_ts"] == message_ts
    assert shows_answer(call, corpus, 55)
    assert not fake.calls_to(RESPONSE_URL)


def test_click_on_a_message_inside_a_thread_stays_in_that_thread(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus
) -> None:
    bot.click(
        button_value(key(corpus, 57)),
        container={
            "type": "message",
            "message_ts": "1690000000.000900",
            "thread_ts": "1690000000.000800",
            "channel_id": CHANNEL,
            "is_ephemeral": False,
        },
        message={"ts": "1690000000.000900", "thread_ts": "1690000000.000800", "text": "Vraag 53"},
    )
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["thread_ts"] == "1690000000.000800"
    assert shows_answer(call, corpus, 57)


def test_click_on_a_private_message_replaces_it(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    url = bot.click(
        button_value(key(corpus, 12)),
        container={"type": "message", "message_ts": "1690000000.001000", "channel_id": CHANNEL, "is_ephemeral": True},
        message=None,
    )
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.path == url.removeprefix(fake.url)
    assert call.params["replace_original"] is True
    assert call.params["response_type"] == "ephemeral"
    assert shows_answer(call, corpus, 12)
    assert not fake.calls_to("chat.postMessage")


def test_not_in_channel_falls_back_to_a_private_answer_with_invite_hint(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus
) -> None:
    fake.reply_next("chat.postMessage", {"ok": False, "error": "not_in_channel"})
    bot.click(
        button_value(key(corpus, 55)),
        container={"type": "message", "message_ts": "1690000000.001100", "channel_id": CHANNEL, "is_ephemeral": False},
        message={"ts": "1690000000.001100", "text": "Vraag 53"},
    )
    answer, hint = fake.wait_for(2, method=RESPONSE_URL)
    assert answer.params["response_type"] == "ephemeral"
    assert shows_answer(answer, corpus, 55)
    assert "/invite @kamervraag" in all_text(hint)
    assert all_text(hint).startswith(messages.not_in_channel())


def test_unknown_button_value_gets_a_dutch_note(bot: SlackDriver, fake: FakeSlack) -> None:
    bot.click(
        "kst-0000-0:999",
        container={"type": "message", "message_ts": "1690000000.001200", "channel_id": CHANNEL, "is_ephemeral": False},
        message={"ts": "1690000000.001200", "text": "x"},
    )
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["text"] == messages.unknown_button()
    assert not fake.calls_to("chat.postMessage")
