"""What every listener shares: its dependencies, and answering in a thread or DM without ever
going silent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


def logged_reply(deps: BotDeps, text: str, *, kind: Kind, **options: Any) -> Reply:
    """`deps.replies.for_text(text, **options)`, with feedback buttons and a log entry when the answer log
    is on.

    The entry goes into the writer's queue (no waiting) before the answer is posted.
    """
    if deps.answer_log is None:
        return deps.replies.for_text(text, **options)
    answer_id = new_answer_id()
    reply = deps.replies.for_text(text, answer_id=answer_id, **options)
    if reply.found is not None and not reply.found.problem:
        entry = entry_for(
            reply.found, answer_id=answer_id, kind=kind, keep_query=deps.log_queries, min_score=deps.replies.min_score
        )
        deps.answer_log.record(entry)
    return reply


def answer_in_thread(
    deps: BotDeps,
    *,
    channel: str,
    thread_ts: str | None,
    text: str,
    remember: bool = True,
    user: str | None = None,
    in_bot_thread: bool = False,
    kind: Kind = "thread",
) -> None:
    """Answer (or decline, or help) in the thread; on any failure one Dutch sentence there instead.

    With the asker's `user` id, an answer below the sure level goes to them alone (with "Deel in
    kanaal"), and so do a decline, help or a notice when the thread is already the bot's
    (`in_bot_thread`): a colleague's question there should not fill the thread with refusals.
    `kind`: where it was asked, for the answer log.
    """
    if remember and thread_ts:
        # Before posting: a follow-up may arrive the moment the answer is visible.
        deps.threads.remember(channel, thread_ts)
    try:
        reply = logged_reply(deps, text, kind=kind, private_until_sure=user is not None, thread_ts=thread_ts)
        if user is not None and reply.private and (reply.answer or in_bot_thread):
            deps.delivery.post_ephemeral(channel=channel, user=user, thread_ts=thread_ts, payloads=reply.messages)
            return
        deps.delivery.post(channel=channel, thread_ts=thread_ts, payloads=reply.messages)
    except SlackApiError as exc:
        log.error("chat.postMessage failed: %s", slack_error_code(exc))
        deps.delivery.tell_in_thread(channel=channel, thread_ts=thread_ts, text=failure_text(exc))
    except Exception:
        log.exception("answering in a thread failed")
        deps.delivery.tell_in_thread(channel=channel, thread_ts=thread_ts, text=messages.something_went_wrong())
