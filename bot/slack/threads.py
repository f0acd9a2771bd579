"""Which threads the bot takes part in, so a follow-up there needs no new mention.

Remembered in the store (`bot/store`, shared by replicas with Redis) for a week as the bot answers;
a thread it does not know (a restart with the memory store, an expired key) makes it ask Slack once
with `conversations.replies` whether a message of this bot is in it.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.client import slack_error_code
from bot.slack.logging import safe_logger
from bot.store import MemoryStore, Store

TTL_SECONDS = 7 * 24 * 3600
MAX_PAGES = 5
OURS, NOT_OURS = "1", "0"

log = safe_logger("kamervraag.slack.threads")


class ThreadMemory:
    def __init__(self, store: Store | None = None, *, ttl: int = TTL_SECONDS) -> None:
        self.store: Store = store if store is not None else MemoryStore()
        self.ttl = ttl

    def remember(self, channel: str, thread_ts: str) -> None:
        self.store.put(_key(channel, thread_ts), OURS, ttl=self.ttl)

    def known(self, channel: str, thread_ts: str) -> bool | None:
        """True/False when known, None when Slack has to be asked."""
        value = self.store.get(_key(channel, thread_ts))
        return None if value is None else value == OURS

    def is_ours(
        self,
        client: WebClient,
        *,
        channel: str,
        thread_ts: str,
        bot_user_id: str | None,
        bot_id: str | None,
    ) -> bool:
        known = self.known(channel, thread_ts)
        if known is not None:
            return known
        try:
            ours = _bot_replied(client, channel, thread_ts, bot_user_id, bot_id)
        except SlackApiError as exc:
            log.warning("conversations.replies failed: %s", slack_error_code(exc))
            return False  # not remembered: the next follow-up asks again
        if ours:
            self.remember(channel, thread_ts)
        else:  # never over a "1" another replica (or an answer meanwhile) wrote
            self.store.claim(_key(channel, thread_ts), ttl=self.ttl, value=NOT_OURS)
        return ours


def _key(channel: str, thread_ts: str) -> str:
    return f"thread:{channel}:{thread_ts}"


def _bot_replied(client: WebClient, channel: str, thread_ts: str, bot_user_id: str | None, bot_id: str | None) -> bool:
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        args: dict[str, Any] = {"channel": channel, "ts": thread_ts, "limit": 200}
        if cursor:
            args["cursor"] = cursor
        page = client.conversations_replies(**args)
        for message in page.get("messages") or []:
            if (bot_id and message.get("bot_id") == bot_id) or (bot_user_id and message.get("user") == bot_user_id):
                return True
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return False
