"""Our own labelled questions about the 14 Aanhangsel documents (own-ah.jsonl), written from reading the
documents before any scoring and never tuned on. The figures are reported by
`python ../shared/tools/eval_queries.py tests/queries/own-ah.jsonl`; this checks the set itself."""

from __future__ import annotations

import json
from pathlib import Path

from bot.corpus import Corpus, ItemKey

OWN_AH = Path(__file__).with_name("own-ah.jsonl")


def test_every_expected_item_exists_and_the_set_is_varied(corpus: Corpus) -> None:
    rows = [json.loads(line) for line in OWN_AH.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 50 and len({r["id"] for r in rows}) == len(rows)
    assert {r["style"] for r in rows} == {"natural", "keywords", "english", "typo", "negative"}
    assert sum(1 for r in rows if not r["expected"]) >= 0.2 * len(rows)
    documents = {e["document"] for r in rows for e in r["expected"]}
    assert len(documents) == 14
    for row in rows:
        for expected in row["expected"]:
            assert ItemKey(expected["document"], expected["number"]) in corpus, row["id"]


def test_not_copied_from_the_shared_sets() -> None:
    ours = {json.loads(line)["query"].lower() for line in OWN_AH.read_text(encoding="utf-8").splitlines() if line}
    shared = Path(__file__).resolve().parents[3] / "shared" / "eval"
    for name in ("dev-ah.jsonl", "dev.jsonl", "train.jsonl"):
        if (shared / name).is_file():
            theirs = {json.loads(line)["query"].lower() for line in (shared / name).read_text().splitlines() if line}
            assert not ours & theirs
