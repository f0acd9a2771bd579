"""The store shared by replicas: Redis (`SET NX EX`), through redis-py with short timeouts, so a
Redis that hangs costs an answer half a second, not Slack's 3-second ack."""

from __future__ import annotations

from typing import Any

import redis

from bot.store.base import StoreUnavailable

TIMEOUT_SECONDS = 0.5
PREFIX = "kamervraag:"


class RedisStore:
    """Example: `RedisStore.from_url("redis://localhost:6379/0")`; every failure is `StoreUnavailable`."""

    def __init__(self, client: redis.Redis) -> None:
        self._client = client

    @classmethod
    def from_url(cls, url: str) -> RedisStore:
        try:
            client = redis.Redis.from_url(
                url,
                socket_timeout=TIMEOUT_SECONDS,
                socket_connect_timeout=TIMEOUT_SECONDS,
                decode_responses=True,
            )
        except ValueError as exc:  # not a redis:// URL
            raise StoreUnavailable(type(exc).__name__) from None
        return cls(client)

    @property
    def status(self) -> str:
        return "redis"

    def ping(self) -> None:
        self._call(self._client.ping)

    def claim(self, key: str, *, ttl: int, value: str = "1") -> bool:
        return bool(self._call(self._client.set, PREFIX + key, value, nx=True, ex=ttl))

    def put(self, key: str, value: str, *, ttl: int) -> None:
        self._call(self._client.set, PREFIX + key, value, ex=ttl)

    def get(self, key: str) -> str | None:
        value = self._call(self._client.get, PREFIX + key)
        return None if value is None else str(value)

    def close(self) -> None:
        self._client.close()

    @staticmethod
    def _call(method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except (redis.RedisError, OSError) as exc:
            # The class name only: a connection error's text may carry the URL (and its password).
            raise StoreUnavailable(type(exc).__name__) from None
