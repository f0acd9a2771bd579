"""The labelled training questions the engine remembers, as vectors of the sentence model.

A question like ones the engine got wrong is likely to have no answer either: those near misses ask for a
name, a body or a date that the answers about their topic do not give ("Wie leidde de Iraakse delegatie …"),
and no feature of the query against the item tells them from answerable ones. A question like ones it got
right is likely answered. Stored beside the decline model (`confidence_memory.npz`, written by
`calibrate --fit` from the same rows) and keyed by the sentence model that made the vectors.

The re-ranker reads the same memory for the items: a candidate that answers a remembered question close to
this one (`asked_before`) was the right item for a question put this way before.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.corpus.store import ItemKey
from bot.search.arrays import read_arrays, write_arrays

MEMORY_FILE = Path(__file__).with_name("confidence_memory.npz")
NEAREST = 5
"""How many of the closest remembered questions of each kind count. In 5-fold cross-validation on the six
training sets, grouped by the engine's best item (so no paraphrase of a held-out question is remembered),
3, 5 and 10 declined 54–55% of the unanswerable questions at 3% of the answerable ones declined, against
51.5% without the memory; 5 did best at 4 and 5%."""
SAME = 0.999
"""A remembered question this close is the question itself (or a copy from another set): `calibrate` leaves
it out of a training question's neighbours, as production has no such copy of a new question."""


@dataclass(frozen=True)
class Memory:
    model_id: str
    vectors: npt.NDArray[np.float32]
    """Unit rows, one per remembered question."""
    wrong: npt.NDArray[np.bool_]
    """Per question: the engine's first three items did not hold a right answer (or it had none)."""
    answers: dict[ItemKey, npt.NDArray[np.intp]] = field(default_factory=dict)
    """Per item, the remembered questions it answers (their labels: an item may answer several)."""

    def keeping(self, rows: Sequence[int]) -> Memory:
        """Only these remembered questions (in this order), with their labels."""
        new = {int(old): i for i, old in enumerate(rows)}
        answers = {key: [new[int(r)] for r in found if int(r) in new] for key, found in self.answers.items()}
        return Memory(
            self.model_id,
            self.vectors[list(new)],
            self.wrong[list(new)],
            {key: np.array(found, dtype=np.intp) for key, found in answers.items() if found},
        )

    def similarities(self, vector: npt.NDArray[np.float32], *, skip_same: bool = False) -> npt.NDArray[np.float32]:
        """The cosine of the query to every remembered question; with `skip_same` its own copy counts -1."""
        sims: npt.NDArray[np.float32] = self.vectors @ np.asarray(vector, dtype=np.float32)
        return np.where(sims >= SAME, np.float32(-1.0), sims) if skip_same else sims

    def near(self, sims: npt.NDArray[np.float32]) -> tuple[float, float]:
        """The mean cosine of the `NEAREST` remembered questions the engine got wrong, and of those it got
        right (0.0 for a kind it remembers none of); `sims` from `similarities`."""
        kept = sims > -1.0
        return _top_mean(sims[self.wrong & kept]), _top_mean(sims[~self.wrong & kept])

    def asked_before(self, sims: npt.NDArray[np.float32], keys: Sequence[ItemKey]) -> npt.NDArray[np.float64]:
        """Per item, the cosine of the closest remembered question it answers (0.0: none)."""
        out = np.zeros(len(keys))
        for i, key in enumerate(keys):
            rows = self.answers.get(key)
            if rows is not None and len(rows):
                out[i] = float(sims[rows].max())
        return out


def _top_mean(sims: npt.NDArray[np.float32]) -> float:
    if not len(sims):
        return 0.0
    k = min(NEAREST, len(sims))
    return float(np.partition(sims, len(sims) - k)[-k:].mean())


def remember(
    model_id: str,
    vectors: list[npt.NDArray[np.float32]],
    wrong: list[bool],
    items: Sequence[Sequence[ItemKey]] = (),
) -> Memory:
    """`items`: per question, the items that answer it (its label; none for an unanswerable one)."""
    stacked = np.array(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(stacked, axis=1, keepdims=True)
    return Memory(model_id, stacked / np.maximum(norms, 1e-12), np.array(wrong, dtype=bool), _answers(items))


def _answers(items: Sequence[Sequence[ItemKey]]) -> dict[ItemKey, npt.NDArray[np.intp]]:
    rows: dict[ItemKey, list[int]] = {}
    for row, keys in enumerate(items):
        for key in keys:
            rows.setdefault(key, []).append(row)
    return {key: np.array(found, dtype=np.intp) for key, found in rows.items()}


def write_memory(memory: Memory, path: Path = MEMORY_FILE) -> None:
    """Vectors as float16 (1.3 MB for the six training sets)."""
    pairs = sorted((int(row), key) for key, rows in memory.answers.items() for row in rows)
    labels = {
        "item_rows": np.array([row for row, _ in pairs], dtype=np.int32),
        "item_documents": np.array([key.document for _, key in pairs], dtype="U64"),
        "item_numbers": np.array([key.number for _, key in pairs], dtype=np.int32),
    }
    arrays = {"model_id": np.array(memory.model_id), "vectors": memory.vectors.astype(np.float16)}
    write_arrays(path, {**arrays, "wrong": memory.wrong, **labels})
    load_memory.cache_clear()


def read_memory(path: Path = MEMORY_FILE) -> Memory | None:
    """None when the file is missing or not a memory (the decline model then sees no neighbours)."""
    found = read_arrays(path, ("model_id", "vectors", "wrong", "item_rows", "item_documents", "item_numbers"))
    if found is None:
        return None
    vectors, wrong, rows = found["vectors"], found["wrong"], found["item_rows"]
    if vectors.ndim != 2 or wrong.shape != (len(vectors),) or rows.shape != found["item_numbers"].shape:
        return None
    if rows.shape != found["item_documents"].shape or (
        len(rows) and not 0 <= int(rows.min()) <= int(rows.max()) < len(vectors)
    ):
        return None
    items: list[list[ItemKey]] = [[] for _ in range(len(vectors))]
    for row, document, number in zip(rows, found["item_documents"], found["item_numbers"], strict=True):
        items[int(row)].append(ItemKey(str(document), int(number)))
    return Memory(str(found["model_id"]), vectors.astype(np.float32), wrong.astype(bool), _answers(items))


@functools.lru_cache(maxsize=2)
def load_memory(model_id: str, path: Path = MEMORY_FILE) -> Memory | None:
    """The stored memory when it was made by this sentence model, read once per process."""
    memory = read_memory(path)
    return memory if memory is not None and memory.model_id == model_id else None
