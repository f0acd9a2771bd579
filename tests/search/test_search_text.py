"""Dutch text handling: what a user types and what the corpus says must meet in the same words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.search.lexicon import load_lexicon
from bot.search.stemming import Splitter, term
from bot.search.text import fold, words

ACRONYMS = load_lexicon().acronyms


def test_case_diacritics_quotes_and_dashes_fold_away() -> None:
    assert words("Syrië, JORDANIË – “geïnformeerd” ‘force protection’") == [
        "syrie",
        "jordanie",
        "geinformeerd",
        "force",
        "protection",
    ]
    assert fold("Ça—va") == "ca-va"


def test_f16_is_one_word_in_every_spelling() -> None:
    for spelling in ("F-16", "F16", "F-16’s", "f16s", "F-16's", "F‑16"):
        assert words(spelling) == ["f16"], spelling
    assert words("COVID-19") == words("covid19") == ["covid19"]


def test_is_the_group_differs_from_is_the_verb() -> None:
    assert words("Waarom pleegt IS aanslagen?", ACRONYMS) == ["waarom", "pleegt", "isis", "aanslagen"]
    assert words("IS-strijders en de anti-IS-coalitie", ACRONYMS) == [
        "isis",
        "strijders",
        "en",
        "de",
        "anti",
        "isis",
        "coalitie",
    ]
    assert words("Is dat zo?", ACRONYMS) == ["is", "dat", "zo"]
    assert words("the US troops", ACRONYMS) == ["the", "vs", "troops"]


def test_stems_join_inflections_including_snowball_vowel_doubling() -> None:
    assert term("aanslagen") == term("aanslag")
    assert term("militairen") == term("militaire")
    assert term("demonstranten") == term("demonstrant")


def test_compounds_split_into_parts_the_corpus_knows() -> None:
    splitter = Splitter(["troepen", "reductie", "dreiging", "niveau", "basis", "aan", "vallen"], ["aan"])
    assert splitter.split("troepenreductie") == ("troepen", "reductie")
    assert splitter.split("dreigingsniveau") == ("dreiging", "niveau")
    assert splitter.split("vliegbasis") == ("basis",)
    assert splitter.split("aanvallen") == ()  # a verb with a prefix, not a compound
    assert splitter.split("basis") == ()


def test_a_pasted_endless_word_is_not_cut_at_every_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    splitter = Splitter(["troepen", "reductie"])
    tried: list[str] = []
    known_head = splitter._known_head
    monkeypatch.setattr(splitter, "_known_head", lambda head: tried.append(head) or known_head(head))
    long_word = "a" * 20_000
    assert splitter.head(long_word) is None and splitter.split(long_word) == ()
    assert len(tried) < 100  # each try stems the whole start: 20 000 of them took minutes
    assert splitter.head("troepen" + long_word) == "troepen" and splitter.split(long_word + "reductie") == ("reductie",)


def test_a_word_finds_the_compounds_it_ends() -> None:
    splitter = Splitter(["burgerslachtoffers", "slachtbank"])
    assert list(splitter.with_tail("slachtoffers")) == ["burgerslachtoffers"]


@given(st.text(max_size=60))
def test_words_never_fail_and_are_plain(text: str) -> None:
    for w in words(text, ACRONYMS):
        assert w and w.isascii() and w.isalnum() and w == w.lower()
