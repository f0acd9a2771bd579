"""Gradient-boosted trees of depth two on the logistic loss: the decline model with both signals.

One logistic layer weighs each feature on its own; whether a near miss should be declined depends on how
features combine (a missing figure matters when the sentence model is unsure, a lead over other documents
when the words cover little). Trees of two splits learn such pairs. In 5-fold cross-validation on the
training queries, at the same share of answerable questions declined, they declined more unanswerable
written questions than the logistic weights (the figures are in the README).

Pure numpy, fitted by `python -m bot.search.calibrate --model trees --fit`, stored as data beside
`confidence.toml` (`confidence_trees.json`) and read at start-up: a query costs a few hundred comparisons.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

ROUNDS = 150
RATE = 0.05
MIN_LEAF = 10
"""A split leaves at least this many training queries on each side."""
BINS = 12
"""Candidate thresholds per feature: quantiles of the training values (5% to 95%)."""
RIDGE = 1.0
"""Added to each leaf's curvature: a leaf of few queries moves the score less."""


@dataclass(frozen=True)
class Forest:
    """Trees as parallel arrays; tree t splits on `feature[t]` at `threshold[t]`, then each side (0: value
    <= threshold, 1: above) on `feature2[t, side]` at `threshold2[t, side]` (-1: no second split) into
    `leaf[t, side, 0 or 1]`."""

    names: tuple[str, ...]
    """The feature names, in the order the trees index them (checked against the engine's)."""
    feature: npt.NDArray[np.intp]
    threshold: FloatArray
    feature2: npt.NDArray[np.intp]
    threshold2: FloatArray
    leaf: FloatArray

    @classmethod
    def of(
        cls,
        names: tuple[str, ...],
        feature: list[int],
        threshold: list[float],
        feature2: list[list[int]],
        threshold2: list[list[float]],
        leaf: list[list[list[float]]] | list[FloatArray],
    ) -> Forest:
        """A forest from per-tree lists (what fitting collects and what the stored JSON holds)."""
        return cls(
            names,
            np.array(feature, dtype=np.intp),
            np.array(threshold, dtype=np.float64),
            np.array(feature2, dtype=np.intp).reshape(-1, 2),
            np.array(threshold2, dtype=np.float64).reshape(-1, 2),
            np.array(leaf, dtype=np.float64).reshape(-1, 2, 2),
        )

    def margin(self, x: FloatArray) -> FloatArray:
        """The logit per row of `x` (rows × features), all trees at once."""
        t = np.arange(len(self.feature))
        side = (x[:, self.feature] > self.threshold).astype(np.intp)
        f2 = self.feature2[t, side]
        value = np.take_along_axis(x, np.maximum(f2, 0), axis=1)
        second = ((f2 >= 0) & (value > self.threshold2[t, side])).astype(np.intp)
        out: FloatArray = self.leaf[t, side, second].sum(axis=1)
        return out

    def to_json(self) -> str:
        return json.dumps(
            {
                "names": list(self.names),
                "trees": [
                    {
                        "feature": int(self.feature[t]),
                        "threshold": float(self.threshold[t]),
                        "sides": [
                            {
                                "feature": int(self.feature2[t, s]),
                                "threshold": float(self.threshold2[t, s]),
                                "leaves": [round(float(v), 6) for v in self.leaf[t, s]],
                            }
                            for s in (0, 1)
                        ],
                    }
                    for t in range(len(self.feature))
                ],
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Forest:
        data = json.loads(text)
        trees = data["trees"]
        return cls.of(
            tuple(data["names"]),
            [t["feature"] for t in trees],
            [t["threshold"] for t in trees],
            [[side["feature"] for side in t["sides"]] for t in trees],
            [[side["threshold"] for side in t["sides"]] for t in trees],
            [[side["leaves"] for side in t["sides"]] for t in trees],
        )


def read_forest(path: Path) -> Forest | None:
    return Forest.from_json(path.read_text(encoding="utf-8")) if path.is_file() else None


def _best_split(
    x: FloatArray, cuts: list[FloatArray], rows: npt.NDArray[np.intp], g: FloatArray, h: FloatArray, skip: int
) -> tuple[int, float] | None:
    """The split of `rows` that most lowers the second-order loss (features from `skip` on), if any."""
    gain, best = 0.0, None
    gs, hs = g[rows].sum(), h[rows].sum()
    for j in range(skip, x.shape[1]):
        values = x[rows, j]
        for cut in cuts[j]:
            left = values <= cut
            n = int(left.sum())
            if n < MIN_LEAF or len(rows) - n < MIN_LEAF:
                continue
            gl, hl = g[rows][left].sum(), h[rows][left].sum()
            gr, hr = gs - gl, hs - hl
            v = gl * gl / (hl + RIDGE) + gr * gr / (hr + RIDGE) - gs * gs / (hs + RIDGE)
            if v > gain + 1e-12:
                gain, best = v, (j, float(cut))
    return best


def fit_forest(
    x: FloatArray,
    y: FloatArray,
    names: tuple[str, ...],
    weights: FloatArray | None = None,
    *,
    rounds: int = ROUNDS,
    rate: float = RATE,
    skip: int = 1,
) -> Forest:
    """Boost `rounds` trees on (`x`, `y` in {0, 1}) with per-row `weights`; features before `skip` (the
    constant bias) are never split on. Deterministic: no sampling."""
    s = np.ones(len(y)) if weights is None else weights
    cuts = [np.unique(np.quantile(x[:, j], np.linspace(0.05, 0.95, BINS))) for j in range(x.shape[1])]
    score = np.zeros(len(y))
    feature: list[int] = []
    threshold: list[float] = []
    feature2: list[list[int]] = []
    threshold2: list[list[float]] = []
    leaves: list[FloatArray] = []
    everyone = np.arange(len(y))
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-score))
        g, h = s * (y - p), s * p * (1.0 - p)
        split = _best_split(x, cuts, everyone, g, h, skip)
        if split is None:
            break
        j, cut = split
        f2, t2, values = [-1, -1], [0.0, 0.0], np.zeros((2, 2))
        for side, rows in enumerate((everyone[x[:, j] <= cut], everyone[x[:, j] > cut])):
            second = _best_split(x, cuts, rows, g, h, skip)
            parts = [rows, rows[:0]]
            if second is not None:
                f2[side], t2[side] = second
                parts = [rows[x[rows, second[0]] <= second[1]], rows[x[rows, second[0]] > second[1]]]
            for k, part in enumerate(parts):
                values[side, k] = rate * g[part].sum() / (h[part].sum() + RIDGE) if len(part) else 0.0
            if second is None:
                values[side, 1] = values[side, 0]
        feature.append(j)
        threshold.append(cut)
        feature2.append(f2)
        threshold2.append(t2)
        leaves.append(values)
        score += Forest.of(names, [j], [cut], [f2], [t2], [values]).margin(x)
    return Forest.of(names, feature, threshold, feature2, threshold2, leaves)
