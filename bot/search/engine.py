"""Placeholder engine (token overlap); replaced by the real ranking in the answering-engine issue."""

from __future__ import annotations

import re

from bot.corpus.lookup import LookupProblem, parse_reference, resolve
from bot.corpus.store import Corpus, ItemKey
from bot.search.types import Hit, Outcome
from bot.settings import DEFAULT_MIN_SCORE

_WORD = re.compile(r"\w+")


class Engine:
    def __init__(self, corpus: Corpus, *, min_score: float = DEFAULT_MIN_SCORE) -> None:
        self.corpus = corpus
        self.min_score = min_score
        self._tokens = {
            key: set(_WORD.findall((item.question + " " + item.answer).lower())) for key, item in corpus
        }

    def ask(self, query: str, *, top: int = 5, document: str | None = None) -> Outcome:
        ref = parse_reference(query)
        if ref is not None:
            try:
                key = resolve(self.corpus, ref, document=document)
            except LookupProblem as exc:
                return Outcome(query=query, answered=False, hits=(), by_reference=True, problem=str(exc))
            return Outcome(query=query, answered=True, hits=(Hit(key, 1.0),), by_reference=True)
        words = set(_WORD.findall(query.lower()))
        scored = sorted(
            ((len(words & toks) / max(len(words), 1), key) for key, toks in self._tokens.items()),
            key=lambda t: (-t[0], t[1]),
        )
        hits = tuple(Hit(key, round(score, 4)) for score, key in scored[:top])
        answered = bool(hits) and hits[0].score >= self.min_score
        return Outcome(query=query, answered=answered, hits=hits)

    def related(self, key: ItemKey, *, limit: int = 5) -> tuple[ItemKey, ...]:
        item = self.corpus.item(key)
        out: list[ItemKey] = []
        for n in (*item.refers_to, *item.joint_with):
            k = ItemKey(key.document, n)
            if k not in out and k != key:
                out.append(k)
        for other, oi in self.corpus:
            if other.document == key.document and key.number in oi.refers_to and other not in out:
                out.append(other)
        return tuple(out[:limit])
