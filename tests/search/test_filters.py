"""Filters in the question narrow the documents searched: dossier:, jaar:, document:."""

from __future__ import annotations

import pytest

from bot.corpus import Corpus
from bot.search import Engine
from bot.search.filters import ask_narrowed, narrow

WRITTEN = 14


def test_no_filter_leaves_every_document(corpus: Corpus) -> None:
    narrowed = narrow(corpus, "vuurwerk in woonwijken")
    assert (narrowed.query, narrowed.documents, narrowed.problem) == ("vuurwerk in woonwijken", None, None)


def test_dossier_keeps_the_kamerstuk_of_that_dossier(corpus: Corpus) -> None:
    narrowed = narrow(corpus, "dreiging dossier:27925")
    assert narrowed.query == "dreiging" and narrowed.documents == frozenset({"kst-27925-748"})


def test_jaar_keeps_documents_of_that_year(corpus: Corpus) -> None:
    assert narrow(corpus, "jaar:2020 dreiging").documents == frozenset({"kst-27925-748"})
    in_2024 = narrow(corpus, "zorg jaar:2024").documents
    assert in_2024 is not None and len(in_2024) == WRITTEN and "kst-27925-748" not in in_2024
    # 1076 was sent in in 2023 and answered in 2024: it belongs to both years
    assert narrow(corpus, "x jaar:2023").documents == frozenset({"ah-tk-20232024-1076"})


def test_document_takes_an_id_or_its_short_name(corpus: Corpus) -> None:
    for name in ("ah-tk-20232024-1076", "1076", "AH-TK-20232024-1076"):
        assert narrow(corpus, f"sinterklaas document:{name}").documents == frozenset({"ah-tk-20232024-1076"})


def test_filters_of_different_kinds_all_apply_and_of_one_kind_either(corpus: Corpus) -> None:
    assert narrow(corpus, "x jaar:2024 dossier:27925").problem is not None
    both = narrow(corpus, "x document:1076 document:1178").documents
    assert both == frozenset({"ah-tk-20232024-1076", "ah-tk-20232024-1178"})


def test_nothing_fits_is_a_dutch_problem(corpus: Corpus) -> None:
    narrowed = narrow(corpus, "vuurwerk jaar:1999")
    assert narrowed.documents == frozenset() and narrowed.problem == "Geen geladen document past bij jaar:1999."


@pytest.mark.parametrize("query", ["opslag van vuurwerk in woonwijken", "hulp bij eetstoornissen voor volwassenen"])
def test_the_engine_answers_only_from_the_documents_left(engine: Engine, corpus: Corpus, query: str) -> None:
    anywhere = ask_narrowed(engine, corpus, query, top=5)
    assert anywhere.hits and anywhere.hits[0].key.document.startswith("ah-tk-")
    only_seed = ask_narrowed(engine, corpus, f"{query} dossier:27925", top=5)
    assert only_seed.query == f"{query} dossier:27925"
    assert only_seed.hits and {h.key.document for h in only_seed.hits} == {"kst-27925-748"}


def test_a_number_with_a_document_filter_is_that_documents_item(engine: Engine, corpus: Corpus) -> None:
    outcome = ask_narrowed(engine, corpus, "vraag 2 document:1076", top=1)
    assert outcome.by_reference and outcome.hits[0].key == ("ah-tk-20232024-1076", 2)
