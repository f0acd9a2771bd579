"""Safety: duplicates answered once, bad requests rejected with a 4xx and nothing run, Slack errors
and crashes turned into a Dutch sentence, retries on 429, secrets never in the logs."""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Iterator

import pytest
from slack_sdk.signature import Clock

from bot import messages
from bot.corpus import Corpus, ItemKey
from bot.search import Engine, Outcome
from bot.settings import SettingsProblem
from bot.slack.app import LISTENER_THREADS, create_app, store_of
from bot.slack.web import MAX_BODY_BYTES, SlackWeb
from tests.slack.driver import BotFactory, SlackDriver
from tests.slack.fake_slack import BOT_USER_ID, RESPONSE_URL, FakeSlack
from tests.slack.payloads import CHANNEL, USER, mention_event
from tests.slack.slack_support import SIGNING_SECRET, TOKEN, make_settings, shows_answer, sign_body
from tests.slack.web_server import WebServer


# --- duplicates ------------------------------------------------------------------------------------
def test_the_same_event_delivered_twice_is_answered_once(bot: SlackDriver, fake: FakeSlack) -> None:
    event = mention_event("53", bot.new_ts())
    body = bot.event_body(event, event_id="Ev0DUPLICATE")
    assert bot.post(body, content_type="application/json").status == 200
    retry = bot.post(
        body,
        content_type="application/json",
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    assert retry.status == 200
    bot.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_a_retry_of_an_event_never_handled_is_answered(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    event = mention_event("53", bot.new_ts())
    bot.post(bot.event_body(event), content_type="application/json", headers={"X-Slack-Retry-Num": "2"})
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert shows_answer(call, corpus, 53)


# --- bad requests ------------------------------------------------------------------------------------
def _mention_body(bot: SlackDriver) -> str:
    return bot.event_body(mention_event("53", bot.new_ts()))


class _FrozenClock(Clock):
    def __init__(self, now: int) -> None:
        self._now = now

    def now(self) -> float:
        return float(self._now)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("forged", 401),
        ("other_secret", 401),
        ("unsigned", 401),
        ("stale", 401),
        ("future", 401),
        ("non_numeric_timestamp", 400),
        ("no_timestamp", 400),
    ],
)
def test_bad_requests_get_a_4xx_and_run_nothing(
    make_bot: BotFactory, fake: FakeSlack, case: str, expected: int
) -> None:
    now = int(time.time())
    bot = make_bot(clock=_FrozenClock(now))  # 301 s stays 301 s, however slow the machine
    body = _mention_body(bot)
    if case == "forged":
        result = bot.post(body, content_type="application/json", signature="v0=" + "0" * 64)
    elif case == "other_secret":
        result = bot.post(
            body, content_type="application/json", signature=sign_body(body, str(now), secret="not-the-secret")
        )
    elif case == "unsigned":
        result = bot.post(body, content_type="application/json", sign=False)
    elif case == "stale":
        old = str(now - 301)
        result = bot.post(body, content_type="application/json", timestamp=old, signature=sign_body(body, old))
    elif case == "future":
        later = str(now + 600)  # beyond the five-minute window however slow this test runs
        result = bot.post(body, content_type="application/json", timestamp=later, signature=sign_body(body, later))
    elif case == "non_numeric_timestamp":
        result = bot.post(body, content_type="application/json", timestamp="12abc", signature=sign_body(body, "12abc"))
    else:
        result = bot.request("POST", "/slack/events", body.encode(), {"Content-Type": "application/json"})
    assert result.status == expected
    bot.drain()
    assert [c.method for c in fake.calls] == ["auth.test"]  # the token check at start-up; nothing ran


def test_header_names_in_any_case_are_accepted(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    """A proxy speaking HTTP/2 passes header names on in lower case; they are the same headers."""
    body = _mention_body(bot)
    timestamp = str(int(time.time()))
    headers = {
        "content-type": "application/json",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": sign_body(body, timestamp),
    }
    assert bot.request("POST", "/slack/events", body.encode(), headers).status == 200
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert shows_answer(call, corpus, 53)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
    ],
)
def test_signed_but_malformed_bodies_get_400(bot: SlackDriver, fake: FakeSlack, body: str, content_type: str) -> None:
    assert bot.post(body, content_type=content_type).status == 400
    bot.drain()
    assert [c.method for c in fake.calls] == ["auth.test"]


def test_other_paths_and_methods_are_not_found(bot: SlackDriver) -> None:
    assert bot.request("GET", "/slack/events").status == 404
    assert bot.request("POST", "/elders", b"{}", {"Content-Type": "application/json"}).status == 404
    bad_length = bot.request("POST", "/slack/events", b"", {"Content-Length": "abc"})
    assert 400 <= bad_length.status < 500
    announced = {"Content-Type": "application/json", "Content-Length": str(MAX_BODY_BYTES + 1)}
    too_large = bot.request("POST", "/slack/events", b"", announced)  # refused before a byte is read
    assert too_large.status == 413


def test_url_verification_answers_the_challenge(bot: SlackDriver) -> None:
    result = bot.post(
        '{"type": "url_verification", "challenge": "abc123", "token": "x"}', content_type="application/json"
    )
    assert result.status == 200 and "abc123" in result.body


def test_health_and_readiness_follow_the_start_and_the_stop(bot: SlackDriver) -> None:
    assert (bot.request("GET", "/healthz").status, bot.request("GET", "/readyz").status) == (200, 200)
    web = SlackWeb(signing_secret=SIGNING_SECRET)
    server = WebServer(web)
    try:
        waiting = SlackDriver(server, bot.app, bot.fake)
        starting = waiting.request("GET", "/healthz")
        assert starting.status == 503 and json.loads(starting.body) == {"status": "starting"}
        assert waiting.command("53")[0].status == 503

        web.corpus_loaded(store_of(bot.app))  # alive, not yet ready: the index is being built
        alive = waiting.request("GET", "/healthz")
        assert alive.status == 200 and json.loads(alive.body) == {"status": "ok", "store": "memory"}
        assert waiting.request("GET", "/readyz").status == 503

        web.attach(bot.app)
        assert waiting.request("GET", "/readyz").status == 200
        assert waiting.command("53")[0].status == 200

        web.drain()  # SIGTERM: out of the load balancer, no new work
        assert json.loads(waiting.request("GET", "/readyz").body) == {"status": "draining"}
        assert waiting.request("GET", "/readyz").status == 503
        assert waiting.command("54")[0].status == 503
        assert waiting.request("GET", "/healthz").status == 200  # still alive: no restart while draining
    finally:
        server.close()


def test_a_chunked_body_is_read_and_answered(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    """gunicorn hands a chunked body to the app as a stream without a length; it is read to its end."""
    body = _mention_body(bot)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign_body(body, timestamp),
    }

    def chunked(data: bytes) -> dict[str, object]:  # no CONTENT_LENGTH: the length shows only while reading
        return {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/slack/events",
            "CONTENT_TYPE": headers["Content-Type"],
            "HTTP_X_SLACK_REQUEST_TIMESTAMP": timestamp,
            "HTTP_X_SLACK_SIGNATURE": headers["X-Slack-Signature"],
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.input": io.BytesIO(data),
        }

    web = SlackWeb(signing_secret=SIGNING_SECRET)
    web.corpus_loaded(store_of(bot.app))
    web.attach(bot.app)
    statuses: list[str] = []
    web(chunked(body.encode()), lambda status, headers, exc_info=None: statuses.append(status))  # type: ignore[arg-type,misc]
    assert statuses == ["200 OK"]
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert shows_answer(call, corpus, 53)
    web(chunked(b"x" * (MAX_BODY_BYTES + 1)), lambda status, headers, exc_info=None: statuses.append(status))  # type: ignore[arg-type,misc]
    assert statuses[-1] == "413 Request Entity Too Large"


def test_acks_are_immediate_even_when_every_worker_is_busy(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    gate = fake.hold("chat.postMessage")
    try:
        for _ in range(LISTENER_THREADS):
            bot.mention("53")
        fake.wait_until_waiting(LISTENER_THREADS)  # every worker now hangs in chat.postMessage
        result, _ = bot.command("54")
        assert result.status == 200 and result.body == ""  # acknowledged by the request thread itself
        assert not fake.calls_to(RESPONSE_URL)  # the answer itself waits for a worker
    finally:
        gate.set()
    fake.wait_for(LISTENER_THREADS, method="chat.postMessage")
    (answer,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(answer, corpus, 54)


# --- Slack errors and crashes --------------------------------------------------------------------------
def test_rate_limit_is_retried_and_the_answer_appears_once(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    event = bot.mention("53")
    (visible,) = fake.wait_for(1, method="chat.postMessage", ok=True)
    bot.drain()
    attempts = fake.calls_to("chat.postMessage")
    assert [c.status for c in attempts] == [429, 200]
    assert visible.params["thread_ts"] == event["ts"]
    assert shows_answer(visible, corpus, 53)
    assert len(fake.posts()) == 1


def test_a_server_error_is_retried_and_the_answer_appears_once(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus
) -> None:
    fake.fail_next("chat.postMessage", status=500)
    bot.mention("53")
    (visible,) = fake.wait_for(1, method="chat.postMessage", ok=True)
    assert shows_answer(visible, corpus, 53)
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [500, 200]


def test_rate_limited_response_url_is_retried_too(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    fake.fail_next(RESPONSE_URL, status=429, retry_after=0)
    bot.command("53")
    (visible,) = fake.wait_for(1, method=RESPONSE_URL, ok=True)
    assert shows_answer(visible, corpus, 53)
    assert [c.status for c in fake.calls_to(RESPONSE_URL)] == [429, 200]


def test_slack_api_error_is_told_to_the_user_in_dutch(bot: SlackDriver, fake: FakeSlack) -> None:
    fake.reply_next("chat.postMessage", {"ok": False, "error": "msg_too_long"})
    event = bot.mention("53")
    failed, told = fake.wait_for(2, method="chat.postMessage")
    assert not failed.ok
    assert told.ok and told.params["thread_ts"] == event["ts"]
    assert told.params["text"] == messages.slack_refused("msg_too_long")


class _BrokenEngine(Engine):
    def ask(self, query: str, *, top: int = 5, document: str | None = None) -> Outcome:
        raise RuntimeError("index kapot")

    def related(self, key: ItemKey, *, limit: int = 5) -> tuple[ItemKey, ...]:
        raise RuntimeError("index kapot")


def test_a_crash_in_a_listener_becomes_a_dutch_message(make_bot: BotFactory, fake: FakeSlack, corpus: Corpus) -> None:
    bot = make_bot(engine_=_BrokenEngine(corpus))
    bot.mention("53")
    bot.command("53")
    (in_thread,) = fake.wait_for(1, method="chat.postMessage")
    (private,) = fake.wait_for(1, method=RESPONSE_URL)
    assert in_thread.params["text"] == messages.something_went_wrong()
    assert private.params["text"] == messages.something_went_wrong()
    assert private.params["response_type"] == "ephemeral"


# --- logs -------------------------------------------------------------------------------------------
@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """Everything logged anywhere, at DEBUG, through a plain handler on the root logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_no_secret_response_url_or_body_in_debug_logs(
    debug_log: io.StringIO, make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(KAMERVRAAG_LOG_LEVEL="DEBUG")
    _, command_url = bot.command("53")
    fake.wait_for(1, method=RESPONSE_URL)
    event = bot.mention("vraag 54")
    fake.wait_for(1, method="chat.postMessage")
    click_url = bot.click(
        "kst-27925-748:55",
        container={"type": "message", "message_ts": "1690000000.002000", "channel_id": CHANNEL, "is_ephemeral": True},
        message=None,
    )
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    bot.message("en 55?", thread_ts=event["ts"])
    forged = _mention_body(bot)
    assert bot.post(forged, content_type="application/json", signature="v0=" + "1" * 64).status == 401
    unhandled = bot.event_body({"type": "reaction_added", "user": USER, "reaction": "+1"})
    bot.post(unhandled, content_type="application/json")
    bot.drain()

    logs = debug_log.getvalue()
    assert "Sending a request" in logs  # DEBUG really was on
    for secret in (TOKEN, SIGNING_SECRET, "s3cr3tR3sp0nseP4th", command_url, click_url):
        assert secret not in logs, secret
    for body in bot.sent_bodies:
        assert body not in logs
        assert body[:80] not in logs
    assert f"<@{BOT_USER_ID}> vraag 54" not in logs  # the event's text (part of the body) neither
    assert "response_url=" not in logs
    assert "legacy-verification" not in logs  # the verification token every payload carries


def test_the_token_is_checked_once_at_start_up_and_never_in_an_ack(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot()
    fake.hold("auth.test")  # a Slack that would keep auth.test waiting: no request may ask it
    for number in (53, 54):
        result, _ = bot.command(str(number))
        assert result.status == 200
    answers = fake.wait_for(2, method=RESPONSE_URL)
    assert {n for n in (53, 54) if any(shows_answer(a, corpus, n) for a in answers)} == {53, 54}
    assert len(fake.calls_to("auth.test")) == 1  # the start-up check


def test_a_token_slack_rejects_stops_the_start_with_a_dutch_line(fake: FakeSlack) -> None:
    fake.auth = {"ok": False, "error": "invalid_auth"}
    with pytest.raises(SettingsProblem) as refused:
        create_app(make_settings(fake))
    assert str(refused.value) == messages.token_rejected("invalid_auth")
