"""The labelled questions about the 14 Aanhangsel documents that are meant for fitting (train-ah.jsonl) and a
fresh held-out set written beside it (unseen-ah.jsonl, never tuned on). Both were written from reading the
documents, before any scoring; this checks the sets themselves, the figures come from
`python ../shared/tools/eval_queries.py tests/queries/unseen-ah.jsonl`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.corpus import Corpus, ItemKey

HERE = Path(__file__).parent
SHARED = HERE.resolve().parents[3] / "shared" / "eval"
FIELDS = {"id", "query", "expected", "style", "note"}
STYLES = {"natural", "keywords", "english", "typo", "answer-fact", "negative"}

# file, id prefix, least number of rows, least share of negatives
SETS = [("train-ah.jsonl", "tah", 260, 0.35), ("unseen-ah.jsonl", "uah", 60, 0.25)]


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _queries(path: Path) -> set[str]:
    return {" ".join(row["query"].lower().split()) for row in _rows(path)}


@pytest.mark.parametrize(("name", "prefix", "least", "negatives"), SETS)
def test_every_row_is_well_formed(name: str, prefix: str, least: int, negatives: float) -> None:
    rows = _rows(HERE / name)
    assert len(rows) >= least
    assert [row["id"] for row in rows] == [f"{prefix}{i:03d}" for i in range(1, len(rows) + 1)]
    for row in rows:
        assert set(row) == FIELDS, row["id"]
        assert isinstance(row["query"], str) and row["query"].strip(), row["id"]
        assert row["style"] in STYLES, row["id"]
        assert (row["style"] == "negative") == (row["expected"] == []), row["id"]
        for expected in row["expected"]:
            assert set(expected) == {"document", "number"}, row["id"]
            assert isinstance(expected["number"], int), row["id"]
        keys = [(e["document"], e["number"]) for e in row["expected"]]
        assert len(keys) == len(set(keys)), row["id"]
    assert sum(1 for row in rows if not row["expected"]) >= negatives * len(rows)


@pytest.mark.parametrize(("name", "prefix", "least", "negatives"), SETS)
def test_labels_exist_and_cover_every_written_question(
    corpus: Corpus, name: str, prefix: str, least: int, negatives: float
) -> None:
    rows = _rows(HERE / name)
    for row in rows:
        for expected in row["expected"]:
            assert ItemKey(expected["document"], expected["number"]) in corpus, row["id"]
    aanhangsels = {d.document.id for d in corpus.documents if d.document.id.startswith("ah-")}
    assert len(aanhangsels) == 14
    assert {e["document"] for row in rows for e in row["expected"]} == aanhangsels
    assert {row["style"] for row in rows} == STYLES


def test_no_query_is_shared_with_another_set() -> None:
    train, unseen = _queries(HERE / "train-ah.jsonl"), _queries(HERE / "unseen-ah.jsonl")
    assert not train & unseen
    others = [HERE / "own-ah.jsonl", *sorted(SHARED.glob("*.jsonl"))]
    for path in (p for p in others if p.is_file()):
        theirs = _queries(path)
        assert not train & theirs, path.name
        assert not unseen & theirs, path.name
