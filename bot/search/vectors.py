"""Passage vectors stored beside the corpus: computed once (`kamervraag embed`, `ingest`), read at start-up.

Layout: `<corpus folder>/vectors/<model id>/<document id>.npz`, a plain `.npz` (no pickle) with `keys`
(hex digests of each passage's kind and text) and `vectors` (float16, one unit vector per row). Keyed
by text, so an edited item simply misses its vector (and is still found lexically) until `embed` runs.

An item has several passages; the best one counts:
- its question and answer together, embedded as a passage (facts that stand only in the answer);
- a long answer also in pieces of a few sentences (`answer_chunks`), each a passage: a fact deep in a long
  answer is lost in the vector of the whole (on the labelled sets this put the right item first more often,
  seed and Aanhangsel alike; prefixing each piece with the question did worse);
- its question embedded as a question (a paraphrase of the question is closest to it);
- every curated phrasing in `<corpus folder>/phrasings/<document id>.tsv` ("N<TAB>phrasing", loaded with the
  corpus: `Corpus.phrasings`), as a question.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.corpus.store import Corpus, ItemKey
from bot.search.arrays import read_arrays, write_arrays
from bot.search.embeddings import Embedder

OFFTOPIC_FILE = Path(__file__).with_name("offtopic.txt")
OFFTOPIC = "_offtopic"
"""The vectors of the off-topic examples (`offtopic.txt`) are stored like a document of this name."""
PASSAGE = "passage"
QUERY = "query"
BATCH = 16
"""Passages per call of the model while embedding: a progress step."""


WHOLE, QUESTION, PIECE = 0, 1, 2
"""What part of its item a passage holds (`Passage.role`): question and answer together, the question (or a
curated phrasing), a piece of a long answer. The ranking takes the best of all; the re-ranker weighs each."""
ROLES = 3


@dataclass(frozen=True, slots=True)
class Passage:
    key: ItemKey
    kind: str
    """`PASSAGE` or `QUERY`: which side of the model embeds it."""
    text: str
    role: int = WHOLE
    """`WHOLE`, `QUESTION` or `PIECE` (not part of the stored key: it follows from how `passages` makes it)."""

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.kind}\0{self.text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True)
class DenseIndex:
    """Passage vectors in corpus row order; `owner[i]` is the index row of the item passage `i` belongs to."""

    vectors: npt.NDArray[np.float32]
    owner: npt.NDArray[np.intp]
    starts: npt.NDArray[np.intp]
    """Where each distinct owner's passages start (they are grouped by owner): for `np.maximum.reduceat`."""
    model_id: str
    offtopic: npt.NDArray[np.float32] | None = None
    """Vectors of chatter, greetings and questions about the bot (`offtopic.txt`), when stored."""
    roles: npt.NDArray[np.int8] | None = None
    """Per passage its `Passage.role` (None: all `WHOLE`)."""

    def similarities(self, query: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Per passage, its cosine to the query (unit vectors)."""
        return self.vectors @ query

    def best(self, sims: npt.NDArray[np.float32], size: int) -> npt.NDArray[np.float32]:
        """Per item, the best cosine of its passages (`sims`); NaN for an item without vectors."""
        out = np.full(size, np.nan, dtype=np.float32)
        out[self.owner[self.starts]] = np.maximum.reduceat(sims, self.starts)
        return out

    def by_role(
        self, sims: npt.NDArray[np.float32], rows: npt.NDArray[np.intp]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """For `rows`, the best cosine of each role of passage (rows × `ROLES`, NaN: none; a piece stands in
        for the whole answer of an item too short to cut), and the best of each role over all items."""
        first, end = self._spans
        out = np.full((len(rows), ROLES), np.nan, dtype=np.float32)
        roles = self._roles
        for i, row in enumerate(rows):
            if row >= len(first) or first[row] < 0:
                continue
            s, e = first[row], end[row]
            for role in range(ROLES):
                mine = sims[s:e][roles[s:e] == role]
                if mine.size:
                    out[i, role] = mine.max()
            if np.isnan(out[i, PIECE]):
                out[i, PIECE] = out[i, WHOLE]
        overall = np.array([sims[idx].max() if idx.size else np.nan for idx in self._role_passages], dtype=np.float32)
        return out, overall

    @functools.cached_property
    def _roles(self) -> npt.NDArray[np.int8]:
        return self.roles if self.roles is not None else np.zeros(len(self.owner), dtype=np.int8)

    @functools.cached_property
    def _spans(self) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Per item row, where its passages start and end (-1: none)."""
        size = int(self.owner.max()) + 1 if len(self.owner) else 0
        first = np.full(size, -1, dtype=np.intp)
        end = np.full(size, -1, dtype=np.intp)
        first[self.owner[self.starts]] = self.starts
        end[self.owner[self.starts]] = np.r_[self.starts[1:], len(self.owner)]
        return first, end

    @functools.cached_property
    def _role_passages(self) -> tuple[npt.NDArray[np.intp], ...]:
        """Per role, the passages whose best over all items `by_role` takes (pieces: also the whole passage of
        an item without pieces, as for one item)."""
        roles = self._roles
        whole, question, piece = (np.flatnonzero(roles == r) for r in (WHOLE, QUESTION, PIECE))
        has_piece = np.zeros(len(self._spans[0]), dtype=np.bool_)
        has_piece[self.owner[piece]] = True
        alone = whole[~has_piece[self.owner[whole]]]
        return whole, question, np.sort(np.r_[piece, alone])


def offtopic_examples() -> list[str]:
    lines = OFFTOPIC_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def vectors_folder(corpus_source: Path | None, model_id: str) -> Path | None:
    if corpus_source is None:
        return None
    folder = corpus_source if corpus_source.is_dir() else corpus_source.parent
    return folder / "vectors" / model_id


CHUNK_CHARS = 400
"""About 100 tokens of Dutch: one answer passage holds a fact or two, so its vector is not an average of many."""
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")


def answer_chunks(answer: str, limit: int = CHUNK_CHARS) -> list[str]:
    """The answer cut at sentence ends into pieces of at most about `limit` characters."""
    out: list[str] = []
    current = ""
    for sentence in (s.strip() for s in _SENTENCE.split(answer)):
        if not sentence:
            continue
        if current and len(current) + 1 + len(sentence) > limit:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        out.append(current)
    return out


def passages(corpus: Corpus) -> Iterator[Passage]:
    """Every passage of every item, grouped by item in corpus order."""
    for key, item in corpus:
        yield Passage(key, PASSAGE, f"{item.question}\n\n{item.answer}", WHOLE)
        yield Passage(key, QUERY, item.question, QUESTION)
        chunks = answer_chunks(item.answer)
        if len(chunks) > 1:  # a short answer is already read whole with its question
            yield from (Passage(key, PASSAGE, chunk, PIECE) for chunk in chunks)
        for text in corpus.phrasings.get(key, ()):  # checked and loaded with the corpus (bot/corpus/phrasings.py)
            yield Passage(key, QUERY, text, QUESTION)


def _read(path: Path) -> dict[str, npt.NDArray[np.float16]]:
    found = read_arrays(path, ("keys", "vectors"))
    if found is None:
        return {}
    keys, vectors = found["keys"], found["vectors"]
    if keys.ndim != 1 or vectors.ndim != 2 or len(keys) != len(vectors):
        return {}
    return {str(k): v for k, v in zip(keys, vectors, strict=True)}


def _write(path: Path, found: dict[str, npt.NDArray[np.float16]]) -> None:
    keys = sorted(found)
    vectors = np.stack([found[k] for k in keys]).astype(np.float16)
    write_arrays(path, {"keys": np.array(keys, dtype="U32"), "vectors": vectors})


def has_vectors(corpus: Corpus, model_id: str) -> bool:
    """Whether any document of the corpus has stored vectors of this model (checked without loading any)."""
    base = vectors_folder(corpus.source, model_id)
    return base is not None and any((base / f"{doc}.npz").is_file() for doc in corpus.document_ids)


def load_dense(corpus: Corpus, model_id: str) -> DenseIndex | None:
    """The stored vectors of the corpus's passages, in corpus row order; None when there are none."""
    base = vectors_folder(corpus.source, model_id)
    if base is None or corpus.source is None:
        return None
    stored: dict[str, npt.NDArray[np.float16]] = {}
    for doc in corpus.document_ids:
        stored.update(_read(base / f"{doc}.npz"))
    if not stored:
        return None
    rows = {k: i for i, k in enumerate(corpus.keys)}
    owner: list[int] = []
    role: list[int] = []
    found: list[npt.NDArray[np.float16]] = []
    for p in passages(corpus):
        v = stored.get(p.digest)
        if v is not None:
            owner.append(rows[p.key])
            role.append(p.role)
            found.append(v)
    if not found:
        return None
    owners = np.array(owner, dtype=np.intp)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]).astype(np.intp)
    chatter = _read(base / f"{OFFTOPIC}.npz")
    wanted = [chatter.get(p.digest) for p in _offtopic_passages()]
    offtopic = (
        np.stack([v for v in wanted if v is not None]).astype(np.float32)
        if any(v is not None for v in wanted)
        else None
    )
    roles = np.array(role, dtype=np.int8)
    return DenseIndex(np.stack(found).astype(np.float32), owners, starts, model_id, offtopic, roles)


def _offtopic_passages() -> list[Passage]:
    return [Passage(ItemKey(OFFTOPIC, 0), QUERY, text) for text in offtopic_examples()]


def embed_missing(
    source: Path, corpus: Corpus, embedder: Embedder, progress: Callable[[int, int], None] | None = None
) -> int:
    """Embed the passages of `corpus` (read from `source`) that have no stored vector yet, write one file per
    document (vectors of texts no longer in it are dropped), and return how many were embedded.
    `progress(done, total)` after each batch."""
    base = vectors_folder(source, embedder.model_id)
    assert base is not None
    by_doc: dict[str, list[Passage]] = {OFFTOPIC: _offtopic_passages()}
    for p in passages(corpus):
        by_doc.setdefault(p.key.document, []).append(p)
    plans = []
    for doc, ps in by_doc.items():
        stored = _read(base / f"{doc}.npz")
        wanted = {p.digest: p for p in ps}
        missing = [p for d, p in wanted.items() if d not in stored]
        plans.append((doc, stored, wanted, missing))
    total = sum(len(m) for *_, m in plans)
    done = 0
    if progress is not None:
        progress(0, total)
    for doc, stored, wanted, missing in plans:
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            for kind in (PASSAGE, QUERY):
                group = [p for p in batch if p.kind == kind]
                if not group:
                    continue
                texts = [p.text for p in group]
                vecs = embedder.passages(texts) if kind == PASSAGE else embedder.queries(texts)
                for p, v in zip(group, vecs, strict=True):
                    stored[p.digest] = v.astype(np.float16)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        keep = {d: v for d, v in stored.items() if d in wanted}
        if keep and (missing or len(keep) != len(stored) or not (base / f"{doc}.npz").is_file()):
            _write(base / f"{doc}.npz", keep)
    return total
