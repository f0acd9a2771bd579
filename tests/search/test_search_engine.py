"""The engine as its callers see it: the right item for free text, honest declines, related items."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.corpus import Corpus, CorpusDocument, Document, Item, ItemKey
from bot.search import Engine

DOC = "kst-27925-748"


def key(n: int) -> ItemKey:
    return ItemKey(DOC, n)


@pytest.mark.parametrize("query", ["53", "vraag 53", "Vraag 53?"])
def test_a_number_is_that_item_with_full_confidence(engine: Engine, query: str) -> None:
    outcome = engine.ask(query)
    assert outcome.answered and outcome.by_reference
    assert outcome.hits[0].key == key(53) and outcome.hits[0].score == 1.0
    assert outcome.also == ()


def test_a_number_lists_its_related_items_after_it(engine: Engine) -> None:
    """References and joint answers first (52 → 55, 57), as `related` orders them; scores below 1, best first."""
    outcome = engine.ask("52", top=5)
    assert [h.key for h in outcome.hits] == [key(52), *engine.related(key(52), limit=4)]
    assert [h.key.number for h in outcome.hits[1:3]] == [55, 57]
    scores = [h.score for h in outcome.hits[1:]]
    assert all(0.0 <= s < 1.0 for s in scores) and scores == sorted(scores, reverse=True)
    assert [h.key for h in engine.ask("52", top=1).hits] == [key(52)]


def test_an_unknown_number_says_which_numbers_exist(engine: Engine) -> None:
    outcome = engine.ask("vraag 99")
    assert not outcome.answered and outcome.hits == ()
    assert outcome.problem == "Vraag 99 bestaat niet; dit document heeft vragen 1 tot en met 69."


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("Hoeveel troepen trekt de VS terug uit Irak?", 1),
        ("hoeveel amerikaanse soldaten blijven er in irak", 1),  # synonym: soldaten = troepen
        ("troepenreductie amerikanen", 1),  # compound in the corpus
        ("dreigingsniveau nederland bombardementen", 53),
        ("hoeveel demonstrannten zijn er gedood", 9),  # typo, synonym
        ("How many protesters were killed in Iraq?", 9),  # English
        ("rechtsbasis belgische F16 boven syrie", {12, 50, 65}),  # 50 and 65 are answered by 12
    ],
)
def test_free_text_finds_the_item(engine: Engine, query: str, number: int | set[int]) -> None:
    outcome = engine.ask(query)
    assert outcome.answered, outcome
    assert outcome.hits[0].key.number in (number if isinstance(number, set) else {number})


@pytest.mark.parametrize(
    "query",
    [
        "hoi",
        "wie heeft er koffie?",
        "",
        "👍",
        "hoeveel Nederlandse militairen zijn er in Afghanistan gesneuveld?",
        "wanneer krijgt de luchtmacht de F-35?",
        "wat is de stand van zaken rond MH17?",
    ],
)
def test_chatter_and_neighbouring_topics_are_declined(engine: Engine, query: str) -> None:
    assert not engine.ask(query).answered


def test_scores_are_in_range_and_best_first(engine: Engine) -> None:
    for query in ("aanslagen isis europa", "hoi", "burgerslachtoffers belgie"):
        hits = engine.ask(query, top=7).hits
        assert len(hits) == 7
        scores = [h.score for h in hits]
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert scores == sorted(scores, reverse=True)
        assert len({h.key for h in hits}) == 7


def test_close_runner_up_is_offered_beside_the_answer(engine: Engine) -> None:
    # 15 and 18 carry the same answer: asked for it, both are equally right.
    outcome = engine.ask("transparantiebeleid van andere landen over burgerslachtoffers")
    assert outcome.answered
    assert {outcome.hits[0].key, *(h.key for h in outcome.also)} >= {key(15), key(18)}


def test_min_score_moves_the_decline_threshold(corpus: Corpus) -> None:
    query = "hoeveel troepen trekt de VS terug uit Irak?"
    assert Engine(corpus, min_score=0.0).ask(query).answered
    assert not Engine(corpus, min_score=1.0).ask(query).answered


def test_related_follows_references_both_ways(engine: Engine) -> None:
    assert engine.related(key(14))[0] == key(13)
    assert key(14) in engine.related(key(13))
    assert engine.related(key(20))[0] == key(21)
    assert engine.related(key(21))[0] == key(20)
    assert set(engine.related(key(52))[:2]) == {key(55), key(57)}


def test_related_for_every_item_is_short_and_never_itself(engine: Engine, corpus: Corpus) -> None:
    for k, _ in corpus:
        rel = engine.related(k)
        assert 1 <= len(rel) <= 5 and k not in rel and len(set(rel)) == len(rel)
    assert len(engine.related(key(14), limit=2)) == 2
    assert engine.related(key(14), limit=0) == ()


def _doc(doc_id: str, items: list[tuple[str, str]]) -> CorpusDocument:
    document = Document(
        id=doc_id, dossier="1", number="2", session_year="2020–2021", url="https://example.org/" + doc_id
    )
    return CorpusDocument(
        document=document,
        questions=tuple(Item(number=i + 1, question=q, answer=a) for i, (q, a) in enumerate(items)),
    )


def test_several_documents_need_a_document_for_a_bare_number_and_filter_search() -> None:
    corpus = Corpus(
        [
            _doc("doc-a", [("Hoeveel fregatten heeft de marine?", "Vier fregatten."), ("Wat kost een tank?", "Veel.")]),
            _doc("doc-b", [("Hoeveel fregatten koopt België?", "Twee fregatten.")]),
        ]
    )
    engine = Engine(corpus)
    assert engine.ask("1").problem is not None
    assert engine.ask("1", document="doc-b").hits[0].key == ItemKey("doc-b", 1)
    assert engine.ask("doc-a:2").hits[0].key == ItemKey("doc-a", 2)
    hits = engine.ask("fregatten", document="doc-b").hits
    assert hits[0].key == ItemKey("doc-b", 1)
    assert all(h.key.document == "doc-b" or h.score == 0.0 for h in hits)
    assert engine.related(ItemKey("doc-a", 1)) and ItemKey("doc-a", 1) not in engine.related(ItemKey("doc-a", 1))


def test_an_unknown_document_is_a_problem_not_a_crash(engine: Engine) -> None:
    outcome = engine.ask("troepen irak", document="kst-1-1")
    assert not outcome.answered and outcome.hits == ()
    assert outcome.problem is not None and "kst-1-1" in outcome.problem


def test_candidates_are_the_hits_that_matched(engine: Engine) -> None:
    assert engine.ask("wie heeft er koffie?").candidates == ()
    outcome = engine.ask("aanslagen in europa")
    assert outcome.candidates and all(h.score > 0 for h in outcome.candidates)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_an_outcome_within_the_contract(engine: Engine, text: str) -> None:
    outcome = engine.ask(text, top=3)
    assert isinstance(outcome.answered, bool)
    assert all(0.0 <= h.score <= 1.0 for h in outcome.hits)
    assert outcome.answered is False or outcome.hits


def test_a_pasted_page_stays_cheap_and_sane(engine: Engine) -> None:
    page = " ".join(["troepen irak onbekendwoord"] * 2000)
    assert len(engine.ask(page).hits) == 5


@pytest.mark.parametrize(
    "query",
    ["wanneer vertrokken de laatste troepen uit afghanistan?", "hoeveel vluchtelingen vangt libanon op?"],
)
def test_a_place_the_corpus_never_names_is_declined_even_in_lower_case(engine: Engine, query: str) -> None:
    assert not engine.ask(query).answered


def test_warm_up_changes_no_answer(corpus: Corpus) -> None:
    warm, cold = Engine(corpus), Engine(corpus)
    warm.warm_up()
    assert [warm.related(key(n)) for n in (14, 52, 60)] == [cold.related(key(n)) for n in (14, 52, 60)]
    assert warm.ask("vraag 52") == cold.ask("vraag 52")


def test_a_place_the_best_item_never_mentions_halves_its_score(engine: Engine) -> None:
    """Item 39 is about Jordanië: asked about Irak, it is still the closest item but far less certain."""
    there = engine.ask("Hoe beoordeelt het kabinet de politieke situatie in Jordanië?")
    elsewhere = engine.ask("Hoe beoordeelt het kabinet de politieke situatie in Irak?")
    assert there.hits[0].key == elsewhere.hits[0].key == key(39)
    assert elsewhere.hits[0].score <= 0.5 * there.hits[0].score


def test_a_year_the_best_item_never_mentions_halves_its_score(engine: Engine) -> None:
    """The corpus knows 2019 (items 9, 19, 52, 54), item 62 on the Strategic Dialogue never mentions it."""
    plain = engine.ask("Wat is de stand van zaken van de Strategic Dialogue tussen Irak en de VS?")
    dated = engine.ask("Wat is de stand van zaken van de Strategic Dialogue tussen Irak en de VS in 2019?")
    assert plain.hits[0].key == dated.hits[0].key == key(62)
    assert dated.hits[0].score <= 0.5 * plain.hits[0].score


def test_an_unrelated_document_is_never_related(corpus: Corpus) -> None:
    cycling = CorpusDocument(
        document=Document(
            id="kst-99999-1", dossier="99 999", number="1", session_year="2021–2022", url="https://example.org/x"
        ),
        questions=(
            Item(number=1, question="Hoeveel fietspaden worden er aangelegd?", answer="Er komen 40 nieuwe fietspaden."),
            Item(number=2, question="Wat kost een fietspad?", answer="Een fietspad kost gemiddeld 2 miljoen."),
        ),
    )
    both = Engine(Corpus([*corpus.documents, cycling]))
    cycling_keys = {ItemKey("kst-99999-1", 1), ItemKey("kst-99999-1", 2)}
    for key, _ in corpus:
        assert not cycling_keys & set(both.related(key))
    assert both.related(ItemKey("kst-99999-1", 1))[0] == ItemKey("kst-99999-1", 2)
