"""Related items: explicit references both ways and joint answers first, then the most similar by content."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.corpus.store import ItemKey
from bot.search.index import SearchIndex

MIN_SIMILARITY = 0.05
"""Below this cosine two items share hardly more than common words ("Nederland", "kabinet"): not related.
On the real corpus the fifth most similar item is above it for 95% of the items."""


OTHER_DOCUMENT_MIN = 0.2
"""An item of another document is related only when clearly about the same thing: on the packaged corpus
(15 documents) that keeps "wachttijden in de ggz" (eetstoornissen) beside "wachttijden in de jeugdzorg"
and drops the many pairs that share only "Bent u bekend met het artikel …" (cosine 0.10–0.15)."""


def content_matrix(index: SearchIndex) -> sparse.csr_matrix:
    """Rows of question and answer weights together, each scaled to unit length (cosine similarity).

    Numbers are left out: two answers that both say "40" share a figure, not a topic."""
    topical = sparse.diags((~np.char.isdigit(index.terms.astype(str))).astype(np.float32))
    m = ((index.question + index.answer) @ topical).tocsr().astype(np.float32)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def best_first(values: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.intp]:
    """The first `k` rows of a stable descending sort (ties by row), without sorting every row."""
    k = min(k, values.shape[0])
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    cut = -np.partition(-values, k - 1)[k - 1]
    rows = np.flatnonzero(values >= cut)
    return rows[np.argsort(-values[rows], kind="stable")][:k]


def related(
    index: SearchIndex,
    content: sparse.csr_matrix,
    row: int,
    explicit: tuple[ItemKey, ...],
    *,
    limit: int,
) -> tuple[ItemKey, ...]:
    key = index.key(row)
    out: list[ItemKey] = []
    for k in explicit:
        if k != key and k not in out:
            out.append(k)
    if len(out) < limit:
        sims = np.asarray(content @ content[row].toarray().ravel())  # × a dense vector: same sums, 4× faster
        sims[row] = -1.0
        same_doc = index.documents == index.documents[row]
        sims[~same_doc & (sims < OTHER_DOCUMENT_MIN)] = -1.0  # another document only when clearly alike
        sims[~same_doc] *= 0.9  # within one list first, all else equal
        for r in best_first(sims, limit + len(out) + 1):
            if sims[r] < MIN_SIMILARITY or len(out) >= limit:
                break
            k = index.key(int(r))
            if k != key and k not in out:
                out.append(k)
        if not out:  # nothing alike ("Kunt u de vragen apart beantwoorden?"): the nearest of its own document
            own = np.where(same_doc, sims, np.float32(-2.0))
            out = [index.key(int(r)) for r in best_first(own, limit) if own[r] > -1.5 and int(r) != row]
    return tuple(out[:limit])
