"""The corpus: models, loading and validation, ingest of official sources."""

from bot.corpus.loader import CorpusError, default_corpus_path, load_corpus
from bot.corpus.models import CorpusDocument, Document, Footnote, Item
from bot.corpus.store import Corpus, ItemKey

__all__ = [
    "Corpus",
    "CorpusDocument",
    "CorpusError",
    "Document",
    "Footnote",
    "Item",
    "ItemKey",
    "default_corpus_path",
    "load_corpus",
]
