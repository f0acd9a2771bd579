"""The blended decline model: its boosted trees learn what one logistic layer cannot, survive being stored,
and run (averaged with the logistic weights) once fitted, with both signals only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.search import calibrate as cal
from bot.search import confidence as conf
from bot.search.trees import fit_forest, read_forest

NAMES = ("bias", "a", "b")


def _pairs(n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Answerable only when both features are high: an AND no single weight per feature can draw."""
    rng = np.random.default_rng(1)
    ab = rng.random((n, 2))
    x = np.column_stack([np.ones(n), ab])
    y = ((ab[:, 0] > 0.5) & (ab[:, 1] > 0.5)).astype(float)
    return x, y


def test_trees_learn_a_pair_of_features_that_only_counts_together() -> None:
    x, y = _pairs()
    forest = fit_forest(x, y, NAMES, rounds=100, rate=0.3)
    predicted = forest.margin(x) > 0
    assert (predicted == (y > 0)).mean() > 0.95
    assert set(forest.feature.tolist()) <= {1, 2}, "the constant bias is never split on"
    both_high, one_high = forest.margin(np.array([[1.0, 0.9, 0.9], [1.0, 0.9, 0.1]]))
    assert both_high > 0 > one_high


def test_a_stored_forest_scores_exactly_as_the_fitted_one(tmp_path: Path) -> None:
    x, y = _pairs()
    forest = fit_forest(x, y, NAMES, weights=np.where(y > 0, 0.7, 1.0), rounds=30)
    path = tmp_path / "trees.json"
    path.write_text(forest.to_json(), encoding="utf-8")
    again = read_forest(path)
    assert again is not None and again.names == NAMES
    np.testing.assert_allclose(again.margin(x), forest.margin(x), atol=1e-5)
    assert read_forest(tmp_path / "absent.json") is None


def test_fitting_is_deterministic() -> None:
    x, y = _pairs()
    assert fit_forest(x, y, NAMES, rounds=20).to_json() == fit_forest(x, y, NAMES, rounds=20).to_json()


def test_the_engine_blends_the_trees_with_both_signals_and_runs_the_weights_with_words_alone(tmp_path: Path) -> None:
    x = np.zeros((40, len(conf.FEATURES)))
    x[:, 0] = 1.0
    x[:20, conf.FEATURES.index("dense")] = 2.0
    y = (x[:, conf.FEATURES.index("dense")] > 1).astype(float)
    path = tmp_path / "confidence_trees.json"
    forest = fit_forest(x, y, conf.FEATURES, rounds=50, rate=0.5)
    path.write_text(forest.to_json(), encoding="utf-8")
    blend = conf.model(True, path)
    assert isinstance(blend, conf.Blend)
    assert not isinstance(conf.model(False, path), conf.Blend)
    assert not isinstance(conf.model(True, tmp_path / "none.json"), conf.Blend)
    close, far = x[:1], x[-1:]
    for row in (close, far):  # the logit is the mean of the weights' and the trees' logits
        half = float(row[0] @ blend.weights) / 2 + float(forest.margin(row)[0]) / 2
        assert conf.logit(row[0], blend) == pytest.approx(half)
    assert conf.confidence(close, blend, semantic=True) > conf.confidence(far, blend, semantic=True)


def test_trees_fitted_on_other_features_are_refused(tmp_path: Path) -> None:
    x, y = _pairs()
    path = tmp_path / "confidence_trees.json"
    path.write_text(fit_forest(x, y, NAMES, rounds=5).to_json(), encoding="utf-8")
    with pytest.raises(ValueError, match="refit"):
        conf.model(True, path)


def test_the_model_fitted_last_is_the_one_that_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    weights = tmp_path / "confidence.toml"
    weights.write_text(conf.WEIGHTS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    trees = tmp_path / "confidence_trees.json"
    monkeypatch.setattr(conf, "WEIGHTS_FILE", weights)
    monkeypatch.setattr(conf, "TREES_FILE", trees)
    x, y = _pairs()
    w = np.zeros(len(conf.FEATURES))
    w[0] = 1.5
    cal.write_model(True, conf.Blend(w, fit_forest(x, y, NAMES, rounds=5)))
    assert trees.is_file()
    assert "[semantic]\nbias = 1.5000\n" in weights.read_text(encoding="utf-8")
    w[0] = -2.0
    cal.write_model(True, w)
    assert not trees.is_file()
    assert "[semantic]\nbias = -2.0000\n" in weights.read_text(encoding="utf-8")
