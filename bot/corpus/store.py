"""The loaded corpus: documents and items by key, shared read-only by the engine and the bot."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from bot import messages
from bot.corpus.models import CorpusDocument, Document, Item


class ItemKey(NamedTuple):
    """Which item: a number is only unique within its document."""

    document: str
    number: int

    def __str__(self) -> str:
        return f"{self.document}:{self.number}"


FALLBACK_DOCUMENT = "kst-27925-748"
"""The document a bare number means when nothing else is said (KAMERVRAAG_DEFAULT_DOCUMENT's default)."""


class Corpus:
    def __init__(
        self,
        documents: Sequence[CorpusDocument],
        *,
        default_document: str | None = None,
        source: Path | None = None,
        phrasings: Mapping[ItemKey, tuple[str, ...]] | None = None,
    ) -> None:
        self.source = source
        """The file or folder it was read from (None when built in memory): stored vectors live beside it."""
        self.phrasings: dict[ItemKey, tuple[str, ...]] = dict(phrasings or {})
        """Curated phrasings per item (`corpus/phrasings/`): searched as questions of their own, and embedded
        as query passages of their item when vectors are used."""
        self._docs = {d.document.id: d for d in documents}
        self.default_document = self._default(default_document, documents)
        # the default document first: lists, tips and "the first document" mean the one a bare number means
        self.documents: tuple[CorpusDocument, ...] = tuple(
            sorted(documents, key=lambda d: d.document.id != self.default_document)
        )
        self._docs = {d.document.id: d for d in self.documents}
        self._items = {ItemKey(d.document.id, q.number): q for d in self.documents for q in d.questions}
        self.keys: tuple[ItemKey, ...] = tuple(self._items)

    def _default(self, wanted: str | None, documents: Sequence[CorpusDocument]) -> str | None:
        """The document a bare number means: the one asked for, else the seed list, else the only one."""
        for candidate in (wanted, FALLBACK_DOCUMENT):
            if candidate is not None and candidate in self._docs:
                return candidate
        return documents[0].document.id if len(documents) == 1 else None

    def with_default(self, document: str | None) -> Corpus:
        """The same documents, with `document` as the one a bare number means."""
        return Corpus(self.documents, default_document=document, source=self.source, phrasings=self.phrasings)

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
