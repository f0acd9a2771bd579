"""Answering each message once: Slack retries events and sends one mention as two events.

A retried delivery carries the same `event_id`; a mention arrives as `app_mention` and as
`message.*` with the same `(channel, ts)`. Keys live in the store (`bot/store`) for an hour, long
after Slack's last retry (about 5 minutes); with Redis, every replica sees them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.handling import of
from bot.store import MemoryStore, Store

TTL_SECONDS = 3600


class SeenKeys:
    """Keys already handled, in a store shared by every process that uses the same one."""

    def __init__(self, store: Store | None = None, *, ttl: int = TTL_SECONDS) -> None:
        self.store: Store = store if store is not None else MemoryStore()
        self.ttl = ttl

    def first_time(self, key: tuple[str, ...]) -> bool:
        """True exactly once per key (until it expires); claims the key atomically."""
        return self.store.claim("seen:" + ":".join(key), ttl=self.ttl)


def message_key(channel: str, ts: str) -> tuple[str, str, str]:
    return ("message", channel, ts)


class DuplicateEvents(Middleware):
    """Acknowledges an Events API delivery whose `event_id` was seen before, and runs nothing."""

    def __init__(self, seen: SeenKeys) -> None:
        self.seen = seen

    def process(
        self,
        *,
        req: BoltRequest,
        resp: BoltResponse,
        next: Callable[[], BoltResponse],
    ) -> BoltResponse:
        body: dict[str, Any] = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and not self.seen.first_time(("event", event_id)):
            handling = of(req.context)
            if handling is not None:
                handling.outcome = "duplicate"
            return BoltResponse(status=200, body="")
        return next()
