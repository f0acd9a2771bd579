"""One ranking from two signals: BM25 (words the item shares with the query) and the sentence model
(what the query means), fused by score.

Each signal is put on its own scale first: BM25 relative to the best item, the best cosine of an
item's passages relative to the typical item (the median) and the best. Fusing scores rather than
ranks keeps how far apart items are; on the labelled training sets this beat reciprocal-rank fusion.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

DENSE_WEIGHT = 0.8
"""What the sentence model weighs beside BM25 (1.0): fitted on the dev, train and own query sets."""

FloatArray = npt.NDArray[np.float32]


def relative_dense(dense: FloatArray) -> FloatArray:
    """Cosines as 1.0 for the best item and 0.0 for the median one; an item without vectors counts as median."""
    known = ~np.isnan(dense)
    if not known.any():
        return np.zeros_like(dense)
    middle = float(np.median(dense[known]))
    spread = max(float(np.nanmax(dense)) - middle, 1e-6)
    return np.where(known, (dense - np.float32(middle)) / np.float32(spread), np.float32(0.0)).astype(np.float32)


def fuse(lexical: FloatArray, dense: FloatArray | None, weight: float = DENSE_WEIGHT) -> FloatArray:
    """Per item, the fused relevance (higher is better); without dense scores, BM25 relative to the best."""
    best = float(lexical.max()) if lexical.shape[0] else 0.0
    relative = lexical / np.float32(best) if best > 0 else lexical.copy()
    if dense is None:
        return relative.astype(np.float32)
    return (relative + np.float32(weight) * relative_dense(dense)).astype(np.float32)
