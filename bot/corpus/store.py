"""The loaded corpus: documents and items by key, shared read-only by the engine and the bot."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from bot import messages
from bot.corpus.models import CorpusDocument, Document, Item


class ItemKey(NamedTuple):
    """Which item: a number is only unique within its document."""

    document: str
    number: int

    def __str__(self) -> str:
        return f"{self.document}:{self.number}"


class Corpus:
    def __init__(
        self, documents: Sequence[CorpusDocument], *, phrasings: Mapping[ItemKey, tuple[str, ...]] | None = None
    ) -> None:
        self.documents: tuple[CorpusDocument, ...] = tuple(documents)
        self.phrasings: dict[ItemKey, tuple[str, ...]] = dict(phrasings or {})
        """Curated phrasings per item (`corpus/phrasings/`), searched as extra question text."""
        self._docs = {d.document.id: d for d in self.documents}
        self._items = {ItemKey(d.document.id, q.number): q for d in self.documents for q in d.questions}
        self.keys: tuple[ItemKey, ...] = tuple(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[tuple[ItemKey, Item]]:
        return iter(self._items.items())

    def __contains__(self, key: object) -> bool:
        return key in self._items

    @property
    def document_ids(self) -> list[str]:
        return list(self._docs)

    def item(self, key: ItemKey) -> Item:
        return self._items[key]

    def document(self, doc_id: str) -> Document:
        return self._docs[doc_id].document

    def corpus_document(self, doc_id: str) -> CorpusDocument:
        return self._docs[doc_id]

    def number_range(self, doc_id: str) -> tuple[int, int]:
        numbers = [q.number for q in self._docs[doc_id].questions]
        return min(numbers), max(numbers)

    def citation(self, key: ItemKey) -> str:
        doc = self.document(key.document)
        return messages.citation(dossier=doc.dossier, number=doc.number, session_year=doc.session_year, item=key.number)
