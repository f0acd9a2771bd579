"""The engine as the command line and the bot run it: the configured decline threshold, index cache and
sentence model. The only module of `bot.search` that reads settings."""

from __future__ import annotations

import sys
from collections.abc import Callable

from bot import messages
from bot.corpus.store import Corpus
from bot.search import rerank
from bot.search.cache import IndexCache
from bot.search.embeddings import OFF, EmbeddingsUnavailable, load_embedder, model_id_of
from bot.search.engine import Engine
from bot.search.vectors import has_vectors, load_dense
from bot.settings import Settings


def _warn_stderr(line: str) -> None:
    print(line, file=sys.stderr)


def index_cache(settings: Settings) -> IndexCache | None:
    """The cache for the command line and the bot; `KAMERVRAAG_INDEX_CACHE=0` turns it off (the tests do)."""
    return IndexCache() if settings.index_cache else None


def engine_from_settings(corpus: Corpus, settings: Settings, *, warn: Callable[[str], None] = _warn_stderr) -> Engine:
    """With `KAMERVRAAG_EMBEDDINGS` on and stored vectors for this corpus, the model is loaded now (once per
    process); a corpus without vectors never loads it. A model that cannot run here: one warning line and
    the lexical engine."""
    embedder = dense = None
    name = settings.embeddings.strip().lower()
    if name != OFF:
        model_id = model_id_of(name)
        if model_id is None:
            warn(messages.embeddings_unknown(settings.embeddings))
        elif has_vectors(corpus, model_id):
            try:
                embedder = load_embedder(name)
            except EmbeddingsUnavailable as exc:
                warn(messages.embeddings_unavailable(name, str(exc)))
            else:
                dense = load_dense(corpus, model_id)
    cache = index_cache(settings)
    reranker = rerank.model() if dense is not None else None
    return Engine(corpus, min_score=settings.min_score, cache=cache, embedder=embedder, dense=dense, reranker=reranker)
