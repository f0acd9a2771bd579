"""Question-type cues: what kind of fact a query asks for, and which items hold that kind of fact.

"Hoeveel …?" wants a number and "wanneer …?" a date. An item whose answer gives one (or whose
question asks the same kind) is a little more likely the answer; never enough to outrank a clearly
better match (see `ranking.CUE_WEIGHT`).
"""

from __future__ import annotations

NUMBER = 1
DATE = 2

NUMBER_WORDS = frozenset({"hoeveel", "aantal", "aantallen", "cijfers", "percentage", "procent", "many", "much"})
DATE_WORDS = frozenset({"wanneer", "datum", "when"})
MONTHS = frozenset(
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober"}
    | {"november", "december"}
)


def is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def query_cues(words: list[str]) -> int:
    """Bit flags of what a query (folded words) asks for."""
    found = set(words)
    return (NUMBER if found & NUMBER_WORDS else 0) | (DATE if found & DATE_WORDS else 0)


def item_cues(question: list[str], answer: list[str]) -> int:
    """Bit flags of what an item (folded words) offers: a number, a date."""
    asks = set(question)
    number = bool(asks & NUMBER_WORDS) or any(w.isdigit() for w in answer)
    date = bool(asks & DATE_WORDS) or any(is_year(w) or w in MONTHS for w in answer)
    return (NUMBER if number else 0) | (DATE if date else 0)
