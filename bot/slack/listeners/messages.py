"""`message.*` events: follow-ups in the bot's threads and direct messages; everything else is ignored.

Other bots, edits (`message_changed`), deletions and any other subtype never get a reply; a thread
reply also sent to the channel (`thread_broadcast`) and a message with files (read by its text) are
answered like any other. In the bot's thread a decline or help goes to the asker alone. A thread
reply that mentions the bot is left to the mention listener, so it is answered once; one that
mentions a colleague is meant for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack.conversation import BotDeps, answer_in_thread
from bot.slack.dedupe import message_key
from bot.slack.listeners.ack import acknowledge
from bot.slack.text import from_a_person, is_follow_up, mentions_others, mentions_user, strip_mentions, unescape


def register(app: App, deps: BotDeps) -> None:
    app.event("message")(ack=acknowledge, lazy=[message_listener(deps)])


def message_listener(deps: BotDeps) -> Callable[..., None]:
    def on_message(event: dict[str, Any], context: BoltContext) -> None:
        if not from_a_person(event):
            return
        channel, ts, user = event.get("channel"), event.get("ts"), event.get("user")
        if not isinstance(channel, str) or not isinstance(ts, str) or not user:
            return
        if user == context.bot_user_id:
            return
        raw = unescape(str(event.get("text") or ""))
        thread_ts = event.get("thread_ts")
        if event.get("channel_type") == "im":
            if deps.seen.first_time(message_key(channel, ts)):
                answer_in_thread(
                    deps, channel=channel, thread_ts=thread_ts, text=strip_mentions(raw), remember=False, kind="dm"
                )
            return
        if not thread_ts or thread_ts == ts:
            return  # not a thread reply
        if mentions_user(raw, context.bot_user_id):
            return  # the app_mention listener answers this one
        text = strip_mentions(raw)
        if mentions_others(raw, context.bot_user_id) or not is_follow_up(text):
            return
        ours = deps.threads.is_ours(
            deps.delivery.client,
            channel=channel,
            thread_ts=thread_ts,
            bot_user_id=context.bot_user_id,
            bot_id=context.bot_id,
        )
        if ours and deps.seen.first_time(message_key(channel, ts)):
            answer_in_thread(deps, channel=channel, thread_ts=thread_ts, text=text, user=str(user), in_bot_thread=True)

    return on_message
