"""Socket Mode end to end: the real app behind Bolt's built-in handler, against a fake Slack on loopback.

Each envelope must be acknowledged within Slack's 3 s; the answer is what the fake Web API recorded.
"""

from __future__ import annotations

import logging
import threading

import pytest

from bot.corpus import Corpus
from bot.render.slack import button_value
from bot.search import Engine
from tests.slack.fake_slack import BOT_ID, BOT_USER_ID, RESPONSE_URL, Answer, Call, FakeSlack
from tests.slack.payloads import (
    CHANNEL,
    USER,
    command_form,
    event_callback,
    mention_event,
    message_event,
    thread_button_click,
)
from tests.slack.slack_support import APP_TOKEN, key, shows_answer
from tests.slack_socket.fake_socket_mode import FakeSocketMode
from tests.slack_socket.running import Running
from tests.slack_socket.silent_link import SilentLink


def test_command_mention_thread_reply_and_button_then_reconnect_and_a_retry_answered_once(
    running: Running, web: FakeSlack, slack: FakeSocketMode, corpus: Corpus
) -> None:
    first = slack.connection(1)
    first.wait_reading()
    (opened,) = slack.opened_urls()
    assert opened.headers.get("Authorization") == f"Bearer {APP_TOKEN}"  # the app-level token opens it

    # /kamervraag 53: acknowledged, then the answer through the response_url, for the channel
    envelope = first.send_envelope("slash_commands", command_form("53", web.response_url()))
    assert first.wait_for_ack(envelope) == {"envelope_id": envelope}
    (answer,) = web.wait_for(1, method=RESPONSE_URL)
    assert answer.params["response_type"] == "in_channel" and shows_answer(answer, corpus, 53)

    # @kamervraag 54: the answer in the thread of the mention
    mention_ts = "1700000001.000100"
    web.replies[(CHANNEL, mention_ts)] = [
        {"ts": mention_ts, "user": USER, "text": "vraag 54"},
        {"ts": "1700000001.000200", "user": BOT_USER_ID, "bot_id": BOT_ID, "thread_ts": mention_ts},
    ]
    mention_body = event_callback(mention_event("54", mention_ts), "Ev0MENTION")
    first.wait_for_ack(first.send_envelope("events_api", mention_body))
    (posted,) = web.wait_for(1, method="chat.postMessage")
    assert posted.params["channel"] == CHANNEL and posted.params["thread_ts"] == mention_ts
    assert shows_answer(posted, corpus, 54)

    # a follow-up in that thread, without a new mention
    reply = message_event("en 55?", "1700000002.000100", thread_ts=mention_ts)
    first.wait_for_ack(first.send_envelope("events_api", event_callback(reply, "Ev0REPLY")))
    follow_up = web.wait_for(2, method="chat.postMessage")[1]
    assert follow_up.params["channel"] == CHANNEL and follow_up.params["thread_ts"] == mention_ts
    assert shows_answer(follow_up, corpus, 55)

    # a click on "Vraag 56" under the bot's answer: that answer in the same thread
    click = thread_button_click(
        button_value(key(corpus, 56)),
        message_ts=posted.response["ts"],
        thread_ts=mention_ts,
        response_url=web.response_url().replace("/commands/", "/actions/"),
    )
    first.wait_for_ack(first.send_envelope("interactive", click))
    clicked = web.wait_for(3, method="chat.postMessage")[2]
    assert clicked.params["channel"] == CHANNEL and clicked.params["thread_ts"] == mention_ts
    assert shows_answer(clicked, corpus, 56)

    # Slack asks for a new connection: a second URL, a second websocket, answers arrive there
    first.disconnect("refresh_requested")
    second = slack.connection(2)
    first.close()  # as Slack does, a little later
    second.wait_reading()
    assert len(slack.opened_urls()) == 2

    other_ts = "1700000003.000100"
    second.wait_for_ack(second.send_envelope("events_api", event_callback(mention_event("57", other_ts), "Ev0AGAIN")))
    moved = web.wait_for(4, method="chat.postMessage")[3]
    assert moved.params["thread_ts"] == other_ts and shows_answer(moved, corpus, 57)

    # Slack re-sends the first mention (same event_id, retry_attempt 1): acknowledged, not answered again
    retry = second.send_envelope("events_api", mention_body, retry_attempt=1, retry_reason="timeout")
    assert second.wait_for_ack(retry) == {"envelope_id": retry}
    running.stop()  # every answer in progress has finished after this
    posts = web.calls_to("chat.postMessage")
    assert [p.params["thread_ts"] for p in posts] == [mention_ts, mention_ts, mention_ts, other_ts]
    assert sum(shows_answer(p, corpus, 54) for p in posts) == 1
    assert len(web.calls_to(RESPONSE_URL)) == 1


def test_a_dropped_connection_is_replaced_and_answers_continue(
    running: Running, web: FakeSlack, slack: FakeSocketMode, corpus: Corpus
) -> None:
    first = slack.connection(1)
    first.wait_reading()
    first.close()  # gone, without a `disconnect` first

    second = slack.connection(2)
    second.wait_reading()
    assert len(slack.opened_urls()) == 2
    ts = "1700000010.000100"
    second.wait_for_ack(second.send_envelope("events_api", event_callback(mention_event("vraag 12", ts), "Ev0DROP")))
    (posted,) = web.wait_for(1, method="chat.postMessage")
    assert posted.params["thread_ts"] == ts and shows_answer(posted, corpus, 12)


def test_a_retry_of_an_event_never_answered_is_answered(
    running: Running, web: FakeSlack, slack: FakeSocketMode, corpus: Corpus
) -> None:
    """The first delivery never reached this bot (it was down): the retry is the one to answer."""
    conn = slack.connection(1)
    conn.wait_reading()
    ts = "1700000020.000100"
    body = event_callback(mention_event("53", ts), "Ev0LOST")
    conn.wait_for_ack(conn.send_envelope("events_api", body, retry_attempt=2, retry_reason="timeout"))
    (posted,) = web.wait_for(1, method="chat.postMessage")
    assert posted.params["thread_ts"] == ts and shows_answer(posted, corpus, 53)


def test_stop_closes_the_connection_and_opens_no_new_one(running: Running, slack: FakeSocketMode) -> None:
    conn = slack.connection(1)
    conn.wait_reading()
    client = running.bot.handler.client
    runners = [client.current_session_runner.thread, client.current_app_monitor.thread, client.message_processor.thread]
    assert all(thread.is_alive() for thread in runners)
    running.stop()
    assert conn.closed.wait(5)
    assert not running.bot.connected
    assert not any(thread.is_alive() for thread in runners)  # nothing left running in the background
    assert len(slack.opened_urls()) == 1


def test_stop_lets_an_answer_in_progress_finish(
    running: Running, web: FakeSlack, slack: FakeSocketMode, corpus: Corpus
) -> None:
    entered, release = threading.Event(), threading.Event()

    def slow_response_url(call: Call) -> Answer:
        entered.set()
        release.wait(10)
        return 200, {"ok": True}, {}

    web.on(RESPONSE_URL, slow_response_url)
    conn = slack.connection(1)
    conn.wait_reading()
    conn.wait_for_ack(conn.send_envelope("slash_commands", command_form("53", web.response_url())))
    assert entered.wait(5)  # the answer is on its way to Slack

    stopper = threading.Thread(target=running.stop)
    stopper.start()
    assert conn.closed.wait(5)  # no new envelopes…
    stopper.join(1)  # (a bound on what must not happen: closing alone takes milliseconds)
    assert stopper.is_alive()  # …but stopping waits for the answer still on its way
    release.set()
    stopper.join(10)
    assert not stopper.is_alive()
    (answer,) = web.calls_to(RESPONSE_URL)
    assert answer.ok and shows_answer(answer, corpus, 53)


def test_a_connection_gone_silent_is_replaced_by_the_watchdog(
    web: FakeSlack, slack: FakeSocketMode, corpus: Corpus, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """Open but silent (no close, no pong): the watchdog notices and connects anew; answers continue."""
    link = SilentLink(slack.address)
    slack.via = link.address
    bot = Running(web, corpus, engine)
    try:
        with caplog.at_level(logging.WARNING, logger="kamervraag.slack.socket_mode"):
            bot.bot.connect()
            first = slack.connection(1)
            first.wait_reading()
            link.go_silent()
            second = slack.connection(2, timeout=20)  # after SILENT_INTERVALS ping intervals
            second.wait_reading()
        assert any("silent" in r.getMessage() for r in caplog.records)
        ts = "1700000030.000100"
        second.wait_for_ack(second.send_envelope("events_api", event_callback(mention_event("53", ts), "Ev0SILENT")))
        (posted,) = web.wait_for(1, method="chat.postMessage")
        assert posted.params["thread_ts"] == ts and shows_answer(posted, corpus, 53)
    finally:
        bot.stop()
        link.close()
