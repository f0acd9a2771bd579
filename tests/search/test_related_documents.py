"""Related items come from the same document, unless an item of another one is clearly about the same thing."""

from __future__ import annotations

from bot.corpus import Corpus, ItemKey
from bot.search import Engine

AH = "ah-tk-20232024-"


def test_most_related_items_are_of_the_same_document(engine: Engine, corpus: Corpus) -> None:
    pairs = [(k, r) for k, _ in corpus for r in engine.related(k)]
    elsewhere = [(k, r) for k, r in pairs if r.document != k.document]
    assert len(elsewhere) <= 0.02 * len(pairs), elsewhere


def test_an_opening_question_is_not_related_to_other_documents_opening_questions(engine: Engine) -> None:
    # "Bent u bekend met het artikel …?" is asked in almost every document
    for number in ("2168", "2395", "1893", "2313"):
        assert {r.document for r in engine.related(ItemKey(AH + number, 1))} == {AH + number}


def test_waiting_times_in_youth_care_and_in_eating_disorder_care_are_related(engine: Engine) -> None:
    assert ItemKey(AH + "2395", 4) in engine.related(ItemKey(AH + "2271", 9))


def test_an_item_alike_nothing_still_offers_items_of_its_own_document(engine: Engine) -> None:
    related = engine.related(ItemKey(AH + "1980", 6))  # "Bent u bereid om alle vragen apart te beantwoorden?"
    assert related and all(r.document in (AH + "1980", AH + "1292") for r in related)
