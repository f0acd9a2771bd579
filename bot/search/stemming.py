"""Words to index terms: Snowball Dutch stems (PyStemmer, version pinned) and compound splitting.

Dutch glues nouns together ("troepenreductie", "dreigingsniveau", "wapensmokkel"); the last part
carries the meaning. A compound is split against the words the corpus itself uses, so no external
dictionary is needed and nothing is split into parts nobody searches for.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence

import Stemmer

from bot.search.text import collapse_vowels

MIN_PART = 4
MIN_HEAD = 3
LINKS = ("s", "en", "e")


@functools.lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


@functools.lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The index term of a folded word: its stem with undoubled vowels ("aanslagen" = "aanslag")."""
    if any(ch.isdigit() for ch in word):
        return word
    return collapse_vowels(_stemmer().stemWord(word))


def terms(words: Iterable[str]) -> list[str]:
    return [term(w) for w in words]


# Heads that make a derived verb or adverb rather than a compound ("aanvallen", "terugkeren").
PREFIXES = frozenset(
    [
        "aan",
        "af",
        "bij",
        "daar",
        "door",
        "her",
        "hier",
        "in",
        "mee",
        "na",
        "om",
        "on",
        "onder",
        "ont",
        "op",
        "over",
        "samen",
        "te",
        "tegen",
        "terug",
        "toe",
        "uit",
        "ver",
        "voor",
        "voort",
        "vast",
        "waar",
        "weg",
    ]
)


# Prefixes that make a new word, not a compound: "verzocht" is no kind of "zocht".
DERIVATIONS = frozenset({"be", "ge", "er", "ver", "ont", "her", "mis", "on"})


class Splitter:
    """Compound parts and compound tails, looked up in a fixed vocabulary of folded words."""

    def __init__(self, vocabulary: Iterable[str], stopwords: Iterable[str] = ()) -> None:
        self.stopwords = frozenset(stopwords) | PREFIXES
        self.vocabulary = frozenset(w for w in vocabulary if w not in self.stopwords)
        self._reversed = sorted(w[::-1] for w in self.vocabulary)
        self._terms = frozenset(term(w) for w in self.vocabulary)
        # No part longer than this can be known: a tail is a vocabulary word; a head's term is one's, and
        # a stem loses at most a suffix and half of its letters to undoubled vowels. Keeps a pasted
        # 10 000-letter "word" from taking seconds (every start and tail of it was tried).
        self._longest_part = 2 * max(map(len, self.vocabulary), default=0) + 12

    def _known_head(self, head: str) -> str | None:
        """The head as the corpus writes it, without a linking "s", "e" or "en" ("dreigings" → "dreiging")."""
        options = [head] + [head[: len(head) - len(link)] for link in LINKS if head.endswith(link)]
        options = [o for o in options if len(o) >= MIN_PART]
        for o in options:
            if o in self.vocabulary:
                return o
        for o in options:
            if term(o) in self._terms:
                return o
        return None

    def split(self, word: str) -> tuple[str, ...]:
        """Known parts of a compound: ("troepen", "reductie"), or just a known tail ("basis")."""
        if len(word) < MIN_PART + MIN_PART:
            return ()
        for i in range(max(MIN_PART, len(word) - self._longest_part), len(word) - MIN_PART + 1):
            tail = word[i:]
            if tail not in self.vocabulary:
                continue
            head = self._known_head(word[:i])
            if head is not None:
                return (head, tail)
            deeper = self.split(word[:i])
            if deeper:
                return (*deeper, tail)
            if len(tail) > MIN_PART and word[:i] not in self.stopwords:
                return (tail,)
        return ()

    def head(self, word: str) -> str | None:
        """The longest known start of an unknown compound ("troepenmacht" → "troepen"), as a last resort."""
        for i in range(min(len(word) - MIN_HEAD, self._longest_part), MIN_PART, -1):
            found = self._known_head(word[:i])
            if found is not None:
                return found
        return None

    def with_tail(self, tail: str, limit: int = 8) -> Sequence[str]:
        """Vocabulary words that end in `tail` ("slachtoffers" → "burgerslachtoffers")."""
        if len(tail) <= MIN_PART + 1:
            return ()
        key = tail[::-1]
        start = bisect.bisect_left(self._reversed, key)
        out: list[str] = []
        for rev in self._reversed[start:]:
            if not rev.startswith(key) or len(out) >= limit:
                break
            word = rev[::-1]
            head = word[: len(word) - len(tail)]
            if len(head) >= MIN_HEAD and head not in self.stopwords and head not in DERIVATIONS:
                out.append(word)
        return out
