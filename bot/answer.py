"""What is shown for one item, independent of where it is shown (terminal or Slack).

Pure: built from the corpus and the related keys the engine chose; renderers only lay it out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.corpus.ingest.references import POINTER
from bot.corpus.models import Document, Footnote, Item
from bot.corpus.store import Corpus, ItemKey

_PUNCTUATION_AFTER = re.compile(r"^\s*[.,;]")
"""The end of the pointer's own sentence ("… vraag 13." or "…, vraag 13; …"), which is no further text."""
_SENTENCE_END = re.compile(r"[.!?;:][\"'”’)\]]*(?=\s)")
# Besides its pointer an answer may hold one short sentence ("Ja.", "Nee.") and still count as a pointer.
SHORT_SENTENCE_CHARS = 60
COLLAPSE_CHARS = 600
"""A referred answer beside an answer of its own is shown up to the sentence end before this many
characters; the rest is one click away (its button stays)."""
TOPIC_CHARS = 60
"""The start of a question that names an item on a button or in a list ("Vraag 55 – Is er …")."""


@dataclass(frozen=True, slots=True)
class Referred:
    """An answer this answer refers to, shown with it so nobody has to click."""

    item: Item
    text: str
    """The official answer, or its first sentences when `complete` is False."""
    complete: bool

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """The notes of the answer shown: those whose marker is in the text shown (or not recorded); its
        question is not shown, so neither are the question's notes."""
        return tuple(
            fn
            for fn in self.item.footnotes
            if fn.field != "question" and (fn.offset is None or fn.offset <= len(self.text))
        )


@dataclass(frozen=True, slots=True)
class AnswerView:
    key: ItemKey
    document: Document
    item: Item
    citation: str
    referred: tuple[Referred, ...]
    """Answers this one refers to ("Zie vraag 57, …"), in the order of `refers_to`."""
    related: tuple[ItemKey, ...]
    also: tuple[ItemKey, ...] = ()
    """Close runner-ups of a best match ("Lijkt ook op")."""
    topics: Mapping[ItemKey, str] = field(default_factory=dict)
    """The start of the question of every related item and runner-up, for its button or list line."""

    @property
    def included(self) -> tuple[Item, ...]:
        """The referred items, shown in full or in part under "Antwoord op vraag N:"."""
        return tuple(r.item for r in self.referred)

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """The item's footnotes, then those of the answers shown with it: every marker shown has its note."""
        return (*self.item.footnotes, *(fn for r in self.referred for fn in r.footnotes))


def is_pointer_answer(answer: str) -> bool:
    """True for "Zie het antwoord op vraag 13." and "Ja. Zie het antwoord op vraag 12."."""
    m = POINTER.search(answer)
    if not m:
        return False
    after = _PUNCTUATION_AFTER.sub("", answer[m.end() :])
    rest = (answer[: m.start()] + " " + after).strip()
    if not rest:
        return True
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", rest) if s.strip()]
    return len(sentences) <= 1 and len(rest) <= SHORT_SENTENCE_CHARS


def collapse(text: str, limit: int = COLLAPSE_CHARS) -> str:
    """The first sentences of `text` within `limit` characters (at least the first sentence, or the
    words that fit); `text` itself when it is short. Never cuts inside a word."""
    if len(text) <= limit:
        return text
    para = text.rfind("\n\n", 0, limit)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1)]
    cut = max([para, *ends]) if para > 0 or ends else -1
    if cut <= 0:
        first = _SENTENCE_END.search(text)
        cut = first.end() if first and first.end() <= 2 * limit else text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip()


def topic(question: str, limit: int = TOPIC_CHARS) -> str:
    """The start of a question, cut at a word ("Is er sprake van een toename van…")."""
    flat = " ".join(question.split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:") + "…"


def _referred(corpus: Corpus, key: ItemKey, item: Item) -> tuple[Referred, ...]:
    """Every item the answer refers to: in full for a pure pointer ("Zie het antwoord op vraag 13."),
    else its first sentences."""
    full = is_pointer_answer(item.answer)
    out: list[Referred] = []
    for n in item.refers_to:
        ref = ItemKey(key.document, n)
        if ref not in corpus or n == item.number:
            continue
        answer = corpus.item(ref).answer
        text = answer if full else collapse(answer)
        out.append(Referred(corpus.item(ref), text, complete=text == answer))
    return tuple(out)


def build_view(
    corpus: Corpus, key: ItemKey, related: Sequence[ItemKey] = (), *, also: Sequence[ItemKey] = ()
) -> AnswerView:
    item = corpus.item(key)
    referred = _referred(corpus, key, item)
    # In full already: no button for them; one shown in part always has its button, for the rest of its text.
    shown = {ItemKey(key.document, r.item.number) for r in referred if r.complete}
    partial = [ItemKey(key.document, r.item.number) for r in referred if not r.complete]
    also_keys = tuple(k for k in also if k != key)
    candidates = (*(k for k in partial if k not in related), *related)
    related_keys = tuple(r for r in candidates if r != key and r not in shown and r not in also_keys)
    topics = {k: topic(corpus.item(k).question) for k in (*also_keys, *related_keys) if k in corpus}
    return AnswerView(
        key=key,
        document=corpus.document(key.document),
        item=item,
        citation=corpus.citation(key),
        referred=referred,
        related=related_keys,
        also=also_keys,
        topics=topics,
    )
