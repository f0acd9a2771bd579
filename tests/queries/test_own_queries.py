"""The answering engine's targets on our own labelled queries (written from the corpus, before tuning).

Styles as in the shared dev set: natural, keywords, typo, English, answer-fact, negative (no answer).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.corpus import ItemKey, load_corpus
from bot.search import Engine

SEED = "kst-27925-748"
OWN = Path(__file__).with_name("own.jsonl")
HOLDOUT = Path(__file__).with_name("holdout.jsonl")
"""Written after own.jsonl and before a second round of tuning, in other words; never tuned on."""


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_own_set_is_large_varied_and_not_copied() -> None:
    rows = _rows(OWN)
    assert len(rows) >= 80
    styles = {r["style"] for r in rows}
    assert styles == {"natural", "keywords", "typo", "english", "answer-fact", "negative"}
    assert sum(1 for r in rows if not r["expected"]) >= 0.15 * len(rows)
    holdout = _rows(HOLDOUT)
    assert {r["style"] for r in holdout} == styles
    assert sum(1 for r in holdout if not r["expected"]) >= 0.15 * len(holdout)
    ours = {r["query"].lower() for r in rows}
    assert not ours & {r["query"].lower() for r in holdout}
    shared = Path(__file__).resolve().parents[3] / "shared" / "eval"
    for name in ("dev.jsonl", "train.jsonl"):
        if (shared / name).is_file():
            theirs = {json.loads(line)["query"].lower() for line in (shared / name).read_text().splitlines() if line}
            assert not theirs & (ours | {r["query"].lower() for r in holdout})


@pytest.mark.parametrize("path", [OWN, HOLDOUT], ids=["own", "holdout"])
def test_targets_hold_on_our_sets(path: Path) -> None:
    engine = Engine(load_corpus())
    rows = _rows(path)
    answerable = [r for r in rows if r["expected"]]
    unanswerable = [r for r in rows if not r["expected"]]
    top1 = top3 = wrongly_declined = 0
    for r in answerable:
        outcome = engine.ask(r["query"])
        expected = {ItemKey(SEED, n) for n in r["expected"]}  # numbers of the seed list, not of another document
        keys = [h.key for h in outcome.hits]
        top1 += outcome.answered and keys[0] in expected
        top3 += bool(set(keys[:3]) & expected)
        wrongly_declined += not outcome.answered
    declined = sum(1 for r in unanswerable if not engine.ask(r["query"]).answered)
    assert top1 >= 0.80 * len(answerable), top1
    assert top3 >= 0.92 * len(answerable), top3
    assert wrongly_declined <= 0.05 * len(answerable), wrongly_declined
    assert declined >= 0.70 * len(unanswerable), declined
