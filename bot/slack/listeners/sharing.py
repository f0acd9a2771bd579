"""Buttons of a private answer: "Deel in kanaal" / "Deel in thread" (`share_answer`) and "Andere kandidaten".

Sharing posts the same answer for everyone, naming who shared it, where it was asked: the thread
(a mention, a shortcut's message) or the channel (a slash command, through its `response_url`, which
needs no membership); the private copy is then removed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.render.share import ACTION_OTHER_CANDIDATES, ACTION_SHARE, SharedAnswer
from bot.render.slack import notice_message
from bot.slack.client import slack_error_code
from bot.slack.conversation import BotDeps
from bot.slack.delivery import describe_failure, failure_text
from bot.slack.listeners.ack import acknowledge
from bot.slack.listeners.actions import NOT_A_MEMBER
from bot.slack.logging import safe_logger

log = safe_logger("kamervraag.slack.sharing")


def register(app: App, deps: BotDeps) -> None:
    app.action(ACTION_SHARE)(ack=acknowledge, lazy=[share_listener(deps)])
    app.action(ACTION_OTHER_CANDIDATES)(ack=acknowledge, lazy=[other_candidates_listener(deps)])


def _response_url(body: dict[str, Any]) -> str | None:
    url = body.get("response_url")
    return url if isinstance(url, str) and url else None


def _channel(body: dict[str, Any]) -> str | None:
    container: dict[str, Any] = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    return channel if isinstance(channel, str) else None


def _click_key(body: dict[str, Any], action: dict[str, Any]) -> tuple[str, ...] | None:
    """What a second click on the same private message's button has in common with the first (Slack sends
    each click, and a double click is two); None where the payload names no message."""
    container: dict[str, Any] = body.get("container") or {}
    message_ts = container.get("message_ts")
    if not isinstance(message_ts, str) or not message_ts:
        return None
    value = hashlib.sha256(str(action.get("value") or "").encode()).hexdigest()[:16]
    return ("share", _channel(body) or "-", message_ts, value)


def share_listener(deps: BotDeps) -> Callable[..., None]:
    def on_share(body: dict[str, Any], action: dict[str, Any]) -> None:
        response_url = _response_url(body)
        try:
            share = SharedAnswer.from_value(str(action.get("value") or ""))
            user = (body.get("user") or {}).get("id")
            channel = _channel(body)
            if share is None or (share.thread_ts and channel is None):
                deps.delivery.tell_privately(response_url, messages.cannot_share())
                return
            click = _click_key(body, action)
            if click is not None and not deps.seen.first_time(click):
                return  # a double click: the first one shares it (and removes the private copy)
            reply = deps.replies.shared(share, user=user if isinstance(user, str) else None)
            if share.thread_ts and channel is not None:
                deps.threads.remember(channel, share.thread_ts)
                try:
                    deps.delivery.post(channel=channel, thread_ts=share.thread_ts, payloads=reply.messages)
                except SlackApiError as exc:
                    code = slack_error_code(exc)
                    log.warning("chat.postMessage failed: %s", code)
                    note = messages.not_in_channel() if code in NOT_A_MEMBER else failure_text(exc)
                    if response_url:
                        deps.delivery.respond(response_url, [notice_message(note)], response_type="ephemeral")
                    return
            elif response_url:
                deps.delivery.respond(response_url, reply.messages, response_type="in_channel", keep_original=True)
            else:
                return
            if response_url:
                deps.delivery.delete_original(response_url)  # shared: the private copy has done its job
        except Exception as exc:
            log.error(
                "sharing failed: %s", describe_failure(exc), exc_info=not isinstance(exc, SlackApiError | OSError)
            )
            deps.delivery.tell_privately(response_url, messages.something_went_wrong())

    return on_share


def other_candidates_listener(deps: BotDeps) -> Callable[..., None]:
    def on_other_candidates(body: dict[str, Any], action: dict[str, Any]) -> None:
        response_url = _response_url(body)
        if response_url is None:
            return
        try:
            share = SharedAnswer.from_value(str(action.get("value") or ""))
            reply = (
                deps.replies.other_candidates(share)
                if share is not None
                else deps.replies.notice(messages.cannot_share())
            )
            deps.delivery.respond(response_url, reply.messages, response_type="ephemeral")
        except Exception as exc:
            log.error("other candidates failed: %s", describe_failure(exc), exc_info=not isinstance(exc, OSError))
            deps.delivery.tell_privately(response_url, messages.something_went_wrong())

    return on_other_candidates
