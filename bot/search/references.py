"""Explicit links between items: "zie (het antwoord op) vraag 13" and joint answers.

The corpus carries `refers_to` and `joint_with`; pointers written in an answer's text count too, so
a corpus made without those fields still links 14 to 13.
"""

from __future__ import annotations

import re

from bot.corpus.ingest.references import answered_together, refers_to
from bot.corpus.store import Corpus, ItemKey

_MAYBE_POINTER = re.compile(r"zie\s", re.IGNORECASE)
"""Where a pointer can stand at all: a cheap scan first (every answer is read, up to 500 000 of them)."""


def outgoing(corpus: Corpus) -> dict[ItemKey, tuple[ItemKey, ...]]:
    """Per item, the items its answer points to or is answered jointly with (never itself), in order."""
    links: dict[ItemKey, tuple[ItemKey, ...]] = {}
    for key, item in corpus:
        numbers = [*item.refers_to, *item.joint_with]
        if _MAYBE_POINTER.search(item.answer):
            numbers += refers_to(item.answer, key.number)
        numbers += sorted(answered_together(item.answer, key.number))
        seen: list[ItemKey] = []
        for n in numbers:
            other = ItemKey(key.document, n)
            if other != key and other in corpus and other not in seen:
                seen.append(other)
        links[key] = tuple(seen)
    return links


def incoming(links: dict[ItemKey, tuple[ItemKey, ...]]) -> dict[ItemKey, tuple[ItemKey, ...]]:
    back: dict[ItemKey, list[ItemKey]] = {}
    for source, targets in links.items():
        for target in targets:
            back.setdefault(target, []).append(source)
    return {k: tuple(v) for k, v in back.items()}
