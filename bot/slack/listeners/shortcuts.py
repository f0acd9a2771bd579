"""The message shortcut "Zoek officieel antwoord": the answer to a message's text, privately.

The person who clicked sees the answer (or the decline) alone, with "Deel in thread" to post it in
the message's thread. The `callback_id` is the one `deploy/manifest*.json` declare.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot import messages
from bot.slack.conversation import BotDeps
from bot.slack.delivery import describe_failure
from bot.slack.listeners.ack import acknowledge
from bot.slack.logging import safe_logger
from bot.slack.text import strip_mentions, unescape

SHORTCUT_CALLBACK_ID = "zoek_officieel_antwoord"

log = safe_logger("kamervraag.slack.shortcuts")


def register(app: App, deps: BotDeps) -> None:
    app.message_shortcut(SHORTCUT_CALLBACK_ID)(ack=acknowledge, lazy=[shortcut_listener(deps)])


def shortcut_listener(deps: BotDeps) -> Callable[..., None]:
    def on_shortcut(body: dict[str, Any]) -> None:
        response_url = body.get("response_url")
        if not isinstance(response_url, str) or not response_url:
            log.warning("message shortcut without response_url ignored")
            return
        try:
            message: dict[str, Any] = body.get("message") or {}
            text = strip_mentions(unescape(str(message.get("text") or "")))
            thread = message.get("thread_ts") or message.get("ts") or body.get("message_ts")
            if not text:
                reply = deps.replies.notice(messages.shortcut_no_text())
            else:
                thread_ts = thread if isinstance(thread, str) else None
                reply = deps.replies.for_text(text, shortcut=True, thread_ts=thread_ts)
            deps.delivery.respond(response_url, reply.messages, response_type="ephemeral")
        except Exception as exc:
            log.error("message shortcut failed: %s", describe_failure(exc), exc_info=not isinstance(exc, OSError))
            deps.delivery.tell_privately(response_url, messages.something_went_wrong())

    return on_shortcut
