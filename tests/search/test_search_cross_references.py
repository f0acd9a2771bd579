"""An answer that only points elsewhere shows the answer it points to; a longer answer keeps a link."""

from __future__ import annotations

import pytest

from bot.answer import build_view
from bot.corpus import Corpus, ItemKey

DOC = "kst-27925-748"


@pytest.mark.parametrize(("number", "included"), [(14, 13), (20, 21), (50, 12), (59, 46), (65, 12)])
def test_pointer_answers_include_the_referenced_answer(corpus: Corpus, number: int, included: int) -> None:
    view = build_view(corpus, ItemKey(DOC, number))
    assert [i.number for i in view.included] == [included]


@pytest.mark.parametrize("number", [45, 46, 61, 52, 55, 62])
def test_longer_answers_keep_only_a_link(corpus: Corpus, number: int) -> None:
    view = build_view(corpus, ItemKey(DOC, number))
    assert view.included == ()
    assert corpus.item(ItemKey(DOC, number)).refers_to
