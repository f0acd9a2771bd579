"""From what a person types ("53", "vraag 53", "kst-27925-748:53") to an item, or a Dutch reason why not."""

from __future__ import annotations

import re
from typing import NamedTuple

from bot import messages
from bot.corpus.store import Corpus, ItemKey

# A whole message that is only a reference: "53", "vraag 53", "Vraag 53?", "en 55?", "kst-27925-748:53",
# "27925-748:53", "ah-tk-20232024-1076:2".
_REFERENCE = re.compile(
    r"^\s*(?:en\s+)?(?:(?:vraag|vr\.?|nr\.?|nummer|question|q)\s*)?"
    r"(?:(?P<doc>[a-z0-9][a-z0-9-]*[a-z0-9])\s*:\s*)?"
    r"(?P<num>[+-]?\d+)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# "1076 vraag 2", "aanhangsel 1076 vraag 2", "kamerstuk 27925-748 vraag 53", "nr. 1076, vraag 2"
_SHORT_FORM = re.compile(
    r"^\s*(?:(?:aanhangsel(?:\s+handelingen)?|ah|kamerstuk|kst)\s+)?(?:(?:nr\.?|nummer)\s*)?"
    r"(?P<doc>\d{1,5}(?:[- ]\d{1,5})?)\s*,?\s+(?:vraag|vr\.?)\s*(?P<num>\d+)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


class Reference(NamedTuple):
    document: str | None
    number: int


class LookupProblem(Exception):
    """The user's reference does not name an item; the message says so in Dutch."""


def parse_reference(text: str) -> Reference | None:
    """A reference when the whole text is one, else None (free text goes to the search engine)."""
    m = _REFERENCE.match(text) or _SHORT_FORM.match(text)
    if not m:
        return None
    return Reference(m.group("doc").lower() if m.group("doc") else None, int(m.group("num")))


def document_for(corpus: Corpus, name: str) -> str | None:
    """The document a person's name for it means: its id, or what they type for it ("27925-748", "1076",
    "27925 748"); None unless exactly one document fits."""
    if name in corpus.document_ids:
        return name
    digits = re.sub(r"\D+", "-", name).strip("-")
    fits = [
        doc_id
        for doc_id in corpus.document_ids
        if doc_id.endswith(f"-{digits}") or corpus.document(doc_id).number == digits
    ]
    return fits[0] if len(fits) == 1 else None


def needs_document(corpus: Corpus, ref: Reference, *, document: str | None = None) -> bool:
    """A bare number while several documents are loaded and none is the default: which one is meant cannot
    be guessed."""
    return ref.document is None and document is None and corpus.default_document is None


def resolve(corpus: Corpus, ref: Reference, *, document: str | None = None) -> ItemKey:
    """The item a reference names. With several documents loaded a bare number needs a document."""
    if needs_document(corpus, ref, document=document):
        raise LookupProblem(messages.document_needed(corpus.document_ids))
    doc_id = ref.document or document or corpus.default_document
    if doc_id is None:
        doc_id = corpus.document_ids[0]
    if doc_id not in corpus.document_ids:
        found = document_for(corpus, doc_id)
        if found is None:
            raise LookupProblem(messages.unknown_document(doc_id, corpus.document_ids))
        doc_id = found
    key = ItemKey(doc_id, ref.number)
    if key not in corpus:
        first, last = corpus.number_range(doc_id)
        raise LookupProblem(messages.unknown_item(ref.number, first, last))
    return key


def resolve_text(corpus: Corpus, text: str, *, document: str | None = None) -> ItemKey:
    """Like `resolve`, for text that must be a reference (`kamervraag show N`)."""
    ref = parse_reference(text)
    if ref is None:
        raise LookupProblem(messages.not_a_number(text.strip()))
    return resolve(corpus, ref, document=document)


def example_reference(corpus: Corpus) -> str:
    """What a tip can tell people to type: "53", or "kst-…:53" when a bare number would be ambiguous."""
    doc_id = corpus.default_document or corpus.document_ids[0]
    first, last = corpus.number_range(doc_id)
    number = 53 if ItemKey(doc_id, 53) in corpus else first
    return str(number) if corpus.default_document is not None else f"{doc_id}:{number}"
