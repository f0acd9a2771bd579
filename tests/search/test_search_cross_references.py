"""An answer that only points elsewhere shows the answer it points to in full; a longer answer shows
the answers it refers to as well, only their first sentences where they are long (their button stays)."""

from __future__ import annotations

import pytest

from bot.answer import COLLAPSE_CHARS, build_view, collapse
from bot.corpus import Corpus, ItemKey
from bot.render import text

DOC = "kst-27925-748"


@pytest.mark.parametrize(("number", "included"), [(14, 13), (20, 21), (50, 12), (59, 46), (65, 12)])
def test_pointer_answers_include_the_referenced_answer(corpus: Corpus, number: int, included: int) -> None:
    view = build_view(corpus, ItemKey(DOC, number))
    assert [i.number for i in view.included] == [included]


@pytest.mark.parametrize("number", [45, 46, 61, 52, 55, 62])
def test_longer_answers_show_what_they_refer_to_as_well(corpus: Corpus, number: int) -> None:
    item = corpus.item(ItemKey(DOC, number))
    view = build_view(corpus, ItemKey(DOC, number), related=[ItemKey(DOC, n) for n in item.refers_to])
    assert [i.number for i in view.included] == list(item.refers_to)
    for ref in view.referred:
        assert ref.item.answer.startswith(ref.text)
        assert ref.complete == (ref.text == ref.item.answer)
        # a referred answer shown in part keeps its button, one shown in full needs none
        assert (ItemKey(DOC, ref.item.number) in view.related) is not ref.complete


def test_55_shows_the_figures_of_57(corpus: Corpus) -> None:
    view = build_view(corpus, ItemKey(DOC, 55))
    (ref,) = view.referred
    assert ref.item.number == 57 and "15–25" in ref.text and "5–15 per week" in ref.text


def test_a_long_referred_answer_is_cut_after_a_sentence() -> None:
    long = " ".join(f"Zin nummer {i} van het officiële antwoord." for i in range(60))
    short = collapse(long)
    assert short.endswith(".") and len(short) <= COLLAPSE_CHARS and long.startswith(short)
    assert collapse("Kort antwoord.") == "Kort antwoord."


def test_the_terminal_shows_57s_figures_with_55(corpus: Corpus) -> None:
    shown = " ".join(text.answer(build_view(corpus, ItemKey(DOC, 55))).split())
    assert "Antwoord op vraag 57:" in shown and "tussen de 15–25 ligt" in shown and "5–15 per week" in shown
