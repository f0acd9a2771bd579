"""Answering each message once: Slack retries events and sends one mention as two events.

A retried delivery carries the same `event_id`; a mention arrives as `app_mention` and as
`message.*` with the same `(channel, ts)`. Memory is bounded: the oldest keys are forgotten first,
long after Slack's last retry (about 5 minutes) for any realistic traffic.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

DEFAULT_CAPACITY = 20_000


class SeenKeys:
    """A thread-safe, bounded set of keys already handled."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._keys: OrderedDict[Hashable, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: Hashable) -> bool:
        """True exactly once per key (until it is forgotten); claims the key atomically."""
        with self._lock:
            if key in self._keys:
                self._keys.move_to_end(key)
                return False
            self._keys[key] = None
            while len(self._keys) > self.capacity:
                self._keys.popitem(last=False)
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._keys)


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
            return BoltResponse(status=200, body="")
        return next()
