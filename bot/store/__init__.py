"""Shared state of the bot (which events were handled, which threads are its own), behind one small
interface: in this process by default, in Redis when several replicas must agree.

Example:
    store = store_from_settings(settings)     # MemoryStore, or Redis with an in-memory fallback
    store.claim("event:Ev1", ttl=3600)        # True exactly once across every process sharing it
"""

from bot.store.base import Store
from bot.store.fallback import FallbackStore
from bot.store.from_settings import store_from_settings
from bot.store.memory import MemoryStore
from bot.store.redis import RedisStore

__all__ = ["FallbackStore", "MemoryStore", "RedisStore", "Store", "store_from_settings"]
