"""The domain's synonyms, abbreviations and English glossary, kept as data next to the corpus.

Files (corpus/lexicon/, packaged as bot/_corpus/lexicon/): `synonyms.tsv` (groups, tab-separated),
`expansions.tsv` and `glossary_en.tsv` (one-way: `source<TAB>target; target`), `acronyms.tsv`
(capitalised abbreviations), `stopwords.txt` and `places.txt` (countries and places).
Phrases are matched on folded words.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.corpus.loader import default_corpus_path
from bot.search.text import words

Phrase = tuple[str, ...]

# How much a query word's synonym counts next to the word itself; a translation is the word itself.
SYNONYM_WEIGHT = 0.8
EXPANSION_WEIGHT = 0.7
GLOSSARY_WEIGHT = 1.0


def lexicon_path() -> Path:
    """The lexicon that travels with the packaged corpus (or the repository's, from source)."""
    return default_corpus_path() / "lexicon"


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str] = frozenset()
    acronyms: dict[str, str] = field(default_factory=dict)
    expansions: dict[Phrase, tuple[tuple[Phrase, float], ...]] = field(default_factory=dict)
    """Source phrase → (target phrase, weight); symmetric groups appear once per member."""
    places: frozenset[Phrase] = frozenset()
    """Names of countries and places: named in a query but not in the corpus, they rule an answer out."""

    @functools.cached_property
    def longest_phrase(self) -> int:
        return max((len(p) for p in self.expansions), default=1)

    def targets(self) -> Iterator[Phrase]:
        for alternatives in self.expansions.values():
            for phrase, _ in alternatives:
                yield phrase


def _rows(path: Path) -> Iterator[list[str]]:
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield [cell.strip() for cell in line.split("\t") if cell.strip()]


def _phrase(text: str, acronyms: dict[str, str]) -> Phrase:
    return tuple(words(text, acronyms))


@functools.lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    """Everything in the lexicon folder; a missing folder or file means an empty part (never an error)."""
    path = path if path is not None else lexicon_path()
    stop_file = path / "stopwords.txt"
    stopwords = frozenset(
        w
        for line in (stop_file.read_text(encoding="utf-8").splitlines() if stop_file.is_file() else [])
        if not line.startswith("#")
        for w in words(line)
    )
    acronyms = {row[0]: row[1] for row in _rows(path / "acronyms.tsv") if len(row) == 2}
    table: dict[Phrase, dict[Phrase, float]] = {}

    def add(source: Phrase, target: Phrase, weight: float) -> None:
        if source and target and source != target:
            slot = table.setdefault(source, {})
            slot[target] = max(slot.get(target, 0.0), weight)

    for group in _rows(path / "synonyms.tsv"):
        phrases = [_phrase(member, acronyms) for member in group]
        for a in phrases:
            for b in phrases:
                add(a, b, SYNONYM_WEIGHT)
    for name, weight in (("expansions.tsv", EXPANSION_WEIGHT), ("glossary_en.tsv", GLOSSARY_WEIGHT)):
        for row in _rows(path / name):
            if len(row) != 2:
                continue
            source = _phrase(row[0], acronyms)
            for target in row[1].split(";"):
                add(source, _phrase(target, acronyms), weight)
    expansions = {src: tuple(sorted(tgts.items())) for src, tgts in table.items()}
    places = frozenset(_phrase(row[0], acronyms) for row in _rows(path / "places.txt"))
    return Lexicon(stopwords=stopwords, acronyms=acronyms, expansions=expansions, places=places - {()})
