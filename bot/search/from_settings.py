"""The engine as the command line and the bot run it: the configured decline threshold and index cache."""

from __future__ import annotations

from bot.corpus.store import Corpus
from bot.search.cache import index_cache
from bot.search.engine import Engine
from bot.settings import Settings


def engine_from_settings(corpus: Corpus, settings: Settings) -> Engine:
    return Engine(corpus, min_score=settings.min_score, cache=index_cache(settings))
