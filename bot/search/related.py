"""Related items: explicit references both ways and joint answers first, then the most similar by content."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from bot.corpus.store import ItemKey
from bot.search.index import SearchIndex


def content_matrix(index: SearchIndex) -> sparse.csr_matrix:
    """Rows of question and answer weights together, each scaled to unit length (cosine similarity)."""
    m = (index.question + index.answer).tocsr().astype(np.float32)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


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
        sims = np.asarray((content @ content[row].T).toarray()).ravel()
        sims[row] = -1.0
        same_doc = index.documents == index.documents[row]
        sims[~same_doc] *= 0.9  # within one list first, all else equal
        order = np.argsort(-sims, kind="stable")
        for r in order[: limit + len(out) + 1]:
            if sims[r] <= 0 or len(out) >= limit:
                break
            k = index.key(int(r))
            if k != key and k not in out:
                out.append(k)
    return tuple(out[:limit])
