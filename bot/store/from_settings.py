"""The store `KAMERVRAAG_REDIS_URL` asks for: Redis (with the in-memory fallback), else memory."""

from __future__ import annotations

from collections.abc import Callable

from bot import messages
from bot.settings import Settings, SettingsProblem
from bot.store.base import Store, StoreUnavailable
from bot.store.fallback import FallbackStore
from bot.store.memory import MemoryStore
from bot.store.redis import RedisStore


def store_from_settings(settings: Settings, *, on_fallback: Callable[[], None] = lambda: None) -> Store:
    if settings.redis_url is None:
        return MemoryStore()
    try:
        redis = RedisStore.from_url(settings.redis_url.get_secret_value())
    except StoreUnavailable:
        raise SettingsProblem(messages.setting_invalid("KAMERVRAAG_REDIS_URL", messages.redis_url_invalid())) from None
    store = FallbackStore(redis, on_fallback=on_fallback)
    store.check()
    return store
