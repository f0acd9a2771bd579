"""What a query asks for: its concepts, each with the index terms that would satisfy it.

One query word (or lexicon phrase) is one concept; its alternatives are its own stem, its synonyms or
translations, and for a word the corpus never uses: its compound parts, the corpus words it is the
tail of, or its likely spelling (rapidfuzz against the corpus vocabulary, never against the items).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.search.cues import is_year
from bot.search.index import SearchIndex
from bot.search.lexicon import Lexicon, Phrase
from bot.search.stemming import Splitter, term
from bot.search.text import words

TAIL_WEIGHT = 0.8
PART_WEIGHT = 0.6
TYPO_WEIGHT = 0.85
NUMBER_SALIENCE = 0.5
MIN_TYPO_LENGTH = 6
MIN_VERB = 4
MAX_ENDING = 3
MAX_WORDS = 100
"""A question is a sentence or two; a pasted page is cut here so one query stays cheap."""
PARTICLES = ("terug", "weg", "uit", "af", "op", "mee", "toe")
"""Separable verbs: "terugtrekken" is written "trekt … terug" in a sentence (a query's "nemen … mee"
also searches "meenemen", and a query's "terugtrekken" also "trekken")."""
_NOISE = re.compile(r"<[^>]*>|@\S+|https?://\S+")
"""Slack mentions and links, "@kamerbot": never what the question is about."""
_NAME = re.compile(r"(?<![\w-])(?:[A-Z]\w*(?:-\d+)?|\w*\d\w*)")


@dataclass(frozen=True, slots=True)
class Concept:
    text: str
    weight: float
    alternatives: tuple[tuple[int, float], ...]
    """(term column, weight in (0, 1]); empty when nothing in the corpus resembles the word."""
    salience: float
    """How much the word says, in [0, 1]: its idf relative to a word the corpus never uses."""
    name: bool = False
    """Written like a name or a code ("Afghanistan", "MH17", "F-35"): unknown ones are telling."""
    guessed: bool = False
    """Matched only through a guess (spelling, compound tail, part of a word): weaker evidence."""
    setting: bool = False
    """Names a country, place or year ("Syrië", "2021"): an item that never mentions it is about another."""


def max_typos(word: str) -> int:
    return 0 if len(word) < MIN_TYPO_LENGTH else 1 if len(word) < 10 else 2


class QueryAnalyzer:
    """Lookups derived from an index and the lexicon; cheap to build, shared by every query."""

    def __init__(self, index: SearchIndex, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.column = {str(t): j for j, t in enumerate(index.terms)}
        self.idf = index.idf
        self.vocabulary = frozenset(str(w) for w in index.vocabulary)
        self.lexicon_words = frozenset(p[0] for p in lexicon.expansions if len(p) == 1)
        # A query's compound may end in a word only the lexicon knows ("pantser|voertuigen" → materieel).
        self.splitter = Splitter(self.vocabulary | self.lexicon_words, lexicon.stopwords)
        self.unknown_idf = math.log(1 + (index.size + 0.5) / 0.5)
        by_length: dict[int, list[str]] = {}
        for w in sorted(self.vocabulary | self.lexicon_words):
            if w not in lexicon.stopwords:
                by_length.setdefault(len(w), []).append(w)
        self._by_length = by_length
        by_stem: dict[str, dict[Phrase, float]] = {}
        for phrase, targets in lexicon.expansions.items():
            stem = term(phrase[0])
            # an inflection adds a short ending ("verstor|en"); more is derivation ("inzet|baarheid")
            if len(phrase) == 1 and phrase[0] not in lexicon.stopwords and len(phrase[0]) <= len(stem) + MAX_ENDING:
                slot = by_stem.setdefault(stem, {})
                for target, weight in targets:
                    slot[target] = max(slot.get(target, 0.0), weight)
        self._by_stem = {t: tuple(sorted(v.items())) for t, v in by_stem.items()}

    def _inflected(self, word: str) -> tuple[tuple[Phrase, float], ...] | None:
        """The lexicon's entry for another form of the word ("verstoort", "verstoren"), if any."""
        if word in self.lexicon.stopwords:
            return None
        t = term(word)
        found = self._by_stem.get(t)
        if found is None and t.endswith("t") and len(t) > 4:
            found = self._by_stem.get(t[:-1])
        return found

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one analyzer per engine, lives as long as it
    def _near_length(self, length: int, spread: int) -> list[str]:
        return [w for n in range(length - spread, length + spread + 1) for w in self._by_length.get(n, ())]

    # --- single words -------------------------------------------------------------------------
    def _own(self, word: str, weight: float = 1.0) -> list[tuple[int, float]]:
        if word in self.lexicon.stopwords:
            return []
        t = term(word)
        j = self.column.get(t)
        if j is None and t.endswith("t") and len(t) > 4:
            j = self.column.get(t[:-1])  # a verb's -t the stemmer keeps: "schaalt" is "schalen"
        return [(j, weight)] if j is not None else []

    def _typos(self, word: str) -> list[tuple[int, float]]:
        limit = max_typos(word)
        if not limit:
            return []
        candidates = self._near_length(len(word), limit)
        found = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=limit, limit=6)
        found = [f for f in found if f[0][:1] == word[:1]][:3]  # a typo rarely hits the first letter
        best = min((d for _, d, _ in found), default=0)
        out: list[tuple[int, float]] = []
        for w, d, _ in found:
            if d == best:
                weight = TYPO_WEIGHT - 0.1 * (d - 1)
                out += self._own(w, weight)
                for target, w2 in self.lexicon.expansions.get((w,), ()):
                    for t in target:
                        out += self._own(t, weight * w2)
        return out

    def _salience(self, alternatives: list[tuple[int, float]], own: bool) -> float:
        if not alternatives:
            return 1.0
        if own:
            return float(self.idf[alternatives[0][0]]) / self.unknown_idf
        return max(float(self.idf[j]) * w for j, w in alternatives) / self.unknown_idf

    def _part(self, part: str) -> list[tuple[int, float]]:
        """A compound's part and, at the part's weight, what the lexicon says it means ("corona" → covid19)."""
        out = self._own(part, PART_WEIGHT)
        targets = self.lexicon.expansions.get((part,)) or self._inflected(part) or ()
        for target, weight in targets:
            for w in target:
                out += self._own(w, PART_WEIGHT * weight)
        return _dedupe(out)

    def _verb(self, word: str) -> list[tuple[int, float]]:
        for particle in PARTICLES:
            rest = word[len(particle) :]
            if word.startswith(particle) and len(rest) >= MIN_VERB and rest not in self.lexicon.stopwords:
                return self._own(rest, PART_WEIGHT)
        return []

    def _word(self, word: str, name: bool = False) -> list[Concept]:
        own = self._own(word)
        if own or word in self.vocabulary:
            if not own:
                return []
            within = [a for p in self.splitter.split(word) for a in self._own(p, PART_WEIGHT)] + self._verb(word)
            return [Concept(word, 1.0, tuple(_dedupe(own + within)), self._salience(own, True))]
        if word.isdigit():
            return [Concept(word, 1.0, (), NUMBER_SALIENCE)]
        if len(word) <= 2:
            return []
        parts = self.splitter.split(word)
        if parts:
            return [
                Concept(p, 1.0 / len(parts), tuple(a), self._salience(a, False), guessed=True)
                for p in parts
                if (a := self._part(p))
            ]
        alternatives = [a for w in self.splitter.with_tail(word) for a in self._own(w, TAIL_WEIGHT)]
        alternatives += self._verb(word)
        if not alternatives and not name:
            alternatives = self._typos(word)
        if not alternatives and not name:
            head = self.splitter.head(word)
            alternatives = self._own(head, PART_WEIGHT) if head else []
        alternatives = _dedupe(alternatives)
        return [Concept(word, 1.0, tuple(alternatives), self._salience(alternatives, False), guessed=True)]

    # --- phrases from the lexicon -------------------------------------------------------------
    def _phrase(self, phrase: Phrase, targets: tuple[tuple[Phrase, float], ...]) -> Concept:
        alternatives: list[tuple[int, float]] = []
        for w in phrase:
            alternatives += self._own(w)
        own = bool(alternatives) and len(phrase) == 1
        for target, weight in targets:
            for w in target:
                alternatives += self._own(w, weight)
                alternatives += [(j, weight * v) for j, v in self._verb(w)]
        alternatives = _dedupe(alternatives)
        return Concept(" ".join(phrase), 1.0, tuple(alternatives), self._salience(alternatives, own))

    def analyse(self, query: str) -> list[Concept]:
        query = _NOISE.sub(" ", query).strip()
        names = set(words(" ".join(_NAME.findall(query[1:] if query[:1].isupper() else query))))
        ws = words(query, self.lexicon.acronyms)
        places = self._places(ws)
        settings = places | {w for w in ws if is_year(w)}
        concepts = self._analyse(query, names | places)
        return [
            replace(c, name=True, setting=c.text in settings) if c.text in names | settings else c for c in concepts
        ]

    def _places(self, ws: list[str]) -> set[str]:
        """Words of the query that name a place (countries, cities), whatever their capitals."""
        found: set[str] = set()
        for n in (1, 2, 3):
            for i in range(len(ws) - n + 1):
                if tuple(ws[i : i + n]) in self.lexicon.places:
                    found.update(ws[i : i + n])
        return found

    def _analyse(self, query: str, names: set[str]) -> list[Concept]:
        ws = words(query, self.lexicon.acronyms)[:MAX_WORDS]
        concepts: list[Concept] = []
        i = 0
        expansions = self.lexicon.expansions
        while i < len(ws):
            for n in range(min(self.lexicon.longest_phrase, len(ws) - i), 0, -1):
                phrase = tuple(ws[i : i + n])
                if phrase in expansions:
                    concept = self._phrase(phrase, expansions[phrase])
                    if concept.alternatives:
                        concepts.append(concept)
                    i += n
                    break
            else:
                inflected = self._inflected(ws[i])
                if inflected is not None:
                    concept = self._phrase((ws[i],), inflected)
                    if concept.alternatives:
                        concepts.append(concept)
                elif ws[i] not in self.lexicon.stopwords:
                    found = self._word(ws[i], ws[i] in names)
                    joined = [a for p in PARTICLES if p in ws and len(ws[i]) >= MIN_VERB for a in self._own(p + ws[i])]
                    if joined and len(found) == 1:
                        both = _dedupe([*found[0].alternatives, *joined])
                        found = [replace(found[0], alternatives=tuple(both), salience=self._salience(both, False))]
                    concepts.extend(found)
                i += 1
        return concepts


def _dedupe(alternatives: list[tuple[int, float]]) -> list[tuple[int, float]]:
    best: dict[int, float] = {}
    for j, w in alternatives:
        best[j] = max(best.get(j, 0.0), w)
    return sorted(best.items(), key=lambda t: -t[1])
