"""`create_app`: the only place the Bolt `App` is built (never at import time).

Example:
    app = create_app(settings)                         # production: client from settings
    app = create_app(settings, client=fake_client)     # tests: WebClient(base_url=local fake)
    ...
    shutdown_app(app, timeout=10)                      # SIGTERM: finish the answers in flight

The token is checked once, here at start-up (`auth.test`, or the `identity` the caller already got
from it), and the result is reused for every request: no request ever waits for `auth.test`.
Signatures are checked by the HTTP front (`bot/slack/web.py`) before Bolt sees a request, once;
Socket Mode needs none. After the ack, the work goes to a bounded queue (`bot/slack/work.py`).
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.answerlog.location import database_url
from bot.answerlog.writer import LogWriter
from bot.corpus.loader import load_corpus
from bot.corpus.store import Corpus
from bot.search.from_settings import engine_from_settings
from bot.settings import Settings, SettingsProblem
from bot.slack import handling, metrics
from bot.slack.client import create_web_client, slack_error_code
from bot.slack.conversation import BotDeps
from bot.slack.dedupe import DuplicateEvents, SeenKeys
from bot.slack.delivery import Delivery
from bot.slack.listeners import register_all
from bot.slack.logging import register_secrets, safe_logger
from bot.slack.replies import AnswerEngine, Replies, Reply
from bot.slack.threads import ThreadMemory
from bot.slack.work import BoundedLazyRunner, BusyNotices, PendingAcks, WorkQueue, install
from bot.store import MemoryStore, Store

LISTENER_THREADS = 8
"""Answers worked on at once (the rest wait in the queue: `KAMERVRAAG_QUEUE_SIZE`)."""

_EXPECTED_WARNINGS = ("As you gave `client` as well", "As `installation_store` or `authorize` has been used")

_answer_logs: weakref.WeakKeyDictionary[App, LogWriter] = weakref.WeakKeyDictionary()
"""Each app's answer-log writer, closed by `shutdown_app` (Bolt's App has no place for it)."""


class _ExpectedWarnings(logging.Filter):
    """Bolt warns that the token is unused when a client and an `authorize` are given: that is this
    factory's design (the client carries the token, the identity comes from start-up), not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_EXPECTED_WARNINGS)


class _App(App):
    """Bolt's App, ending the request log of requests that start no work after the ack."""

    def dispatch(self, req: BoltRequest) -> Any:
        response = super().dispatch(req)
        handling.after_dispatch(req.context)
        return response


@dataclass(frozen=True, slots=True)
class _Runtime:
    work: WorkQueue
    busy: BusyNotices
    store: Store


_runtimes: weakref.WeakKeyDictionary[App, _Runtime] = weakref.WeakKeyDictionary()


def create_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    corpus: Corpus | None = None,
    engine: AnswerEngine | None = None,
    identity: AuthorizeResult | None = None,
    store: Store | None = None,
) -> App:
    """A Bolt app answering `/kamervraag`, mentions, thread follow-ups, DMs, buttons, the message
    shortcut and App Home.

    Args:
        settings: `SLACK_SIGNING_SECRET` (HTTP mode), `SLACK_BOT_TOKEN` unless `client` has one,
            `KAMERVRAAG_ANSWER_VISIBILITY`, `KAMERVRAAG_MIN_SCORE`, `KAMERVRAAG_CORPUS`,
            `KAMERVRAAG_QUEUE_SIZE`, `KAMERVRAAG_LOG_QUERIES`.
        client: the Web API client (default: from settings, with retries, honouring `SLACK_API_URL`).
        corpus, engine: shared with the caller when it already loaded them.
        identity: the bot's identity from `check_token` at start-up (default: checked here, once).
        store: de-duplication and thread ownership (default: this process's memory).
    """
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    register_secrets([secret])
    if client is None:
        settings.require("SLACK_BOT_TOKEN")
        client = create_web_client(settings)
    register_secrets([client.token])
    if identity is None:
        identity = check_token(client)
    corpus = corpus or load_corpus(settings.corpus).with_default(settings.default_document)
    if engine is None:
        engine = engine_from_settings(corpus, settings)
        engine.warm_up()  # related items' structures now, not while the first asker waits (seconds at 500k)
    store = store if store is not None else MemoryStore()

    bolt_logger = safe_logger("kamervraag.slack.bolt")
    if not any(isinstance(f, _ExpectedWarnings) for f in bolt_logger.filters):
        bolt_logger.addFilter(_ExpectedWarnings())
    app = _App(
        name="kamervraag",
        logger=bolt_logger,
        signing_secret=secret,
        client=client,
        authorize=lambda **_: identity,
        request_verification_enabled=False,  # the HTTP front verifies every request, once (bot/slack/web.py)
        process_before_response=True,  # acks in the request thread; the work runs lazily (listeners/ack.py)
        user_facing_authorize_error_message=messages.something_went_wrong(),
    )
    log_queries = settings.log_queries is True
    url = database_url(settings)
    answer_log = LogWriter(url, retention_days=settings.log_retention_days) if url else None
    deps = BotDeps(
        replies=NotingReplies(corpus, engine, min_score=settings.min_score),
        delivery=Delivery(client),
        threads=ThreadMemory(store),
        seen=SeenKeys(store),
        answer_visibility=settings.answer_visibility,
        answer_log=answer_log,
        log_queries=settings.log_queries is not False,
    )
    work = WorkQueue(
        threads=LISTENER_THREADS,
        queue_size=settings.queue_size,
        on_done=lambda h: handling.finish(h, log_queries=log_queries),
    )
    busy = BusyNotices(lambda request: _tell_busy(deps.delivery, request))
    install(app, BoundedLazyRunner(app, work, on_busy=busy))
    app.use(handling.Intake(reserve=work.try_reserve, busy_text=messages.busy()))
    app.use(DuplicateEvents(deps.seen))
    register_all(app, deps)
    _runtimes[app] = _Runtime(work=work, busy=busy, store=store)
    if answer_log is not None:
        answer_log.prepare()
        _answer_logs[app] = answer_log
    return app


def shutdown_app(app: App, *, timeout: float = 3600.0) -> bool:
    """Take no new work, and wait (at most `timeout` seconds) for the answers in flight; True when they
    all finished."""
    runtime = _runtimes.get(app)
    finished = True
    if runtime is not None:
        finished = runtime.work.drain(timeout)
        runtime.busy.close()
    answer_log = _answer_logs.pop(app, None)
    if answer_log is not None:
        answer_log.close()  # what the last answers logged is written before the process ends
    return finished


def pending_acks_of(app: App) -> PendingAcks | None:
    runtime = _runtimes.get(app)
    return runtime.work.pending_acks if runtime is not None else None


def store_of(app: App) -> Store:
    runtime = _runtimes.get(app)
    return runtime.store if runtime is not None else MemoryStore()


def check_token(client: WebClient) -> AuthorizeResult:
    """`auth.test`, once at start-up: a wrong token is one Dutch line then, not a silent bot later; the
    identity it returns (team, bot user) serves every request after."""
    try:
        response = client.auth_test()
    except SlackApiError as exc:
        raise SettingsProblem(messages.token_rejected(slack_error_code(exc))) from None
    except OSError as exc:
        raise SettingsProblem(messages.slack_unreachable(type(exc).__name__)) from None
    except ValueError:  # urllib: "unknown url type", SLACK_API_URL is no http(s) address
        raise SettingsProblem(messages.setting_invalid("SLACK_API_URL", messages.setting_not_a_url())) from None
    return AuthorizeResult.from_auth_test_response(auth_test_response=response, bot_token=client.token, user_token=None)


class NotingReplies(Replies):
    """The replies, noted on the request being answered (for its log line and the metrics)."""

    def for_text(self, text: str, **options: Any) -> Reply:
        current = handling.current()
        if current is not None:
            current.query = text
        return _noted(super().for_text(text, **options))

    def for_key(self, key: Any, **options: Any) -> Reply:
        return _noted(super().for_key(key, **options))


def _noted(reply: Reply) -> Reply:
    current = handling.current()
    if current is not None:
        current.note(reply.outcome, item=reply.key, score=reply.score)
    return reply


def _tell_busy(delivery: Delivery, request: BoltRequest) -> None:
    body: dict[str, Any] = request.body
    text = messages.busy()
    if body.get("type") == "block_actions":
        response_url = body.get("response_url")
        delivery.tell_privately(response_url if isinstance(response_url, str) else None, text)
        return
    event = body.get("event") or {}
    if event.get("type") == "app_mention" or (event.get("type") == "message" and event.get("channel_type") == "im"):
        if event.get("subtype") or event.get("bot_id") or not isinstance(event.get("channel"), str):
            return
        thread_ts = event.get("thread_ts") or (event.get("ts") if event.get("type") == "app_mention" else None)
        delivery.tell_in_thread(channel=event["channel"], thread_ts=thread_ts, text=text)


__all__ = ["LISTENER_THREADS", "check_token", "create_app", "metrics", "shutdown_app", "store_of"]
