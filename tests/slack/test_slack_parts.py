"""The small parts on their own: reading Slack text, dedupe memory, thread memory, redaction."""

from __future__ import annotations

import io
import json
import logging
import time

import pytest
from slack_bolt import BoltRequest, BoltResponse

from bot import messages
from bot.corpus import Corpus
from bot.slack.app import create_app, shutdown_app
from bot.slack.dedupe import DuplicateEvents, SeenKeys
from bot.slack.logging import REDACTED, RedactingFilter, redact, register_secrets
from bot.slack.text import is_follow_up, is_help, mentions_others, mentions_user, strip_mentions, unescape
from bot.slack.threads import ThreadMemory
from bot.slack.web import SlackWeb
from bot.store import MemoryStore
from tests.slack.driver import BotFactory
from tests.slack.fake_slack import BOT_ID, BOT_USER_ID, RESPONSE_URL, FakeSlack
from tests.slack.payloads import USER
from tests.slack.slack_support import SIGNING_SECRET, TOKEN, FixedEngine, make_settings


# --- text -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "stripped"),
    [
        ("<@U0BOT> 53", "53"),
        ("<@U0BOT|kamervraag>   vraag 53?", "vraag 53?"),
        ("hoi <@U0BOT> en <@W0OTHER|iemand> troepen", "hoi en troepen"),
        ("<@U0BOT>", ""),
    ],
)
def test_strip_mentions(raw: str, stripped: str) -> None:
    assert strip_mentions(raw) == stripped


def test_mentions_user_only_for_that_user() -> None:
    assert mentions_others("<@U0BOT> en <@U0COLLEGA>?", "U0BOT") and not mentions_others("<@U0BOT> 53?", "U0BOT")
    assert mentions_user("kijk <@U0BOT|kv> even", "U0BOT")
    assert not mentions_user("kijk <@U0OTHER> even", "U0BOT")
    assert not mentions_user("<@U0BOT>", None)


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [
        ("en 55?", True),
        ("vraag 54", True),
        ("Wat zegt vraag 54 daarover", True),
        ("Hoeveel militairen zijn er?", True),
        ("54", True),
        ("dank je", False),
        ("ik kijk er morgen naar.", False),
        ("", False),
    ],
)
def test_is_follow_up(text: str, follow_up: bool) -> None:
    assert is_follow_up(text) is follow_up


def test_unescape_and_help() -> None:
    assert unescape("a &amp;lt; b &lt;!channel&gt;") == "a &lt; b <!channel>"
    assert is_help("") and is_help("  Help ") and is_help("hulp") and is_help("Hulp?") and is_help("uitleg!")
    assert not is_help("53") and not is_help("helpt dat?")


# --- dedupe ----------------------------------------------------------------------------------------------------
def test_seen_keys_is_bounded_and_answers_once() -> None:
    store = MemoryStore(capacity=3)
    seen = SeenKeys(store)
    assert seen.first_time(("a",)) and not seen.first_time(("a",))
    for k in "bcd":
        assert seen.first_time((k,))
    assert len(store) == 3
    assert seen.first_time(("a",))  # forgotten: the oldest went first


def test_duplicate_events_middleware_stops_a_second_delivery() -> None:
    middleware = DuplicateEvents(SeenKeys())
    body = json.dumps({"type": "event_callback", "event_id": "Ev1", "event": {"type": "app_mention"}})
    calls: list[str] = []

    def run() -> BoltResponse | None:
        request = BoltRequest(body=body, headers={"content-type": ["application/json"]})
        return middleware.process(req=request, resp=BoltResponse(status=200), next=lambda: calls.append("next"))

    run()
    second = run()
    assert calls == ["next"]
    assert second is not None and second.status == 200


# --- thread memory -----------------------------------------------------------------------------------------------
def test_thread_memory_asks_slack_once_per_unknown_thread(fake: FakeSlack) -> None:
    client = fake.web_client()
    memory = ThreadMemory()
    fake.replies[("C1", "1.0")] = [{"ts": "1.0", "user": "U1"}, {"ts": "1.1", "bot_id": BOT_ID, "user": BOT_USER_ID}]
    fake.replies[("C1", "2.0")] = [{"ts": "2.0", "user": "U1"}]
    ask = {"bot_user_id": BOT_USER_ID, "bot_id": BOT_ID}
    assert memory.is_ours(client, channel="C1", thread_ts="1.0", **ask)
    assert memory.is_ours(client, channel="C1", thread_ts="1.0", **ask)
    assert not memory.is_ours(client, channel="C1", thread_ts="2.0", **ask)
    assert not memory.is_ours(client, channel="C1", thread_ts="2.0", **ask)
    assert len(fake.calls_to("conversations.replies")) == 2
    memory.remember("C1", "2.0")  # the bot answered there after all
    assert memory.is_ours(client, channel="C1", thread_ts="2.0", **ask)


def test_thread_memory_treats_a_slack_error_as_not_ours_without_remembering(fake: FakeSlack) -> None:
    client = fake.web_client()
    memory = ThreadMemory()
    fake.reply_next("conversations.replies", {"ok": False, "error": "missing_scope"})
    assert not memory.is_ours(client, channel="C1", thread_ts="3.0", bot_user_id=BOT_USER_ID, bot_id=BOT_ID)
    assert memory.known("C1", "3.0") is None


# --- redaction ---------------------------------------------------------------------------------------------------
def test_redact_removes_tokens_secrets_and_response_urls() -> None:
    register_secrets(["my-signing-secret-value"])
    text = (
        "token xoxb-123-456-abcDEF app xapp-1-A1-xyz secret my-signing-secret-value "
        "url https://hooks.slack.com/commands/T1/2/abc response_url=http%3A%2F%2Fx 'response_url': 'http://h/p'"
    )
    out = redact(text)
    for leaked in (
        "xoxb-123",
        "xapp-1",
        "my-signing-secret-value",
        "hooks.slack.com/commands",
        "http%3A",
        "http://h/p",
    ):
        assert leaked not in out
    assert out.count(REDACTED) >= 6


def test_verification_failure_logs_no_body(fake: FakeSlack, corpus: Corpus) -> None:
    """Into the WSGI front as gunicorn calls it: the rejection's log line must not carry the body."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    app = create_app(make_settings(fake), corpus=corpus, engine=FixedEngine(corpus, answer=None))
    try:
        body = "command=%2Fkamervraag&text=geheim&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT%2F1%2Fzz"
        web = SlackWeb(signing_secret=SIGNING_SECRET)
        web.attach(app)
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/slack/events",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_X_SLACK_REQUEST_TIMESTAMP": str(int(time.time())),
            "HTTP_X_SLACK_SIGNATURE": "v0=bad",
            "wsgi.input": io.BytesIO(body.encode()),
        }
        statuses: list[str] = []
        web(environ, lambda status, headers, exc_info=None: statuses.append(status))  # type: ignore[arg-type,misc]
        assert statuses == ["401 Unauthorized"]
    finally:
        shutdown_app(app)
        root.removeHandler(handler)
        root.setLevel(old)
    logs = stream.getvalue()
    assert "invalid or stale signature rejected" in logs
    assert "geheim" not in logs and "hooks.slack.com" not in logs and body not in logs
    assert TOKEN not in logs and SIGNING_SECRET not in logs


def test_redacting_filter_keeps_the_record_but_not_the_secret() -> None:
    record = logging.LogRecord(
        "x",
        logging.ERROR,
        __file__,
        1,
        "sent %s to %s",
        ("xoxb-9-9-secret", "https://hooks.slack.com/actions/T/1/x"),
        None,
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage() == f"sent {REDACTED} to {REDACTED}"


def test_a_broken_response_url_falls_back_to_a_private_note_in_the_channel(
    make_bot: BotFactory, fake: FakeSlack
) -> None:
    bot = make_bot()
    fake.fail_next(RESPONSE_URL, status=404)
    bot.command("53")
    (note,) = fake.wait_for(1, method="chat.postEphemeral")
    assert note.params["user"] == USER and note.params["text"] == messages.something_went_wrong()
