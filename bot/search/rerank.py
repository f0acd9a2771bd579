"""Re-ranking the first candidates of the fused ranking with boosted trees, when both signals are on.

The fused ranking adds BM25 and the sentence model with one fixed weight. Which signal to trust depends on
the question: an English or paraphrased question shares few words with the right item, so a weak BM25 lead
should count for little; a question about one document should be told apart from its neighbours by the
passage that matches best (its question, or a piece of its answer). Trees of two splits, fitted on the
labelled training queries (`python -m bot.search.calibrate --fit`), score each of the first `CANDIDATES`
items from such features; the candidates are then ordered by that score. In 5-fold cross-validation on the
six training sets this put the right item first for 3 to 7 more of every 100 questions written like real
ones (the figures are in the README); it never adds or drops a candidate, only orders them.

Pure numpy, stored as data (`rerank_trees.json`) and read at start-up; scoring ten candidates costs well
under a millisecond.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.search.trees import Forest, read_forest
from bot.search.vectors import PIECE, QUESTION, WHOLE

RERANK_FILE = Path(__file__).with_name("rerank_trees.json")
CANDIDATES = 10
"""How many of the fused ranking's first items the trees order."""
ROUNDS = 300
"""Trees fitted. On every held-out seed query the right item is among the first ten but not always in the top
three, so the order within the ten is what counts. In `calibrate --fit --cv 5` over the six training sets
(1,023 answerable queries) 300 trees put the right item first for 82.3% and in the top three for 94.2% (150
trees, the decline model's count: 81.2% and 94.1%; in another fold split 81.8% / 94.6% against 81.1% / 93.7%);
400 and 500 trees did no better."""
FEATURES = (
    "bias",
    "fused",
    "position",
    "words",
    "words_rank",
    "whole",
    "question",
    "piece",
    "dense",
    "same_document",
    "document_share",
    "aware",
    "answer_length",
    "question_length",
    "first",
    "dense_best",
    "strength",
    "no_words",
    "asked_before",
)
SCALE = 0.05
"""Cosine differences are divided by this (multilingual-e5 cosines of close texts differ by hundredths)."""
MISSING = -10.0
ASKED_CENTRE = 0.9
"""`asked_before` is a cosine of two questions (`memory.Memory.asked_before`), between about 0.85 and 1."""
"""A passage kind an item has no vector for: far below any real difference."""
RANK_CAP = 50
AWARE = re.compile(r"\b(?:bekend met|kennisgenomen|kennis genomen|gelezen|gezien)\b", re.IGNORECASE)
"""The opening question of most written questions ("Bent u bekend met het bericht …?"): it is rarely what a
user asks about, though it shares the topic's words."""

FloatArray = npt.NDArray[np.float64]


@functools.lru_cache(maxsize=2)
def model(path: Path | None = None) -> Forest | None:
    """The fitted trees (`RERANK_FILE` unless `path`), or None when none are stored (the fused ranking
    then stands)."""
    path = RERANK_FILE if path is None else path
    forest = read_forest(path)
    if forest is not None and forest.names != FEATURES:
        raise ValueError(f"{path.name} was fitted on other features: refit with `calibrate --fit`")
    return forest


def _gap(value: float, best: float) -> float:
    return (value - best) / SCALE if math.isfinite(value) and math.isfinite(best) else MISSING


def features(
    rows: npt.NDArray[np.intp],
    fused: npt.NDArray[np.float32],
    lexical: npt.NDArray[np.float32],
    ceiling: float,
    dense: npt.NDArray[np.float32],
    roles: npt.NDArray[np.float32],
    role_best: npt.NDArray[np.float32],
    documents: npt.NDArray[np.intp],
    texts: Sequence[tuple[str, str, int]],
    asked: npt.NDArray[np.float64] | None = None,
) -> FloatArray:
    """One row of `FEATURES` per candidate (`rows`, best fused first). `lexical`, `fused` and `dense` are per
    item (BM25, the fused relevance, the best cosine); `roles` per candidate and `role_best` over all items
    are the best cosine of each passage role (`DenseIndex.by_role`); `texts` per candidate: its question,
    answer and number; `asked` per candidate: the cosine of the closest remembered question it answers (0.0 or
    None: none, as for an item no labelled question is about)."""
    out = np.zeros((len(rows), len(FEATURES)))
    if not len(rows):
        return out
    out[:, 0] = 1.0
    top_fused = float(fused[rows[0]])
    lex_best = float(lexical.max()) if lexical.shape[0] else 0.0
    known = dense[~np.isnan(dense)]
    dense_best = float(known.max()) if known.size else math.nan
    codes = documents[rows]
    for i, row in enumerate(rows):
        question, answer, number = texts[i]
        lex = float(lexical[row])
        out[i, 1:] = (
            float(fused[row]) / top_fused if top_fused > 0 else 0.0,
            i,
            lex / lex_best if lex_best > 0 else 0.0,
            min(int((lexical > lexical[row]).sum()), RANK_CAP),
            _gap(float(roles[i, WHOLE]), float(role_best[WHOLE])),
            _gap(float(roles[i, QUESTION]), float(role_best[QUESTION])),
            _gap(float(roles[i, PIECE]), float(role_best[PIECE])),
            _gap(float(dense[row]), dense_best),
            float(codes[i] == codes[0]),
            float((codes == codes[i]).sum()),
            float(AWARE.search(question[:200]) is not None),
            math.log1p(len(answer)),
            math.log1p(len(question)),
            float(number == 1),
            (dense_best - 0.8) / SCALE if math.isfinite(dense_best) else MISSING,
            min(lex_best / max(ceiling, 1e-6), 1.0),
            float(lex <= 0),
            ((float(asked[i]) if asked is not None else 0.0) - ASKED_CENTRE) / SCALE,
        )
    return out


def order(forest: Forest, x: FloatArray) -> npt.NDArray[np.intp]:
    """Positions of the candidates, best first by the trees (ties keep the fused order)."""
    return np.argsort(-forest.margin(x), kind="stable")


def shown(fused: npt.NDArray[np.float32], rows: npt.NDArray[np.intp]) -> npt.NDArray[np.float32]:
    """The fused relevance made to fall along the re-ranked order (no item after the first scores above it),
    for the scores people see and the "also relevant" cut."""
    out = fused.copy()
    out[rows] = np.minimum.accumulate(fused[rows])
    return out
