"""`/kamervraag …`: acknowledged at once, then answered through the command's `response_url`.

A best match below the sure level goes to the asker alone, with "Deel in kanaal"; an answer by
number or a sure one follows `KAMERVRAAG_ANSWER_VISIBILITY`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot import messages
from bot.answerlog.records import Kind
from bot.slack.client import ResponseUrlError
from bot.slack.conversation import BotDeps, logged_reply
from bot.slack.delivery import describe_failure
from bot.slack.listeners.ack import acknowledge
from bot.slack.logging import safe_logger
from bot.slack.text import unescape

SLASH_COMMAND = "/kamervraag"

log = safe_logger("kamervraag.slack.commands")


def register(app: App, deps: BotDeps) -> None:
    app.command(SLASH_COMMAND)(ack=acknowledge, lazy=[command_listener(deps)])


def command_listener(deps: BotDeps) -> Callable[..., None]:
    def on_kamervraag(body: dict[str, Any]) -> None:
        response_url = body.get("response_url")
        if not isinstance(response_url, str) or not response_url:
            log.warning("slash command without response_url ignored")
            return
        try:
            kind: Kind = "dm" if body.get("channel_name") == "directmessage" else "channel"
            reply = logged_reply(deps, unescape(str(body.get("text") or "")), kind=kind, private_until_sure=True)
            visibility = "ephemeral" if reply.private else deps.answer_visibility
            deps.delivery.respond(response_url, reply.messages, response_type=visibility)
        except (ResponseUrlError, OSError) as exc:
            # The response_url itself failed: a private note in the channel is what is left.
            log.error("answering /kamervraag failed: %s", describe_failure(exc))
            deps.delivery.tell_ephemeral(
                channel=body.get("channel_id"),
                user=body.get("user_id"),
                text=messages.something_went_wrong(),
            )
        except Exception:
            log.exception("answering /kamervraag failed")
            deps.delivery.tell_privately(response_url, messages.something_went_wrong())

    return on_kamervraag
