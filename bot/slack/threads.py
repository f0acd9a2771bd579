"""Which threads the bot takes part in, so a follow-up there needs no new mention.

Remembered in memory as the bot answers; after a restart (memory empty) Slack is asked once per
thread with `conversations.replies` whether a message of this bot is in it. Bounded memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.client import slack_error_code
from bot.slack.logging import safe_logger

DEFAULT_CAPACITY = 10_000
MAX_PAGES = 5

log = safe_logger("kamervraag.slack.threads")


class ThreadMemory:
    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._known: OrderedDict[tuple[str, str], bool] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, channel: str, thread_ts: str) -> None:
        self._store((channel, thread_ts), True)

    def known(self, channel: str, thread_ts: str) -> bool | None:
        """True/False when known, None when Slack has to be asked."""
        with self._lock:
            return self._known.get((channel, thread_ts))

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
        self._store((channel, thread_ts), ours)
        return ours

    def _store(self, key: tuple[str, str], ours: bool) -> None:
        with self._lock:
            self._known[key] = ours or self._known.get(key, False)
            self._known.move_to_end(key)
            while len(self._known) > self.capacity:
                self._known.popitem(last=False)


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
