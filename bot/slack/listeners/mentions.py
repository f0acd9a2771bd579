"""`@kamervraag …` (`app_mention`): answer in the thread of the message that mentions the bot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot.answerlog.records import Kind
from bot.slack.conversation import BotDeps, answer_in_thread
from bot.slack.dedupe import message_key
from bot.slack.listeners.ack import acknowledge
from bot.slack.text import strip_mentions, unescape


def register(app: App, deps: BotDeps) -> None:
    app.event("app_mention")(ack=acknowledge, lazy=[mention_listener(deps)])


def mention_listener(deps: BotDeps) -> Callable[..., None]:
    def on_mention(event: dict[str, Any]) -> None:
        channel, ts = event.get("channel"), event.get("ts")
        if not isinstance(channel, str) or not isinstance(ts, str):
            return
        if event.get("bot_id") or event.get("subtype"):
            return  # another bot (or an edit) mentioning us: no bot-to-bot loops
        if not deps.seen.first_time(message_key(channel, ts)):
            return  # already answered as a `message` event
        thread_ts = event.get("thread_ts") or ts
        text = strip_mentions(unescape(str(event.get("text") or "")))
        kind: Kind = "thread" if event.get("thread_ts") else "channel"
        answer_in_thread(deps, channel=channel, thread_ts=thread_ts, text=text, kind=kind)

    return on_mention
