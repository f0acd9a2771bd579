"""Scoring every item against a query's concepts, vectorised over sparse columns.

Per concept an item scores the best of the concept's alternatives (so "VS" and "Amerikaanse" in
one item do not count twice); the question field weighs more than the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.search import cues
from bot.search.index import K1, SearchIndex
from bot.search.query import Concept

QUESTION_WEIGHT = 1.0
ANSWER_WEIGHT = 0.7
BOTH_WEIGHT = 0.25
"""What the weaker field adds when both fields mention a concept."""
CUE_WEIGHT = {cues.NUMBER: 0.2, cues.DATE: 0.1}
"""What an item offering the kind of fact a query asks for ("hoeveel" → a number) gains, as a
fraction of the best item's score: it orders near-equals, it does not lift a poor match."""

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Scores:
    total: FloatArray
    """Per item: the fused relevance (higher is better)."""
    matched: npt.NDArray[np.bool_]
    """Concepts × items: whether the item mentions the concept at all (question or answer)."""
    question: FloatArray
    """Per item: how much of its question the query matched, in about [0, 1]."""
    ceiling: float
    """The score an item would get that matched every concept fully; scales `total` to about [0, 1]."""


def _best(matrix: sparse.csc_matrix, concept: Concept, n: int) -> FloatArray:
    """Per item, the best weighted value among the concept's alternative columns (CSC arrays, no copies)."""
    out = np.zeros(n, dtype=np.float32)
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    for j, w in concept.alternatives:
        start, end = indptr[j], indptr[j + 1]
        if start == end:
            continue
        rows = indices[start:end]
        out[rows] = np.maximum(out[rows], data[start:end] * np.float32(w))
    return out


def score(index: SearchIndex, concepts: Sequence[Concept], cue: int = 0) -> Scores:
    """`cue`: what kind of fact the query asks for (`cues.query_cues`)."""
    n, n_phrasings = index.size, index.phrasing.shape[0]
    total = np.zeros(n, dtype=np.float32)
    in_question = np.zeros(n, dtype=np.float32)
    in_phrasing = np.zeros(n_phrasings, dtype=np.float32)
    matched = np.zeros((len(concepts), n), dtype=np.bool_)
    ceiling = 0.0
    for c, concept in enumerate(concepts):
        top_idf = max((float(index.idf[j]) * w for j, w in concept.alternatives), default=0.0)
        ceiling += concept.weight * top_idf * (K1 + 1) * QUESTION_WEIGHT * (1 + BOTH_WEIGHT)
        if not concept.alternatives:
            continue
        q = _best(index.question, concept, n)
        in_question += q
        if n_phrasings:  # a curated phrasing counts as the item's question where it matches better
            p = _best(index.phrasing, concept, n_phrasings)
            in_phrasing += p
            np.maximum.at(q, index.phrasing_item, p)
        q = q * np.float32(QUESTION_WEIGHT)
        a = _best(index.answer, concept, n) * np.float32(ANSWER_WEIGHT)
        total += np.float32(concept.weight) * (np.maximum(q, a) + np.float32(BOTH_WEIGHT) * np.minimum(q, a))
        matched[c] = (q > 0) | (a > 0)
    best = float(total.max()) if n else 0.0
    for flag, weight in CUE_WEIGHT.items():
        if cue & flag and best > 0:
            offers = ((index.cues & flag) != 0) & (total > 0)
            total += np.float32(weight * best) * offers
    mass = np.maximum(index.question_mass, np.float32(1e-6))
    covered = in_question / mass
    if n_phrasings:
        np.maximum.at(covered, index.phrasing_item, in_phrasing / np.maximum(index.phrasing_mass, np.float32(1e-6)))
    return Scores(total=total, matched=matched, question=np.minimum(covered, 1.0), ceiling=ceiling)


def shortlist(total: FloatArray, size: int) -> npt.NDArray[np.intp]:
    """Rows of the best `size` items, best first (ties by row order, so results are stable)."""
    size = min(size, total.shape[0])
    if size <= 0:
        return np.zeros(0, dtype=np.intp)
    part = np.argpartition(-total, size - 1)[:size] if size < total.shape[0] else np.arange(total.shape[0])
    order = np.lexsort((part, -total[part]))
    return part[order]
