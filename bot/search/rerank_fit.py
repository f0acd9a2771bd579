"""Fitting the re-ranker (`rerank.py`) on labelled queries, and its cross-validation (`calibrate`'s part)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.search import rerank
from bot.search.engine import Engine
from bot.search.metrics import Labelled, is_right
from bot.search.trees import Forest, fit_forest


@dataclass(frozen=True)
class Candidates:
    """One answerable query's candidates in fused order: their features and whether each is right."""

    label: Labelled
    features: npt.NDArray[np.float64]
    right: npt.NDArray[np.float64]


def collect(engine: Engine, labelled: list[Labelled]) -> list[Candidates]:
    """The candidates of every answerable query, from an engine that does not re-rank (the fused order); each
    query is a training question, so its own copy in the memory is left out (`Engine.rank(remembered=False)`)."""
    assert engine.reranker is None, "fit on the fused order: an engine without a re-ranker"
    out = []
    for label in labelled:
        if not label.expected:
            continue
        r = engine.rank(label.query, size=rerank.CANDIDATES, remembered=False)
        right = np.array([float(is_right(label, engine.index.key(int(c)))) for c in r.candidates])
        out.append(Candidates(label, r.candidate_features, right))
    return out


def fit(queries: list[Candidates]) -> Forest:
    """Trees that score a candidate by whether it is right (every candidate of every query one row)."""
    x = np.vstack([q.features for q in queries])
    y = np.concatenate([q.right for q in queries])
    return fit_forest(x, y, rerank.FEATURES, rounds=rerank.ROUNDS)


@dataclass(frozen=True)
class Placed:
    """Where the right item stands among one query's candidates, before and after re-ranking."""

    before: int
    after: int
    """0 is first; `rerank.CANDIDATES` when no candidate is right."""


def _place(right: npt.NDArray[np.float64], order: npt.NDArray[np.intp]) -> int:
    hits = np.flatnonzero(right[order] > 0)
    return int(hits[0]) if hits.size else rerank.CANDIDATES


def cross_validated(queries: list[Candidates], folds: int) -> list[Placed]:
    """Each query's candidates ordered by trees fitted without it (`folds` interleaved folds)."""
    out: list[Placed | None] = [None] * len(queries)
    for k in range(folds):
        held = range(k, len(queries), folds)
        forest = fit([q for i, q in enumerate(queries) if i % folds != k])
        for i in held:
            q = queries[i]
            fused = np.arange(len(q.right))
            out[i] = Placed(_place(q.right, fused), _place(q.right, rerank.order(forest, q.features)))
    return [p for p in out if p is not None]


def line(name: str, placed: list[Placed]) -> str:
    """Top-1 and top-3 of the fused order and of the re-ranked one (over answerable queries)."""
    n = max(len(placed), 1)

    def share(values: list[int], k: int) -> str:
        return f"{100 * sum(v < k for v in values) / n:.1f}%"

    before, after = [p.before for p in placed], [p.after for p in placed]
    return (
        f"{name}: answerable {len(placed)} top1 {share(before, 1)} -> {share(after, 1)} "
        f"top3 {share(before, 3)} -> {share(after, 3)}"
    )
