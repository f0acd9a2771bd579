"""The labelled query sets written from reading the documents, before any scoring: train-ah.jsonl (about the
14 Aanhangsel documents, meant for fitting) and the held-out sets written beside it, never tuned on:
unseen-ah.jsonl and fresh-ah.jsonl (the Aanhangsel documents) and fresh.jsonl (the seed Kamerstuk, whose
labels are bare item numbers), and train-seed.jsonl (the seed, meant for fitting). This checks the sets
themselves; the figures come from `python ../shared/tools/eval_queries.py tests/queries/fresh.jsonl`."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from bot.corpus import Corpus, ItemKey

HERE = Path(__file__).parent
SHARED = HERE.resolve().parents[3] / "shared" / "eval"
FIELDS = {"id", "query", "expected", "style", "note"}
STYLES = {"natural", "keywords", "english", "typo", "answer-fact", "negative"}
SEED = "kst-27925-748"
"""The document a bare item number in a label means (as in the shared eval tool)."""

# file, id prefix, least number of rows, least share of negatives, labels are bare numbers of the seed
SETS = [
    ("train-ah.jsonl", "tah", 260, 0.35, False),
    ("train-ah2.jsonl", "t2ah", 300, 0.35, False),
    ("train-ah3.jsonl", "t3ah", 300, 0.40, False),
    ("unseen-ah.jsonl", "uah", 60, 0.25, False),
    ("fresh-ah.jsonl", "fah", 100, 0.30, False),
    ("fresh.jsonl", "f", 80, 0.20, True),
    ("train-seed.jsonl", "tsd", 220, 0.30, True),
    ("train-seed2.jsonl", "ts2d", 220, 0.30, True),
]
OTHERS = ["own-ah.jsonl"]
"""An older set in another format: only its queries are compared."""
OLDER_SEED = ["own.jsonl", "holdout.jsonl", "unseen.jsonl"]
"""The older sets about the seed; the fresh sets, written last, must not repeat them either."""
FRESH = ["fresh-ah.jsonl", "fresh.jsonl"]


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _queries(path: Path) -> set[str]:
    return {" ".join(row["query"].lower().split()) for row in _rows(path)}


def _keys(row: dict[str, Any], seed: bool) -> list[ItemKey]:
    """The items a row's label names, after checking the label's shape."""
    if seed:
        assert all(isinstance(n, int) and not isinstance(n, bool) for n in row["expected"]), row["id"]
        return [ItemKey(SEED, n) for n in row["expected"]]
    for expected in row["expected"]:
        assert set(expected) == {"document", "number"}, row["id"]
        assert isinstance(expected["number"], int), row["id"]
    return [ItemKey(e["document"], e["number"]) for e in row["expected"]]


@pytest.mark.parametrize(("name", "prefix", "least", "negatives", "seed"), SETS)
def test_every_row_is_well_formed(name: str, prefix: str, least: int, negatives: float, seed: bool) -> None:
    rows = _rows(HERE / name)
    assert len(rows) >= least
    assert [row["id"] for row in rows] == [f"{prefix}{i:03d}" for i in range(1, len(rows) + 1)]
    for row in rows:
        assert set(row) == FIELDS, row["id"]
        assert isinstance(row["query"], str) and row["query"].strip(), row["id"]
        assert row["style"] in STYLES, row["id"]
        assert (row["style"] == "negative") == (row["expected"] == []), row["id"]
        keys = _keys(row, seed)
        assert len(keys) == len(set(keys)), row["id"]
    assert sum(1 for row in rows if not row["expected"]) >= negatives * len(rows)


@pytest.mark.parametrize(("name", "prefix", "least", "negatives", "seed"), SETS)
def test_labels_exist_and_cover_every_written_question(
    corpus: Corpus, name: str, prefix: str, least: int, negatives: float, seed: bool
) -> None:
    rows = _rows(HERE / name)
    for row in rows:
        for key in _keys(row, seed):
            assert key in corpus, row["id"]
    if not seed:
        aanhangsels = {d.document.id for d in corpus.documents if d.document.id.startswith("ah-")}
        assert len(aanhangsels) == 14
        assert {e["document"] for row in rows for e in row["expected"]} == aanhangsels
    assert {row["style"] for row in rows} == STYLES


def test_no_query_is_shared_with_another_set() -> None:
    ours = {name: _queries(HERE / name) for name, *_ in SETS}
    for (a, mine), (b, theirs) in combinations(ours.items(), 2):
        assert not mine & theirs, (a, b)
    others = [HERE / name for name in OTHERS] + sorted(SHARED.glob("*.jsonl"))
    for path in (p for p in others if p.is_file()):
        theirs = _queries(path)
        for name, mine in ours.items():
            assert not mine & theirs, (name, path.name)
    for path in (HERE / name for name in OLDER_SEED):
        theirs = _queries(path)
        for name in FRESH:
            assert not ours[name] & theirs, (name, path.name)
