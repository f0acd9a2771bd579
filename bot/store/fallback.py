"""Redis first, this process's memory when Redis does not answer: the bot keeps answering.

While Redis is down, replicas no longer share what they handled (a retried event may then be answered
by two of them); that is logged once per outage, counted, and shown in `/healthz`. Redis is tried
again every `retry_seconds`, and used again as soon as it answers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from bot.store.base import StoreUnavailable
from bot.store.memory import MemoryStore
from bot.store.redis import RedisStore

RETRY_SECONDS = 30.0
FALLBACK_STATUS = "memory (redis unreachable)"

log = logging.getLogger("kamervraag.store")

T = TypeVar("T")


class FallbackStore:
    def __init__(
        self,
        redis: RedisStore,
        *,
        memory: MemoryStore | None = None,
        retry_seconds: float = RETRY_SECONDS,
        on_fallback: Callable[[], None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`on_fallback`: called for every operation answered from memory instead (a metric)."""
        self.redis = redis
        self.memory = memory or MemoryStore()
        self.retry_seconds = retry_seconds
        self._on_fallback = on_fallback
        self._clock = clock
        self._down_since: float | None = None
        self._lock = threading.Lock()

    @property
    def status(self) -> str:
        return FALLBACK_STATUS if self._down_since is not None else self.redis.status

    def check(self) -> None:
        """At start-up: find out now whether Redis answers, so `/healthz` tells from the first probe."""
        self._run(self.redis.ping, lambda: None)

    def claim(self, key: str, *, ttl: int, value: str = "1") -> bool:
        return self._run(
            lambda: self.redis.claim(key, ttl=ttl, value=value), lambda: self.memory.claim(key, ttl=ttl, value=value)
        )

    def put(self, key: str, value: str, *, ttl: int) -> None:
        self.memory.put(key, value, ttl=ttl)  # also here, so a fallback still knows the bot's threads
        self._run(lambda: self.redis.put(key, value, ttl=ttl), lambda: None)

    def get(self, key: str) -> str | None:
        return self._run(lambda: self.redis.get(key), lambda: self.memory.get(key))

    def _run(self, remote: Callable[[], T], local: Callable[[], T]) -> T:
        if not self._should_try_redis():
            self._on_fallback()
            return local()
        try:
            result = remote()
        except StoreUnavailable as exc:
            self._went_down(str(exc))
            self._on_fallback()
            return local()
        self._came_back()
        return result

    def _should_try_redis(self) -> bool:
        with self._lock:
            return self._down_since is None or self._clock() - self._down_since >= self.retry_seconds

    def _went_down(self, reason: str) -> None:
        with self._lock:
            first = self._down_since is None
            self._down_since = self._clock()
        if first:
            log.warning("Redis (KAMERVRAAG_REDIS_URL) unreachable (%s): using this process's memory instead", reason)

    def _came_back(self) -> None:
        with self._lock:
            was_down = self._down_since is not None
            self._down_since = None
        if was_down:
            log.warning("Redis reachable again: shared state restored")
