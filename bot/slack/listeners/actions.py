"""Buttons "Vraag 55": the item's answer in the clicked message's thread, or in place of a private one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.render.slack import ACTION_SHOW_PATTERN, notice_message, parse_button_value
from bot.slack.client import slack_error_code
from bot.slack.conversation import BotDeps
from bot.slack.delivery import describe_failure, failure_text
from bot.slack.logging import safe_logger

NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found"})

log = safe_logger("kamervraag.slack.actions")


def register(app: App, deps: BotDeps) -> None:
    app.action(ACTION_SHOW_PATTERN)(show_item_listener(deps))


def show_item_listener(deps: BotDeps) -> Callable[..., None]:
    def on_show_item(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        response_url = body.get("response_url")
        response_url = response_url if isinstance(response_url, str) and response_url else None
        try:
            key = parse_button_value(str(action.get("value") or ""))
            reply = deps.replies.for_key(key) if key is not None else deps.replies.notice(messages.unknown_button())
            container: dict[str, Any] = body.get("container") or {}
            message: dict[str, Any] | None = body.get("message")
            if container.get("is_ephemeral") or message is None or reply.key is None:
                if response_url:
                    deps.delivery.respond(
                        response_url, reply.messages, response_type="ephemeral", replace_original=reply.key is not None
                    )
                return
            channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
            thread_ts = container.get("thread_ts") or message.get("thread_ts") or container.get("message_ts")
            if not isinstance(channel, str):
                return
            try:
                if thread_ts:
                    deps.threads.remember(channel, thread_ts)
                deps.delivery.post(channel=channel, thread_ts=thread_ts, payloads=reply.messages)
            except SlackApiError as exc:
                code = slack_error_code(exc)
                log.warning("chat.postMessage failed: %s", code)
                if not response_url:
                    return
                if code in NOT_A_MEMBER:
                    deps.delivery.respond(
                        response_url,
                        [*reply.messages, notice_message(messages.not_in_channel())],
                        response_type="ephemeral",
                    )
                else:
                    deps.delivery.tell_privately(response_url, failure_text(exc))
        except Exception as exc:
            log.error("button failed: %s", describe_failure(exc), exc_info=not isinstance(exc, SlackApiError | OSError))
            deps.delivery.tell_privately(response_url, messages.something_went_wrong())

    return on_show_item
