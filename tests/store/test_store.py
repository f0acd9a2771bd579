"""The store behind de-duplication and thread ownership: in memory, in a real Redis, and Redis with its
in-memory fallback when Redis goes away (and comes back)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import redis

from bot.settings import Settings, SettingsProblem
from bot.store import FallbackStore, MemoryStore, RedisStore, store_from_settings
from bot.store.fallback import FALLBACK_STATUS
from tests.redis_server import free_port, redis_server


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# --- memory ----------------------------------------------------------------------------------------
def test_memory_claims_once_until_the_key_expires() -> None:
    clock = _Clock()
    store = MemoryStore(clock=clock)
    assert store.claim("event:Ev1", ttl=3600)
    assert not store.claim("event:Ev1", ttl=3600)
    clock.now += 3599
    assert not store.claim("event:Ev1", ttl=3600)
    clock.now += 2
    assert store.claim("event:Ev1", ttl=3600)  # an hour later: Slack stopped retrying long ago


def test_memory_put_get_and_a_claim_never_overwrites() -> None:
    store = MemoryStore()
    assert store.get("thread:C1:1.0") is None
    assert store.claim("thread:C1:1.0", ttl=60, value="0")
    store.put("thread:C1:1.0", "1", ttl=60)
    assert not store.claim("thread:C1:1.0", ttl=60, value="0")
    assert store.get("thread:C1:1.0") == "1"


def test_memory_is_bounded_oldest_first() -> None:
    store = MemoryStore(capacity=2)
    for key in "abc":
        store.put(key, "1", ttl=60)
    assert len(store) == 2 and store.get("a") is None and store.get("c") == "1"


# --- redis ----------------------------------------------------------------------------------------
def test_redis_claims_once_across_clients_with_a_ttl(redis_url: str) -> None:
    one, two = RedisStore.from_url(redis_url), RedisStore.from_url(redis_url)
    try:
        assert one.claim("event:Ev1", ttl=3600)
        assert not two.claim("event:Ev1", ttl=3600)  # another replica: already handled
        raw = redis.Redis.from_url(redis_url)
        assert 3590 <= raw.ttl("kamervraag:event:Ev1") <= 3600  # SET NX EX: it expires by itself
        raw.close()
        two.put("thread:C1:1.0", "1", ttl=7 * 86400)
        assert one.get("thread:C1:1.0") == "1" and one.status == "redis"
    finally:
        one.close()
        two.close()


def test_settings_choose_the_store(redis_url: str) -> None:
    assert store_from_settings(Settings(_env_file=None)).status == "memory"
    shared = store_from_settings(Settings(_env_file=None, KAMERVRAAG_REDIS_URL=redis_url))
    assert shared.status == "redis"
    with pytest.raises(SettingsProblem, match="KAMERVRAAG_REDIS_URL"):
        store_from_settings(Settings(_env_file=None, KAMERVRAAG_REDIS_URL="http://not-redis"))


# --- redis down: the fallback -----------------------------------------------------------------------
def test_redis_down_falls_back_to_memory_with_one_warning_and_recovers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()  # nothing listens here yet
    clock = _Clock()
    fallbacks: list[int] = []
    store = FallbackStore(
        RedisStore.from_url(f"redis://:s3cret-pass@127.0.0.1:{port}/0"),
        retry_seconds=30,
        on_fallback=lambda: fallbacks.append(1),
        clock=clock,
    )
    with caplog.at_level(logging.WARNING, logger="kamervraag.store"):
        store.check()
        assert store.status == FALLBACK_STATUS
        assert store.claim("event:Ev1", ttl=3600) and not store.claim("event:Ev1", ttl=3600)  # still once
        store.put("thread:C1:1.0", "1", ttl=60)
        assert store.get("thread:C1:1.0") == "1"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "unreachable" in warnings[0].getMessage()
    assert "s3cret-pass" not in caplog.text  # the URL's password never reaches a log
    assert len(fallbacks) >= 4

    with redis_server(tmp_path, port=port):
        assert store.claim("event:Ev2", ttl=3600)  # within the retry interval: still memory
        assert store.status == FALLBACK_STATUS
        clock.now += 31
        assert store.claim("event:Ev3", ttl=3600)
        assert store.status == "redis"  # Redis answers again: shared state restored
        assert not RedisStore.from_url(f"redis://127.0.0.1:{port}/0").claim("event:Ev3", ttl=60)
