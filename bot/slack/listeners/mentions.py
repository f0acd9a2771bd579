"""`@kamervraag …` (`app_mention`): answer in the thread of the message that mentions the bot.

A sure answer (or one by number) is posted in the thread; a best match below the sure level goes
to the asker alone first, with "Deel in kanaal".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from bot.answerlog.records import Kind
from bot.slack.conversation import BotDeps, answer_in_thread
from bot.slack.dedupe import message_key
from bot.slack.listeners.ack import acknowledge
from bot.slack.text import from_a_person, strip_mentions, unescape


def register(app: App, deps: BotDeps) -> None:
    app.event("app_mention")(ack=acknowledge, lazy=[mention_listener(deps)])


def mention_listener(deps: BotDeps) -> Callable[..., None]:
    def on_mention(event: dict[str, Any], context: BoltContext) -> None:
        channel, ts = event.get("channel"), event.get("ts")
        if not isinstance(channel, str) or not isinstance(ts, str):
            return
        if not from_a_person(event):
            return  # another bot (or an edit) mentioning us: no bot-to-bot loops
        if not deps.seen.first_time(message_key(channel, ts)):
            return  # already answered as a `message` event
        thread_ts = event.get("thread_ts") or ts
        text = strip_mentions(unescape(str(event.get("text") or "")))
        user = event.get("user") if isinstance(event.get("user"), str) else None
        # A thread the bot already answered in: a decline or help there is private. Asked before answering
        # (which makes the thread the bot's); Slack is asked only for a thread not in memory.
        in_bot_thread = bool(event.get("thread_ts")) and deps.threads.is_ours(
            deps.delivery.client,
            channel=channel,
            thread_ts=thread_ts,
            bot_user_id=context.bot_user_id,
            bot_id=context.bot_id,
        )
        kind: Kind = "thread" if event.get("thread_ts") else "channel"
        answer_in_thread(
            deps, channel=channel, thread_ts=thread_ts, text=text, user=user, in_bot_thread=in_bot_thread, kind=kind
        )

    return on_mention
