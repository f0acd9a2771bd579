"""The engine over the packaged corpus, built once per session (it takes milliseconds, but still)."""

from __future__ import annotations

import pytest

from bot.corpus import Corpus, load_corpus
from bot.search import Engine


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="session")
def engine(corpus: Corpus) -> Engine:
    return Engine(corpus)
