"""The store of one process: a bounded dict with expiry times, safe across threads."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

DEFAULT_CAPACITY = 50_000
"""Keys kept at most; the oldest go first (long after Slack's last retry for any realistic traffic)."""


class MemoryStore:
    def __init__(self, *, capacity: int = DEFAULT_CAPACITY, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = capacity
        self._clock = clock
        self._items: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def status(self) -> str:
        return "memory"

    def claim(self, key: str, *, ttl: int, value: str = "1") -> bool:
        with self._lock:
            if self._live(key) is not None:
                return False
            self._set(key, value, ttl)
            return True

    def put(self, key: str, value: str, *, ttl: int) -> None:
        with self._lock:
            self._set(key, value, ttl)

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._live(key)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def _live(self, key: str) -> str | None:
        item = self._items.get(key)
        if item is None:
            return None
        value, expires = item
        if expires <= self._clock():
            del self._items[key]
            return None
        return value

    def _set(self, key: str, value: str, ttl: int) -> None:
        self._items[key] = (value, self._clock() + ttl)
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
