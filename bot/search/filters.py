"""Filters people type in a question to narrow the search: `dossier:27925`, `jaar:2024`,
`document:ah-tk-20232024-1076` (also `document:1076`). Pure: the text in, the allowed documents out.

    >>> narrow(corpus, "vuurwerk jaar:2024")
    Narrowed(query='vuurwerk', documents=frozenset({...}), problem=None)
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Protocol

from bot import messages
from bot.corpus.lookup import document_for
from bot.corpus.models import Document
from bot.corpus.store import Corpus
from bot.search.types import Outcome

_FILTER = re.compile(r"(?<!\S)(?P<name>dossier|jaar|document|doc):(?P<value>\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class Narrowed:
    query: str
    """The question without its filters."""
    documents: frozenset[str] | None
    """The documents the question may be answered from; None: every document."""
    problem: str | None = None
    """A Dutch sentence when no document fits the filters."""


def narrow(corpus: Corpus, text: str, *, document: str | None = None) -> Narrowed:
    """The question and the documents its filters (and `--document`) leave. Filters of different kinds all
    apply; several of one kind (`jaar:2023 jaar:2024`) allow either."""
    found = list(_FILTER.finditer(text))
    if not found:
        return Narrowed(text, None if document is None else frozenset({document}))
    query = " ".join(_FILTER.sub(" ", text).split())
    wanted: dict[str, list[str]] = {}
    for match in found:
        name = match["name"].lower()
        wanted.setdefault("document" if name == "doc" else name, []).append(match["value"].strip(".,;?!"))
    allowed = {doc_id for doc_id in corpus.document_ids if document is None or doc_id == document}
    for name, values in wanted.items():
        allowed = {d for d in allowed if any(_fits(corpus, d, name, value) for value in values)}
    if not allowed:
        return Narrowed(query, frozenset(), messages.no_document_fits(" ".join(m.group() for m in found)))
    return Narrowed(query, frozenset(allowed))


def _fits(corpus: Corpus, doc_id: str, name: str, value: str) -> bool:
    doc = corpus.document(doc_id)
    if name == "dossier":
        return doc.dossier is not None and _digits(doc.dossier) == _digits(value)
    if name == "jaar":
        return value in _years(doc)
    return document_for(corpus, value.lower()) == doc_id


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isalnum()).lower()


def _years(doc: Document) -> set[str]:
    """The years a document belongs to: its date (for written questions also when they were sent in), or
    else the years of its session."""
    dated = {str(d.year) for d in (doc.date, doc.date_submitted) if d is not None}
    return dated or set(re.findall(r"\d{4}", doc.session_year))


class Asker(Protocol):
    def ask(self, query: str, *, top: int = 5, document: str | Collection[str] | None = None) -> Outcome: ...


def ask_narrowed(engine: Asker, corpus: Corpus, text: str, *, top: int, document: str | None = None) -> Outcome:
    """`engine.ask` on the question without its filters, among the documents they leave; the outcome
    echoes the question as typed."""
    narrowed = narrow(corpus, text, document=document)
    if narrowed.problem is not None:
        return Outcome(query=text, answered=False, hits=(), problem=narrowed.problem)
    if not narrowed.query.strip():
        return Outcome(query=text, answered=False, hits=(), problem=messages.ask_empty_query())
    outcome = engine.ask(narrowed.query, top=top, document=narrowed.documents)
    return replace(outcome, query=text)
