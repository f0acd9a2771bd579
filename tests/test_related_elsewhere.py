"""Related items of another document are named with their document: a bare number means this one's."""

from __future__ import annotations

from bot.answer import build_view
from bot.corpus import Corpus, ItemKey
from bot.render import text
from bot.render.slack import answer_messages

HOME = "kst-27925-748"
OTHER = ItemKey("kst-36200-12", 3)


def test_terminal_names_the_other_document_as_show_takes_it(corpus: Corpus) -> None:
    view = build_view(corpus, ItemKey(HOME, 53), related=(ItemKey(HOME, 55), OTHER))
    assert text.answer(view).splitlines()[-1] == "Gerelateerd: 55, kst-36200-12:3"


def test_slack_buttons_name_the_other_document(corpus: Corpus) -> None:
    view = build_view(corpus, ItemKey(HOME, 53), related=(ItemKey(HOME, 55), OTHER))
    blocks = answer_messages(view)[0]["blocks"]
    labels = [e["text"]["text"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Vraag 55", "Vraag 3 (kst-36200-12)"]
