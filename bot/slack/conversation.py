"""What every listener shares: its dependencies, and answering in a thread or DM without ever
going silent."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot import messages
from bot.answerlog.entries import entry_for
from bot.answerlog.records import Kind, new_answer_id
from bot.answerlog.writer import LogWriter
from bot.slack.client import slack_error_code
from bot.slack.dedupe import SeenKeys
from bot.slack.delivery import Delivery, ResponseType, failure_text
from bot.slack.logging import safe_logger
from bot.slack.replies import Replies, Reply
from bot.slack.threads import ThreadMemory

log = safe_logger("kamervraag.slack.conversation")


@dataclass(frozen=True, slots=True)
class BotDeps:
    """Built once in `create_app` and closed over by the listener factories (no globals)."""

    replies: Replies
    delivery: Delivery
    threads: ThreadMemory
    seen: SeenKeys
    answer_visibility: ResponseType
    answer_log: LogWriter | None = None
    """The answer log's writer (issue 13); None: nothing is logged and answers carry no feedback buttons."""
    log_queries: bool = True
    """False (`KAMERVRAAG_LOG_QUERIES=0`): the answer log keeps no question texts."""


def logged_reply(deps: BotDeps, text: str, *, kind: Kind) -> Reply:
    """`deps.replies.for_text`, with feedback buttons and a log entry when the answer log is on.

    The entry goes into the writer's queue (no waiting) before the answer is posted.
    """
    if deps.answer_log is None:
        return deps.replies.for_text(text)
    answer_id = new_answer_id()
    reply = deps.replies.for_text(text, answer_id=answer_id)
    if reply.outcome is not None and not reply.outcome.problem:
        deps.answer_log.record(entry_for(reply.outcome, answer_id=answer_id, kind=kind, keep_query=deps.log_queries))
    return reply


def answer_in_thread(
    deps: BotDeps,
    *,
    channel: str,
    thread_ts: str | None,
    text: str,
    remember: bool = True,
    kind: Kind = "thread",
) -> None:
    """Answer (or decline, or help) in the thread; on any failure one Dutch sentence there instead.

    `kind`: where it was asked, for the answer log.
    """
    if remember and thread_ts:
        # Before posting: a follow-up may arrive the moment the answer is visible.
        deps.threads.remember(channel, thread_ts)
    try:
        reply = logged_reply(deps, text, kind=kind)
        deps.delivery.post(channel=channel, thread_ts=thread_ts, payloads=reply.messages)
    except SlackApiError as exc:
        log.error("chat.postMessage failed: %s", slack_error_code(exc))
        deps.delivery.tell_in_thread(channel=channel, thread_ts=thread_ts, text=failure_text(exc))
    except Exception:
        log.exception("answering in a thread failed")
        deps.delivery.tell_in_thread(channel=channel, thread_ts=thread_ts, text=messages.something_went_wrong())
