"""The interface every store keeps: what de-duplication and thread ownership need, and no more."""

from __future__ import annotations

from typing import Protocol


class StoreUnavailable(Exception):
    """The backend did not answer (Redis down, a timeout); the caller may fall back."""


class Store(Protocol):
    @property
    def status(self) -> str:
        """`memory`, `redis` or `memory (redis unreachable)`: what `/healthz` reports."""
        ...

    def claim(self, key: str, *, ttl: int, value: str = "1") -> bool:
        """Set `key` to `value` unless it exists (Redis `SET NX EX`): True for the one caller that set it."""
        ...

    def put(self, key: str, value: str, *, ttl: int) -> None:
        """Set `key`, whatever it held."""
        ...

    def get(self, key: str) -> str | None: ...
