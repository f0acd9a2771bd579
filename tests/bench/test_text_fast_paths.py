"""The short cuts in `bot.search.text` (made so 500 000 items index in a minute) change no word.

The reference is the plain pipeline with the module's own patterns and no short cut; texts mix the
characters the short cuts are about: quotes and dashes, accents and combining marks, "IS-", "anti-IS",
"F-16's", digits, Greek sigma (its lower case depends on the next letter).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.search import text as t
from bot.search.lexicon import load_lexicon

PIECES = [
    *"abcdefghijklmnopqrstuvwxyzABCDEFGIJKLMNOSUVZ0123456789 -'\".,?!()",
    *(chr(c) for c in t._QUOTES),
    *"éëïöüÉçñßøÆΣσς\ufb01\u2460\u00b2\u0301\u0308\u00a0\u05b0\u093c",
    "is-",
    "anti-is",
    "IS-",
    "anti-IS",
    "F-16",
    "F16’s",
    "f-16's",
    "COVID-19",
    "VS",
    "IS",
    "NL",
    "'s ",
]


def reference_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(t._QUOTES))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def reference_words(text: str, acronyms: Mapping[str, str] | None = None) -> list[str]:
    text = text.translate(t._QUOTES)
    if acronyms:
        text = t._CAPS_WORD.sub(lambda m: acronyms.get(m.group(0), m.group(0)), text)
    text = reference_fold(text)
    text = t._POSSESSIVE.sub("", text)
    text = t._HYPHEN_IS.sub("isis", text)
    text = t._LETTER_DASH_DIGITS.sub(r"\1\2", text)
    return t._WORD.findall(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_fold_and_words_equal_the_plain_definitions(text: str) -> None:
    acronyms = load_lexicon().acronyms
    assert t.fold(text) == reference_fold(text)
    assert t.words(text) == reference_words(text)
    assert t.words(text, acronyms) == reference_words(text, acronyms)
