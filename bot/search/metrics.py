"""Quality on labelled queries, counted one way for calibrate, bench and the query tests (as
`eval_queries.py` counts it): top-1 counts only when the bot answers; top-3 whether or not it does."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.corpus.store import ItemKey

FIRST_DOCUMENT = "kst-27925-748"
"""A bare number in a label names an item of this document (or of the line's "document")."""


@dataclass(frozen=True, slots=True)
class Labelled:
    query: str
    expected: tuple[ItemKey, ...]
    """Items that answer it; empty: the corpus has no answer."""


def read_labelled(path: Path) -> list[Labelled]:
    """One JSON object per line: {"query", "expected": [numbers or {"document", "number"}]}."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row: dict[str, Any] = json.loads(line)
            doc = str(row.get("document", FIRST_DOCUMENT))
            expected = tuple(
                ItemKey(str(e["document"]), int(e["number"])) if isinstance(e, dict) else ItemKey(doc, int(e))
                for e in row.get("expected", [])
            )
            out.append(Labelled(str(row["query"]), expected))
    return out


def is_right(label: Labelled, key: ItemKey) -> bool:
    return key in label.expected


@dataclass(frozen=True, slots=True)
class Quality:
    answerable: int
    top1: int
    """Answerable queries answered with a right item."""
    top3: int
    declined: int
    """Answerable queries declined (wrongly)."""
    unanswerable: int
    declined_unanswerable: int

    def rates(self) -> dict[str, float]:
        n, neg = max(self.answerable, 1), max(self.unanswerable, 1)
        return {
            "top1": self.top1 / n,
            "top3": self.top3 / n,
            "declined": self.declined / n,
            "declined_unanswerable": self.declined_unanswerable / neg,
        }

    def line(self, name: str) -> str:
        r = self.rates()
        return (
            f"{name}: answerable {self.answerable} top1 {r['top1']:.1%} top3 {r['top3']:.1%} "
            f"declined {r['declined']:.1%} | unanswerable {self.unanswerable} "
            f"declined {r['declined_unanswerable']:.1%}"
        )


def quality(results: Iterable[tuple[Labelled, bool, list[ItemKey]]]) -> Quality:
    """From (label, answered, ranked keys best first) per query."""
    answerable = top1 = top3 = declined = unanswerable = declined_neg = 0
    for label, answered, ranked in results:
        if label.expected:
            answerable += 1
            top1 += bool(answered and ranked and is_right(label, ranked[0]))
            top3 += any(is_right(label, k) for k in ranked[:3])
            declined += not answered
        else:
            unanswerable += 1
            declined_neg += not answered
    return Quality(answerable, top1, top3, declined, unanswerable, declined_neg)
