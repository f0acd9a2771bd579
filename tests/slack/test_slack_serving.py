"""What production serving adds around the answers: the bounded queue's Dutch "busy" reply, one log
line per request (JSON fields, the question only when asked for), and the metrics."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from prometheus_client import REGISTRY

from bot import messages
from bot.corpus import Corpus
from bot.slack.app import LISTENER_THREADS, store_of
from bot.slack.logging import JsonFormatter
from bot.slack.server import ReadyWorkers
from bot.slack.web import SlackWeb
from tests.slack.driver import BotFactory, SlackDriver
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.payloads import mention_event
from tests.slack.slack_support import SIGNING_SECRET, shows_answer
from tests.slack.web_server import WebServer


def _metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def request_log() -> Iterator[io.StringIO]:
    """The request log as `KAMERVRAAG_LOG_FORMAT=json` writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("kamervraag.requests")
    old = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


# --- the bounded queue -----------------------------------------------------------------------------------
def test_a_full_queue_gets_a_dutch_busy_reply_not_silence(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(KAMERVRAAG_QUEUE_SIZE="0")  # room for the answers being worked on only
    busy_before = _metric("kamervraag_requests_total", kind="command", outcome="busy")
    gate = fake.hold(RESPONSE_URL)
    try:
        for _ in range(LISTENER_THREADS):
            assert bot.command("53")[0].status == 200
        fake.wait_until_waiting(LISTENER_THREADS)  # every answer thread hangs in the response_url

        result, _ = bot.command("54")
        assert result.status == 200  # acknowledged, and told at once, privately
        assert json.loads(result.body) == {"response_type": "ephemeral", "text": messages.busy()}

        event = bot.mention("55")  # a mention cannot be answered in the ack: a note in its thread
        (note,) = fake.wait_for(1, method="chat.postMessage")
        assert note.params["text"] == messages.busy() and note.params["thread_ts"] == event["ts"]
    finally:
        gate.set()
    answers = fake.wait_for(LISTENER_THREADS, method=RESPONSE_URL)
    assert all(shows_answer(a, corpus, 53) for a in answers)
    bot.drain()
    assert len(fake.calls_to(RESPONSE_URL)) == LISTENER_THREADS  # "54" was never queued, so never answered
    assert _metric("kamervraag_requests_total", kind="command", outcome="busy") == busy_before + 1


def test_the_queue_frees_up_and_answers_again(make_bot: BotFactory, fake: FakeSlack, corpus: Corpus) -> None:
    bot = make_bot(KAMERVRAAG_QUEUE_SIZE="0")
    for n in range(3 * LISTENER_THREADS):  # more than fit at once, one after another
        assert bot.command("53")[0].body == ""
        fake.wait_for(n + 1, method=RESPONSE_URL)
    bot.drain()


# --- one log line per request -----------------------------------------------------------------------------
def test_one_json_line_per_request_without_the_question(
    make_bot: BotFactory, fake: FakeSlack, request_log: io.StringIO
) -> None:
    bot = make_bot(KAMERVRAAG_LOG_FORMAT="json")
    bot.command("53")
    bot.command("Hoeveel troepen trekt de VS terug uit Irak?")
    bot.command("hoeveel olifanten wonen er op de maan?")
    bot.drain()
    by_item = _lines(request_log)
    assert sorted((str(line["kind"]), str(line["outcome"])) for line in by_item) == [
        ("command", "answered"),
        ("command", "answered"),
        ("command", "declined"),
    ]
    numbered = next(line for line in by_item if line.get("item") == "kst-27925-748:53")
    assert numbered["kind"] == "command" and "score" not in numbered  # by number: no match score
    assert isinstance(numbered["ack_ms"], float) and isinstance(numbered["answer_ms"], float)
    assert numbered["answer_ms"] >= numbered["ack_ms"]
    worded = [line for line in by_item if "score" in line]
    assert len(worded) == 2 and all(0.0 <= float(str(line["score"])) <= 1.0 for line in worded)
    logs = request_log.getvalue()
    assert "olifanten" not in logs and "troepen" not in logs and "query" not in logs  # KAMERVRAAG_LOG_QUERIES unset


def test_the_question_is_logged_only_with_log_queries_on(
    make_bot: BotFactory, fake: FakeSlack, request_log: io.StringIO
) -> None:
    bot = make_bot(KAMERVRAAG_LOG_QUERIES="1")
    bot.mention("hoeveel Amerikaanse troepen blijven er in Irak?")
    bot.drain()
    (line,) = _lines(request_log)
    assert line["kind"] == "mention" and line["query"] == "hoeveel Amerikaanse troepen blijven er in Irak?"


def test_duplicates_failures_and_slack_errors_are_counted(
    make_bot: BotFactory, fake: FakeSlack, request_log: io.StringIO
) -> None:
    bot = make_bot()
    errors_before = _metric("kamervraag_slack_api_errors_total", method="chat.postMessage", error="msg_too_long")
    declines_before = _metric("kamervraag_declines_total")
    fake.reply_next("chat.postMessage", {"ok": False, "error": "msg_too_long"})
    body = bot.event_body(mention_event("53", bot.new_ts()), event_id="Ev0COUNTED")
    assert bot.post(body, content_type="application/json").status == 200
    fake.wait_for(2, method="chat.postMessage")  # the refusal, then the Dutch sentence
    assert bot.post(body, content_type="application/json").status == 200  # Slack's retry
    bot.command("hoeveel olifanten wonen er op de maan?")
    bot.drain()
    outcomes = sorted(str(line["outcome"]) for line in _lines(request_log))
    assert outcomes == ["declined", "duplicate", "failed"]
    after = _metric("kamervraag_slack_api_errors_total", method="chat.postMessage", error="msg_too_long")
    assert after == errors_before + 1
    assert _metric("kamervraag_declines_total") == declines_before + 1


# --- several worker processes -------------------------------------------------------------------------------
def test_a_server_is_ready_only_when_every_worker_is(bot: SlackDriver) -> None:
    workers = ReadyWorkers(2)
    web = SlackWeb(signing_secret=SIGNING_SECRET, peers_ready=workers.all)
    web.corpus_loaded(store_of(bot.app))
    web.attach(bot.app)
    workers.add(1)  # this one; the other worker process is still building its index
    server = WebServer(web)
    try:
        driver = SlackDriver(server, bot.app, bot.fake)
        assert driver.request("GET", "/readyz").status == 503
        workers.add(1)
        assert driver.request("GET", "/readyz").status == 200
    finally:
        server.close()
