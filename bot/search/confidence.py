"""How sure the engine is that its best item answers the query: a score in [0, 1].

A small logistic model over a handful of features; its weights are data (`confidence.toml`, fitted
by `python -m bot.search.calibrate` on the shared training queries). The strongest evidence
against an answer is a salient query word the item never mentions ("Afghanistan", "F-35").
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.search.query import Concept
from bot.search.ranking import Scores

WEIGHTS_FILE = Path(__file__).with_name("confidence.toml")
FEATURES = (
    "bias",
    "coverage",
    "missing",
    "unknown",
    "unknown_name",
    "strength",
    "margin",
    "concepts",
    "question_coverage",
    "guessed",
)
NAME_PENALTY = 0.2
"""A name or code the corpus has never seen ("Afghanistan", "MH17") all but rules an answer out."""
ELSEWHERE_PENALTY = 0.5
"""A country, place or year the corpus knows but the best item never mentions ("… uit Syrië?" matched
to an item about Irak) halves the score: on the labelled queries about 1 in 100 right answers does this,
about 1 in 10 queries without an answer."""
CLOSE = 0.9
"""A runner-up scoring at least this fraction of the best is shown as "Lijkt ook op"."""


@functools.lru_cache(maxsize=1)
def weights(path: Path = WEIGHTS_FILE) -> npt.NDArray[np.float64]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return np.array([float(data["weights"][name]) for name in FEATURES])


def features(concepts: Sequence[Concept], scores: Scores, rows: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
    """One row of FEATURES per candidate row (best first)."""
    out = np.zeros((len(rows), len(FEATURES)))
    out[:, 0] = 1.0
    if not concepts or len(rows) == 0:
        return out
    mass = np.array([c.weight * c.salience for c in concepts])
    sal = np.array([c.salience for c in concepts])
    hit = scores.matched[:, rows]  # concepts × candidates
    out[:, 1] = (mass[:, None] * hit).sum(axis=0) / max(mass.sum(), 1e-9)
    known = np.array([bool(c.alternatives) for c in concepts])
    out[:, 2] = np.where(hit | ~known[:, None], 0.0, sal[:, None]).max(axis=0)
    out[:, 3] = float((~known).mean())
    out[:, 4] = float(any(c.name and not c.alternatives for c in concepts))
    totals = scores.total[rows].astype(np.float64)
    out[:, 5] = np.clip(totals / max(scores.ceiling, 1e-9), 0.0, 1.0)
    best = max(float(totals[0]), 1e-9)
    runner = float(totals[1]) if len(totals) > 1 else 0.0
    out[:, 6] = (best - runner) / best
    out[:, 7] = min(len(concepts), 6) / 6
    out[:, 8] = scores.question[rows]
    guessed = np.array([c.guessed for c in concepts])
    out[:, 9] = (mass[:, None] * (hit & guessed[:, None])).sum(axis=0) / max(mass.sum(), 1e-9)
    return out


def elsewhere(concepts: Sequence[Concept], scores: Scores, row: int) -> bool:
    """Whether the query names a place or year the corpus knows and the item at `row` never mentions."""
    return any(c.setting and c.alternatives and not scores.matched[i, row] for i, c in enumerate(concepts))


def confidence(
    feature_rows: npt.NDArray[np.float64], w: npt.NDArray[np.float64] | None = None, *, elsewhere: bool = False
) -> float:
    """The probability-like score of the best candidate (row 0)."""
    if feature_rows.shape[0] == 0:
        return 0.0
    z = float(feature_rows[0] @ (weights() if w is None else w))
    p = 1.0 / (1.0 + math.exp(-z))
    if feature_rows[0][FEATURES.index("unknown_name")] > 0:
        p *= NAME_PENALTY
    return p * ELSEWHERE_PENALTY if elsewhere else p
