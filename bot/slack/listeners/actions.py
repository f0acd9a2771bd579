"""Buttons "Vraag 55": the item's answer in the clicked message's thread, or in place of a private one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.answerlog.records import new_answer_id
from bot.render.slack import ACTION_SHOW_PATTERN, notice_message, parse_button_value
from bot.slack.client import slack_error_code
from bot.slack.conversation import BotDeps
from bot.slack.delivery import describe_failure, failure_text
from bot.slack.listeners.ack import acknowledge
from bot.slack.logging import safe_logger
from bot.slack.replies import Reply

NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found"})

log = safe_logger("kamervraag.slack.actions")


def register(app: App, deps: BotDeps) -> None:
    app.action(ACTION_SHOW_PATTERN)(ack=acknowledge, lazy=[show_item_listener(deps)])


def show_item_listener(deps: BotDeps) -> Callable[..., None]:
    def on_show_item(body: dict[str, Any], action: dict[str, Any]) -> None:
        response_url = body.get("response_url") if isinstance(body.get("response_url"), str) else None
        try:
            chosen = action.get("selected_option") or {}  # the overflow menu of more items
            key = parse_button_value(str(action.get("value") or chosen.get("value") or ""))
            answer_id = new_answer_id() if deps.answer_log is not None else None  # for its feedback buttons
            target = _thread_of(body)
            if key is None:
                reply = deps.replies.notice(messages.unknown_button())
            elif target is None:  # chosen in a private message: private too, with "Deel in kanaal"
                reply = deps.replies.private_item(key, thread_ts=_private_thread(body), answer_id=answer_id)
            else:
                reply = deps.replies.for_key(key, answer_id=answer_id)
            if target is None or reply.key is None:
                if response_url:  # a private message: the answer takes its place
                    deps.delivery.respond(
                        response_url, reply.messages, response_type="ephemeral", replace_original=reply.key is not None
                    )
                return
            _post_in_thread(deps, reply, *target, response_url=response_url)
        except Exception as exc:
            log.error("button failed: %s", describe_failure(exc), exc_info=not isinstance(exc, SlackApiError | OSError))
            deps.delivery.tell_privately(response_url, messages.something_went_wrong())

    return on_show_item


def _thread_of(body: dict[str, Any]) -> tuple[str, str] | None:
    """(channel, thread_ts) of the clicked channel message; None for a private (ephemeral) one."""
    container: dict[str, Any] = body.get("container") or {}
    message: dict[str, Any] | None = body.get("message")
    if container.get("is_ephemeral") or message is None:
        return None
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    thread_ts = (
        container.get("thread_ts") or message.get("thread_ts") or container.get("message_ts") or message.get("ts")
    )
    if not isinstance(channel, str) or not isinstance(thread_ts, str):
        return None
    return channel, thread_ts


def _private_thread(body: dict[str, Any]) -> str | None:
    """The thread a private message was shown in (a mention's), where sharing it should post."""
    thread = (body.get("container") or {}).get("thread_ts")
    return thread if isinstance(thread, str) else None


def _post_in_thread(deps: BotDeps, reply: Reply, channel: str, thread_ts: str, *, response_url: str | None) -> None:
    """In the thread; if the bot is not in the channel, privately with a hint how to invite it."""
    deps.threads.remember(channel, thread_ts)
    try:
        deps.delivery.post(channel=channel, thread_ts=thread_ts, payloads=reply.messages)
    except SlackApiError as exc:
        code = slack_error_code(exc)
        log.warning("chat.postMessage failed: %s", code)
        if not response_url:
            return
        if code in NOT_A_MEMBER:
            hint = notice_message(messages.not_in_channel())
            deps.delivery.respond(response_url, [*reply.messages, hint], response_type="ephemeral")
        else:
            deps.delivery.tell_privately(response_url, failure_text(exc))
