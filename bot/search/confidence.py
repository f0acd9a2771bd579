"""How sure the engine is that its best item answers the query: a score in [0, 1].

A small logistic model over a handful of features; its weights are data (`confidence.toml`, fitted
by `python -m bot.search.calibrate` on the shared training queries). The strongest evidence
against an answer is a salient query word the item never mentions ("Afghanistan", "F-35"); with the sentence
model, also a likeness to training questions the engine got wrong (`memory.py`).
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.search import asks
from bot.search.query import Concept
from bot.search.ranking import Scores
from bot.search.trees import Forest, read_forest

WEIGHTS_FILE = Path(__file__).with_name("confidence.toml")
TREES_FILE = Path(__file__).with_name("confidence_trees.json")
"""The trees of the blended decline model with both signals (`Blend`; `calibrate --fit` writes it)."""
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
    "lead_elsewhere",
    "asks_fact",
    "fact_unmet",
    "money_unmet",
    "quantity_unmet",
    "moment_unmet",
    "dense",
    "dense_margin",
    "agree",
    "offtopic",
    "near_wrong",
    "near_right",
    "nearer_wrong",
)
LEXICAL_FEATURES = FEATURES.index("dense")
"""Without the sentence model the features from `dense` on are absent: the lexical weights leave them out."""
DENSE_CENTRE = 0.8
DENSE_SCALE = 0.05
NEAR_CENTRE = 0.9
"""Cosines of two questions (`memory.Memory.near`) lie higher, between about 0.85 and 1."""
"""multilingual-e5 cosines of a question and a passage lie between about 0.7 and 0.95: the features are
centred and scaled so the same regularisation suits them as the others."""
NAME_PENALTY = 0.2
"""Words alone: a name or code the corpus has never seen ("Afghanistan", "MH17") all but rules an answer out,
unless the sentence model vouches for the item. With the sentence model only the fitted weight of
`unknown_name` counts: the fixed x0.2 declined too many right answers to English and paraphrased questions,
whose ordinary capitalised words look like unknown names ("Black Pete", "Council for Culture"). In 5-fold
cross-validation on train + train-ah, at 5% of answerable written questions declined, 42% instead of 30%
of their (near-miss) unanswerable ones were declined; gating the penalty on English queries only, or a
feature "unknown name the model does not vouch for", did no better."""
VOUCH_MARGIN = 0.4
"""A lead of 0.02 in cosine over the closest other item (in `dense_margin` units of DENSE_SCALE): the
sentence model vouches for the item, so a word it lacks lexically may just be said in other words."""
ELSEWHERE_PENALTY = 0.5
"""A country, place or year the corpus knows but the best item never mentions ("… uit Syrië?" matched
to an item about Irak) halves the score: on the labelled queries about 1 in 100 right answers does this,
about 1 in 10 queries without an answer."""
OFFTOPIC_PENALTY = 0.5
"""A query closer to the chatter examples (`offtopic.txt`) than to any item ("test test, werkt deze bot?")
halves the score, like a place the item never mentions."""
BROAD_PENALTY = 0.5
"""A query of one word that carries meaning ("Irak", "vuurwerk") could ask anything about it: it halves the
score, so it gets candidates rather than an answer unless the item is unmistakable."""
CLOSE = 0.9
"""A runner-up scoring at least this fraction of the best is shown as "Lijkt ook op"."""


@dataclass(frozen=True)
class Blend:
    """Logistic weights and boosted trees fitted on the same rows, their logits averaged. Each alone trades
    answered for declined questions differently per kind of document (the trees decline near misses about the
    seed list less well, the weights decline more answerable written questions); in cross-validation the
    average declined more unanswerable questions than either at the same share of answerable ones."""

    weights: npt.NDArray[np.float64]
    forest: Forest

    def margin(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        out: npt.NDArray[np.float64] = 0.5 * (x @ self.weights) + 0.5 * self.forest.margin(x)
        return out


Model = npt.NDArray[np.float64] | Blend
"""Logistic weights (one per feature), or those blended with boosted trees: features to a logit."""


@functools.lru_cache(maxsize=4)
def model(semantic: bool = False, trees: Path = TREES_FILE) -> Model:
    """With both signals the blend when its trees are fitted, else the logistic weights of `weights`."""
    forest = read_forest(trees) if semantic else None
    if forest is None:
        return weights(semantic)
    if forest.names != FEATURES:
        raise ValueError(f"{trees.name} was fitted on other features: refit with `calibrate --fit`")
    return Blend(weights(semantic), forest)


def logit(row: npt.NDArray[np.float64], m: Model) -> float:
    return float(m.margin(row[None, :])[0]) if isinstance(m, Blend) else float(row @ m)


@functools.lru_cache(maxsize=4)
def weights(semantic: bool = False, path: Path = WEIGHTS_FILE) -> npt.NDArray[np.float64]:
    """The lexical weights (`[weights]`, dense features weigh 0) or those of both signals (`[semantic]`)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    table = data["semantic" if semantic else "weights"]
    return np.array([float(table.get(name, 0.0)) for name in FEATURES])


def features(
    concepts: Sequence[Concept],
    scores: Scores,
    rows: npt.NDArray[np.intp],
    dense: npt.NDArray[np.float32] | None = None,
    offtopic: float | None = None,
    *,
    fused: npt.NDArray[np.float32] | None = None,
    documents: npt.NDArray[np.intp] | None = None,
    cue: int = 0,
    offers: npt.NDArray[np.uint8] | None = None,
    asked: int = 0,
    given: Sequence[int] = (),
    near: tuple[float, float] | None = None,
) -> npt.NDArray[np.float64]:
    """One row of FEATURES per candidate row (best first); `dense`: per item, the best cosine (NaN: none);
    `offtopic`: the query's best cosine to the chatter examples; `fused` and `documents`: per item, the
    ranking's relevance and a code of its document (for the lead over the best item of another document);
    `cue`: the kind of fact the query asks for (`cues.query_cues`), `offers`: per item, the kinds it gives;
    `asked`: the precise facts the query asks for (`asks.asked`), `given`: per candidate, those its answer
    states (`asks.given`); `near`: the query's likeness to remembered questions the engine got wrong and
    right (`memory.Memory.near`)."""
    out = np.zeros((len(rows), len(FEATURES)))
    out[:, 0] = 1.0
    if fused is not None and documents is not None and len(rows):
        out[:, FEATURES.index("lead_elsewhere")] = _lead_elsewhere(fused, documents, rows)
    if cue:
        # "hoeveel …?", "wanneer …?": a precise figure or date, which answers often do not give (on the
        # training sets such a question has no answer about twice as often as others)
        out[:, FEATURES.index("asks_fact")] = 1.0
        if offers is not None and len(rows):
            out[:, FEATURES.index("fact_unmet")] = (cue & ~offers[rows].astype(np.int64)) != 0
    if asked and len(given) == len(rows):
        # the answer does not state the amount, number or moment asked for: a near miss on the item's topic
        gives = np.asarray(given, dtype=np.int64)
        for kind, name in zip(asks.KINDS, ("money_unmet", "quantity_unmet", "moment_unmet"), strict=True):
            if asked & kind:
                out[:, FEATURES.index(name)] = (gives & kind) == 0
    if dense is not None and len(rows):
        _dense_features(out, scores, rows, dense)
        if offtopic is not None:
            out[:, FEATURES.index("offtopic")] = max(offtopic - float(np.nanmax(dense)), 0.0) / DENSE_SCALE
        if near is not None:
            out[:, NEAR:] = near_columns(near)
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
    runner = float(totals[1]) if len(totals) > 1 else 0.0
    # the fused ranking may put an item BM25 scores lower first: its lead is then negative, at most -1
    out[:, 6] = np.clip((float(totals[0]) - runner) / max(float(totals[0]), runner, 1e-9), -1.0, 1.0)
    out[:, 7] = min(len(concepts), 6) / 6
    out[:, 8] = scores.question[rows]
    guessed = np.array([c.guessed for c in concepts])
    out[:, 9] = (mass[:, None] * (hit & guessed[:, None])).sum(axis=0) / max(mass.sum(), 1e-9)
    return out


NEAR = FEATURES.index("near_wrong")


def near_columns(near: tuple[float, float]) -> list[float]:
    """`near_wrong`, `near_right` and `nearer_wrong` from the two mean cosines."""
    wrong, right = near
    return [(wrong - NEAR_CENTRE) / DENSE_SCALE, (right - NEAR_CENTRE) / DENSE_SCALE, (wrong - right) / DENSE_SCALE]


LEAD_CAP = 2.0


def _lead_elsewhere(
    fused: npt.NDArray[np.float32], documents: npt.NDArray[np.intp], rows: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Per candidate, its fused relevance minus the best of any other document's items. A question about one
    document puts its item well ahead of every other document; a question the corpus cannot answer finds
    loosely related items all over it (the neighbours in its own document are no evidence either way)."""
    out = np.empty(len(rows))
    best: dict[int, float] = {}
    for i, row in enumerate(rows):
        doc = int(documents[row])
        if doc not in best:
            others = fused[documents != doc]
            top = float(others.max()) if others.size else 0.0
            best[doc] = top if np.isfinite(top) else 0.0
        out[i] = float(fused[row]) - best[doc]
    return np.clip(out, -LEAD_CAP, LEAD_CAP)


def _dense_features(
    out: npt.NDArray[np.float64], scores: Scores, rows: npt.NDArray[np.intp], dense: npt.NDArray[np.float32]
) -> None:
    """How close the sentence model puts each candidate, its lead over the closest other item, and whether
    BM25's favourite is the model's too."""
    known = np.nan_to_num(dense, nan=-1.0)
    cos = known[rows].astype(np.float64)
    top2 = np.partition(known, -2)[-2:] if known.shape[0] > 1 else np.r_[-1.0, known.max()]
    best, second = float(top2.max()), float(top2.min())
    other = np.where(cos >= best, second, best)
    out[:, FEATURES.index("dense")] = np.where(cos > -1, (cos - DENSE_CENTRE) / DENSE_SCALE, 0.0)
    out[:, FEATURES.index("dense_margin")] = np.where(cos > -1, (cos - other) / DENSE_SCALE, 0.0)
    lexical_best = int(np.argmax(scores.total)) if scores.total.max() > 0 else -1
    out[:, FEATURES.index("agree")] = (rows == int(np.argmax(known))) & (rows == lexical_best)


def elsewhere(concepts: Sequence[Concept], scores: Scores, row: int) -> bool:
    """Whether the query names a place or year the corpus knows and the item at `row` never mentions."""
    return any(c.setting and c.alternatives and not scores.matched[i, row] for i, c in enumerate(concepts))


def _model_vouches(row: npt.NDArray[np.float64]) -> bool:
    """The sentence model puts this item first by a clear lead: a name the corpus never saw (often an
    English or paraphrased word, "Supreme Court", "ECHO") then says less about whether it is right."""
    return bool(row[FEATURES.index("dense_margin")] >= VOUCH_MARGIN)


def confidence(
    feature_rows: npt.NDArray[np.float64],
    w: Model | None = None,
    *,
    elsewhere: bool = False,
    semantic: bool = False,
) -> float:
    """The probability-like score of the best candidate (row 0)."""
    if feature_rows.shape[0] == 0:
        return 0.0
    z = logit(feature_rows[0], model(semantic) if w is None else w)
    p = 1.0 / (1.0 + math.exp(-min(max(z, -50.0), 50.0)))
    if not semantic and feature_rows[0][FEATURES.index("unknown_name")] > 0 and not _model_vouches(feature_rows[0]):
        p *= NAME_PENALTY
    if feature_rows[0][FEATURES.index("offtopic")] > 0:
        p *= OFFTOPIC_PENALTY
    if 0 < feature_rows[0][FEATURES.index("concepts")] <= 1 / 6:
        p *= BROAD_PENALTY
    return p * ELSEWHERE_PENALTY if elsewhere else p
