"""The on-disk index cache: build the index once, then start by memory-mapping it.

One file per key, `$XDG_CACHE_HOME/kamervraag/index-<key>.npz` (default `~/.cache/kamervraag/`): a plain,
uncompressed `.npz` (no pickle), so its arrays are mapped straight from the file instead of read.
The key hashes everything the index depends on: the corpus content (every document as its JSON, as
loaded, so the key always belongs to the corpus in hand, wherever it came from), the lexicon as loaded,
the code (`bot.__version__` and the sources of `bot/search`, `bot/corpus`, `bot/answer.py`) and the
versions of PyStemmer (its stems change between Snowball releases) and numpy. Change any of them and
the name changes, so a stale index is never read. A file is written to a temporary name and renamed,
so a reader never sees half of one. A cache that cannot be written or read is only slower: one Dutch
warning line on stderr, and the index is built in memory as before. The file's structure is checked
when it is mapped, its numbers are not (that would read every page): damage there is not noticed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import mmap
import os
import struct
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any, Literal

import numpy as np
import Stemmer
from scipy import sparse

import bot
from bot import messages
from bot.corpus.store import Corpus
from bot.search.index import SearchIndex, build_index
from bot.search.lexicon import Lexicon

_PACKAGE = Path(bot.__file__).resolve().parent
CODE_FILES = ("search/*.py", "search/*.toml", "corpus/*.py", "answer.py")
"""What the index is made by; relative to the `bot` package."""
KEEP_FILES = 4
"""Index files kept in the cache folder; older ones (an earlier corpus or version) are removed."""
STALE_TMP_SECONDS = 3600
_SPARSE_PARTS = ("data", "indices", "indptr")
_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}
_LOCAL_HEADER = struct.Struct("<4s22xHH")
"""A zip member's local header: signature, 22 bytes we do not need, name length, extra length."""


class CacheProblem(Exception):
    """A cache file that cannot be used (truncated, foreign, not ours)."""


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/kamervraag`, or `~/.cache/kamervraag` when it is unset or empty (XDG spec)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "kamervraag"


def _touch(path: Path) -> None:
    """Mark a cache file as used, so pruning keeps it (a read-only cache just stays as it is)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _warn_stderr(line: str) -> None:
    print(line, file=sys.stderr)


# --- the key ------------------------------------------------------------------------------------
def code_digest() -> str:
    h = hashlib.sha256(bot.__version__.encode())
    for pattern in CODE_FILES:
        for path in sorted(_PACKAGE.glob(pattern)):
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _canonical(value: object) -> object:
    """Sets and dicts in sorted order: their iteration order differs between runs (hash seeds)."""
    if isinstance(value, set | frozenset):
        return ("set", sorted((_canonical(v) for v in value), key=repr))
    if isinstance(value, dict):
        return ("dict", sorted(((_canonical(k), _canonical(v)) for k, v in value.items()), key=repr))
    if isinstance(value, tuple | list):
        return tuple(_canonical(v) for v in value)
    return value


def lexicon_digest(lexicon: Lexicon) -> str:
    """Every field of the lexicon as loaded (a field added later counts too)."""
    parts = [(f.name, _canonical(getattr(lexicon, f.name))) for f in fields(lexicon)]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def corpus_digest(corpus: Corpus) -> str:
    """The corpus files' content as loaded: pydantic's JSON of each document (about 0.2 s per 100 000 items),
    and the curated phrasings."""
    h = hashlib.sha256()
    for doc in corpus.documents:
        h.update(doc.model_dump_json().encode() + b"\0")
    for key, phrasings in sorted(corpus.phrasings.items()):  # curated phrasings are indexed too (issue 13)
        h.update(repr((tuple(key), phrasings)).encode() + b"\0")
    return h.hexdigest()


def cache_key(corpus: Corpus, lexicon: Lexicon) -> str:
    parts = (
        "index-1",
        code_digest(),
        lexicon_digest(lexicon),
        corpus_digest(corpus),
        f"PyStemmer {Stemmer.version()}",
        f"numpy {np.__version__}",
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


# --- index ⇄ arrays -----------------------------------------------------------------------------
def to_arrays(index: SearchIndex) -> dict[str, np.ndarray[Any, Any]]:
    """Every field as plain arrays; a sparse matrix as its three CSC arrays and its shape."""
    out: dict[str, np.ndarray[Any, Any]] = {}
    for f in fields(index):
        value = getattr(index, f.name)
        if isinstance(value, sparse.csc_matrix):
            for part in _SPARSE_PARTS:
                out[f"{f.name}.{part}"] = getattr(value, part)
            out[f"{f.name}.shape"] = np.array(value.shape, dtype=np.int64)
        elif isinstance(value, np.ndarray) and value.dtype != object:
            out[f.name] = value
        else:
            raise TypeError(f"SearchIndex.{f.name}: cannot store {type(value).__name__} without pickle")
    return out


def from_arrays(arrays: dict[str, np.ndarray[Any, Any]]) -> SearchIndex:
    values: dict[str, Any] = {}
    try:
        for f in fields(SearchIndex):
            if f.name in arrays:
                values[f.name] = arrays[f.name]
            else:
                data, indices, indptr = (arrays[f"{f.name}.{p}"] for p in _SPARSE_PARTS)
                rows, cols = (int(s) for s in arrays[f"{f.name}.shape"])
                values[f.name] = sparse.csc_matrix((data, indices, indptr), shape=(rows, cols))  # checks they fit
        index = SearchIndex(**values)
    except (KeyError, ValueError, TypeError) as exc:
        raise CacheProblem(str(exc)) from None
    if index.documents.shape != (index.size,) or index.question.shape[0] != index.size:
        raise CacheProblem("rows do not match")
    for f in fields(index):
        m = getattr(index, f.name)
        if isinstance(m, sparse.csc_matrix) and m.nnz and (m.indices.min() < 0 or m.indices.max() >= m.shape[0]):
            raise CacheProblem(f"{f.name}: row out of range")
    return index


def _mapped_npz(path: Path) -> dict[str, np.ndarray[Any, Any]]:
    """The arrays of an uncompressed `.npz`, as read-only views of one memory map (nothing is copied)."""
    with open(path, "rb") as fh:
        try:
            members = zipfile.ZipFile(fh).infolist()
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise CacheProblem(str(exc)) from None
    arrays: dict[str, np.ndarray[Any, Any]] = {}
    for info in members:
        if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
            raise CacheProblem(f"unexpected member {info.filename}")
        start = info.header_offset
        signature, name_len, extra_len = _LOCAL_HEADER.unpack_from(mapped, start)
        if signature != b"PK\x03\x04":
            raise CacheProblem("bad local header")
        start += _LOCAL_HEADER.size + name_len + extra_len
        head = io.BytesIO(mapped[start : start + min(info.file_size, 65536)])
        try:
            version = np.lib.format.read_magic(head)
            read_header = _HEADER_READERS.get(version)
            if read_header is None:
                raise CacheProblem(f"npy format {version}")
            shape, fortran, dtype = read_header(head)
        except (ValueError, OSError) as exc:
            raise CacheProblem(str(exc)) from None
        if dtype.hasobject:
            raise CacheProblem("object array")
        count = int(np.prod(shape))
        offset = start + head.tell()
        if offset + count * dtype.itemsize > start + info.file_size:
            raise CacheProblem(f"{info.filename} is truncated")
        array = np.frombuffer(mapped, dtype=dtype, count=count, offset=offset)
        arrays[info.filename[: -len(".npy")]] = array.reshape(shape, order="F" if fortran else "C")
    return arrays


# --- the cache ----------------------------------------------------------------------------------
class IndexCache:
    """Where `Engine` gets its index when it has a cache: from disk if the key matches, else built and stored.

    `origin` tells what happened last ("cache" or "built"), for tests and the benchmark.
    """

    def __init__(self, directory: Path | None = None, *, warn: Callable[[str], None] = _warn_stderr) -> None:
        self.directory = directory if directory is not None else cache_dir()
        self._warn = warn
        self._warned = False
        self.origin: Literal["cache", "built", ""] = ""

    def path(self, corpus: Corpus, lexicon: Lexicon) -> Path:
        return self.directory / f"index-{cache_key(corpus, lexicon)}.npz"

    def index(self, corpus: Corpus, lexicon: Lexicon) -> SearchIndex:
        path = self.path(corpus, lexicon)
        found = self.load(path, expected_size=len(corpus))
        if found is not None:
            self.origin = "cache"
            return found
        index = build_index(corpus, lexicon)
        self.origin = "built"
        self.store(path, index)
        return index

    def load(self, path: Path, *, expected_size: int) -> SearchIndex | None:
        if not path.is_file():
            return None
        try:
            index = from_arrays(_mapped_npz(path))
            if index.size != expected_size:
                raise CacheProblem("size differs from the corpus")
            _touch(path)
            return index
        except Exception as exc:  # whatever a damaged file makes the readers raise, the answer is to rebuild
            self._once(messages.index_cache_corrupt(str(path), exc))
            return None

    def store(self, path: Path, index: SearchIndex) -> None:
        tmp: str | None = None
        try:
            arrays = to_arrays(index)
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=self.directory)
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, **arrays)  # type: ignore[arg-type]  # no object arrays (to_arrays): no pickle
            os.replace(tmp, path)
            tmp = None
            self.prune(keep=path)
        except (OSError, TypeError, ValueError) as exc:
            self._once(messages.index_cache_unwritable(str(self.directory), messages.os_problem(exc)))
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def prune(self, keep: Path) -> None:
        """Keep the `KEEP_FILES` most recently used indexes (one per corpus in use, say); drop the rest."""
        with contextlib.suppress(OSError):  # another process may prune at the same time
            found = sorted(self.directory.glob("index-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in [p for p in found if p != keep][KEEP_FILES - 1 :]:
                old.unlink(missing_ok=True)  # a process that maps it keeps reading it: POSIX keeps the inode
            for tmp in self.directory.glob(".index-*.tmp"):
                if time.time() - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                    tmp.unlink(missing_ok=True)

    def _once(self, line: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(line)
