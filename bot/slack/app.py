"""`create_app`: the only place the Bolt `App` is built (never at import time).

Example:
    app = create_app(settings)                         # production: client from settings
    app = create_app(settings, client=fake_client)     # tests: WebClient(base_url=local fake)

No network call happens here: the token is checked by `auth.test` on the first request (or by
`serve` before it starts listening).
"""

from __future__ import annotations

import logging
import weakref
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient

from bot import messages
from bot.answerlog.location import database_url
from bot.answerlog.writer import LogWriter
from bot.corpus.loader import load_corpus
from bot.corpus.store import Corpus
from bot.search.from_settings import engine_from_settings
from bot.settings import Settings
from bot.slack.client import create_web_client
from bot.slack.conversation import BotDeps
from bot.slack.dedupe import DuplicateEvents, SeenKeys
from bot.slack.delivery import Delivery
from bot.slack.listeners import register_all
from bot.slack.logging import register_secrets, safe_logger
from bot.slack.replies import AnswerEngine, Replies
from bot.slack.threads import ThreadMemory

LISTENER_THREADS = 8

_answer_logs: weakref.WeakKeyDictionary[App, LogWriter] = weakref.WeakKeyDictionary()
"""Each app's answer-log writer, closed by `shutdown_app` (Bolt's App has no place for it)."""


class _ExpectedWarnings(logging.Filter):
    """Bolt warns that the token is unused when `SLACK_BOT_TOKEN` is set and a client is given:
    that is this factory's design (the client carries the token), not news for an operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def create_app(
    settings: Settings,
    *,
    client: WebClient | None = None,
    corpus: Corpus | None = None,
    engine: AnswerEngine | None = None,
) -> App:
    """A Bolt app answering `/kamervraag`, mentions, thread follow-ups, DMs and buttons.

    Args:
        settings: `SLACK_SIGNING_SECRET` (HTTP mode), `SLACK_BOT_TOKEN` unless `client` has one,
            `KAMERVRAAG_ANSWER_VISIBILITY`, `KAMERVRAAG_MIN_SCORE`, `KAMERVRAAG_CORPUS`.
        client: the Web API client (default: from settings, with retries, honouring `SLACK_API_URL`).
        corpus, engine: shared with the caller when it already loaded them.
    """
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    register_secrets([secret])
    if client is None:
        settings.require("SLACK_BOT_TOKEN")
        client = create_web_client(settings)
    register_secrets([client.token])
    corpus = corpus or load_corpus(settings.corpus).with_default(settings.default_document)
    if engine is None:
        engine = engine_from_settings(corpus, settings)
        engine.warm_up()  # related items' structures now, not while the first asker waits (seconds at 500k)

    bolt_logger = safe_logger("kamervraag.slack.bolt")
    if not any(isinstance(f, _ExpectedWarnings) for f in bolt_logger.filters):
        bolt_logger.addFilter(_ExpectedWarnings())
    app = App(
        name="kamervraag",
        logger=bolt_logger,
        signing_secret=secret,
        client=client,
        token_verification_enabled=False,
        process_before_response=True,  # acks in the request thread; the work runs lazily (listeners/ack.py)
        user_facing_authorize_error_message=messages.something_went_wrong(),
        listener_executor=ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="kamervraag"),
    )
    url = database_url(settings)
    answer_log = LogWriter(url, retention_days=settings.log_retention_days) if url else None
    deps = BotDeps(
        replies=Replies(corpus, engine),
        delivery=Delivery(client),
        threads=ThreadMemory(),
        seen=SeenKeys(),
        answer_visibility=settings.answer_visibility,
        answer_log=answer_log,
        log_queries=settings.log_queries is not False,
    )
    app.use(DuplicateEvents(deps.seen))
    register_all(app, deps)
    if answer_log is not None:
        answer_log.prepare()
        _answer_logs[app] = answer_log
    return app


def shutdown_app(app: App) -> None:
    """Wait for answers still being worked on, then stop the listener threads."""
    executor = app.listener_runner.listener_executor
    if isinstance(executor, ThreadPoolExecutor):
        executor.shutdown(wait=True)
    answer_log = _answer_logs.pop(app, None)
    if answer_log is not None:
        answer_log.close()  # what the last answers logged is written before the process ends
