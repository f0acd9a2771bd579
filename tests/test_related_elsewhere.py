"""Related items of another document are named with their document: a bare number means this one's."""

from __future__ import annotations

import re

from bot.answer import build_view
from bot.corpus import Corpus, ItemKey
from bot.render import text
from bot.render.slack import answer_messages

HOME = "kst-27925-748"
OTHER = ItemKey("kst-36200-12", 3)


def test_terminal_names_the_other_document_as_show_takes_it(corpus: Corpus) -> None:
    view = build_view(corpus, ItemKey(HOME, 53), related=(ItemKey(HOME, 55), OTHER))
    topic = " ".join(corpus.item(ItemKey(HOME, 55)).question.split())[:30]
    lines = text.answer(view).splitlines()
    assert lines[-3] == "Gerelateerd:"
    assert lines[-2].startswith(f"  55 – {topic}")  # with its topic, so the reader knows which to open
    assert lines[-1] == "  kst-36200-12:3"


def test_slack_buttons_name_the_other_document(corpus: Corpus) -> None:
    view = build_view(corpus, ItemKey(HOME, 53), related=(ItemKey(HOME, 55), OTHER))
    blocks = answer_messages(view)[0]["blocks"]
    labels = [e["text"]["text"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    topic = " ".join(corpus.item(ItemKey(HOME, 55)).question.split())[:30]
    assert labels[0].startswith(f"Vraag 55 – {topic}") and len(labels[0]) <= 75
    assert labels[1] == "Vraag 3 (kst-36200-12)"  # not in this corpus: no topic to show


def test_terminal_candidates_name_their_document_when_several_are_loaded(corpus: Corpus) -> None:
    from bot.cli.ask import render_outcome
    from bot.search import Engine

    first = corpus.corpus_document(HOME)
    other = first.document.model_copy(update={"id": "kst-27925-749", "number": "749"})
    both = Corpus([first, first.model_copy(update={"document": other})])
    engine = Engine(both)
    outcome = engine.ask("wat is de hoofdstad van Peru?")
    assert not outcome.answered
    candidates = [line for line in render_outcome(engine, both, outcome).splitlines() if line.startswith("  Vraag")]
    assert candidates and all(re.match(r"  Vraag \d+ \(kst-27925-74[89]\) – ", line) for line in candidates)
