"""`python -m bench.certainty` reads labels as the query sets write them: a bare number names an item of the
first document, {"document", "number"} an item of any document (train-ah.jsonl, unseen-ah.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.certainty import answers
from bot.search import Engine
from bot.search.metrics import read_labelled

QUERY = "rijkssubsidie kozp extinction rebellion"


def _labels(tmp_path: Path, *expected: object) -> Path:
    path = tmp_path / "set.jsonl"
    rows = [{"query": QUERY, "expected": [e]} for e in expected]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_an_answer_counts_as_expected_when_document_and_number_match(engine: Engine, tmp_path: Path) -> None:
    best = engine.ask(QUERY).best
    assert best is not None and best.key.document.startswith("ah-tk-")
    same = {"document": best.key.document, "number": best.key.number}
    other_document = {"document": "kst-27925-748", "number": best.key.number}
    rows = answers(engine, read_labelled(_labels(tmp_path, same, other_document)))
    assert [(right, answerable) for _, right, answerable in rows] == [(True, True), (False, True)]
