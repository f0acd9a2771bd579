"""From raw text to comparable words: case, accents, quote and dash variants, punctuation.

Dutch-specific care: "IS" (Islamitische Staat) and "VS" survive lowercasing only while they are
capitalised or glued to a hyphen ("IS-strijders", "anti-IS"); "is" alone is just a verb.
"F-16", "F16" and "F-16’s" become one word, so do "COVID-19" and "covid19".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "",
    }
)
_CAPS_WORD = re.compile(r"\b[A-Z]{2,4}\b")
_LETTER_DASH_DIGITS = re.compile(r"\b([a-z]{1,5})-?(\d+)s?\b")
_POSSESSIVE = re.compile(r"'s\b")
_HYPHEN_IS = re.compile(r"\bis(?=-[a-z])|(?<=anti-)is\b")
_WORD = re.compile(r"[a-z0-9]+")
# Speed only (the results are the same): the index is built from every text of up to 500 000 items.
_QUOTE_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _QUOTES) + "]")
"""`str.translate` with a dict looks up every character; most texts hold a handful that change."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
"""Combining marks are never ASCII, so only these runs need looking at."""
_LETTER_DIGIT = re.compile(r"[a-z]-?\d")
"""Where `_LETTER_DASH_DIGITS` can match at all (keep the two in step); the full pattern is slow to scan.
tests/bench/test_text_fast_paths.py checks these short cuts against the plain definitions."""


def _plain(text: str) -> str:
    """`text.translate(_QUOTES)`, visiting only the characters it changes."""
    return _QUOTE_CHARS.sub(lambda m: m.group(0).translate(_QUOTES), text)


def _unmarked(match: re.Match[str]) -> str:
    return "".join(ch for ch in match.group(0) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase, without diacritics, with plain quotes and dashes; nothing else changes."""
    text = unicodedata.normalize("NFKD", _plain(text))
    text = _NON_ASCII.sub(_unmarked, text)
    return text.lower()


def words(text: str, acronyms: Mapping[str, str] | None = None) -> list[str]:
    """The words of a text, folded; capitalised acronyms (`IS`, `US`) mapped through `acronyms` first."""
    text = _plain(text)
    if acronyms:
        text = _CAPS_WORD.sub(lambda m: acronyms.get(m.group(0), m.group(0)), text)
    text = fold(text)
    text = _POSSESSIVE.sub("", text)
    if "is-" in text or "anti-is" in text:  # where _HYPHEN_IS can match: keep the two in step
        text = _HYPHEN_IS.sub("isis", text)
    if _LETTER_DIGIT.search(text):
        text = _LETTER_DASH_DIGITS.sub(r"\1\2", text)
    return _WORD.findall(text)


def collapse_vowels(stem: str) -> str:
    """Snowball Dutch stems "aanslagen" to "aanslaag" but "aanslag" to "aanslag": undouble vowels."""
    return re.sub(r"([aeou])\1", r"\1", stem)
