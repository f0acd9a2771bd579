"""Fit the confidence model on labelled queries and report quality in-process (a developer tool).

    python -m bot.search.calibrate [--fit] [--min-score X] QUERIES.jsonl [MORE.jsonl …]

`--fit` refits `confidence.toml` on the first file (the shared training set); the others are only
scored. Labels: {"query", "expected": [numbers]}; an empty `expected` means the corpus has no answer.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.corpus import load_corpus
from bot.search import confidence as conf
from bot.search.cues import query_cues
from bot.search.engine import Engine
from bot.search.ranking import score, shortlist
from bot.search.text import words
from bot.settings import DEFAULT_MIN_SCORE


@dataclass
class Row:
    query: str
    expected: set[int]
    ranked: list[int]
    features: npt.NDArray[np.float64]
    elsewhere: bool = False


def load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def collect(engine: Engine, labelled: list[dict[str, object]]) -> list[Row]:
    rows = []
    for item in labelled:
        query = str(item["query"])
        concepts = engine.analyzer.analyse(query)
        scores = score(engine.index, concepts, query_cues(words(query, engine.lexicon.acronyms)))
        top = shortlist(scores.total, 5)
        feats = conf.features(concepts, scores, top)[0] if scores.total[top[0]] > 0 else np.zeros(len(conf.FEATURES))
        ranked = [int(engine.index.numbers[r]) for r in top]
        elsewhere = conf.elsewhere(concepts, scores, int(top[0]))
        rows.append(Row(query, set(item["expected"]), ranked, feats, elsewhere))  # type: ignore[call-overload]
    return rows


def fit(rows: list[Row], l2: float = 1.0, answerable: bool = False) -> npt.NDArray[np.float64]:
    """Logistic regression (Newton steps) of "the best item is right" (or "there is an answer")."""
    x = np.array([r.features for r in rows])
    if answerable:
        y = np.array([1.0 if r.expected else 0.0 for r in rows])
    else:
        y = np.array([1.0 if r.ranked and r.ranked[0] in r.expected else 0.0 for r in rows])
    w = np.zeros(x.shape[1])
    reg = np.eye(x.shape[1]) * l2
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg @ w
        hess = (x.T * (p * (1 - p))) @ x + reg + np.eye(x.shape[1]) * 1e-6
        w -= np.linalg.solve(hess, grad)
    return w


def decide(rows: list[Row], w: npt.NDArray[np.float64], min_score: float) -> list[bool]:
    """Whether the bot would answer each query with weights `w`."""
    return [
        conf.confidence(r.features[None, :], w, elsewhere=r.elsewhere) >= min_score and r.features[0] > 0 for r in rows
    ]


def report(name: str, rows: list[Row], answered: list[bool]) -> None:
    pos = [(r, a) for r, a in zip(rows, answered, strict=True) if r.expected]
    neg = [a for r, a in zip(rows, answered, strict=True) if not r.expected]
    top1 = sum(1 for r, a in pos if r.ranked[0] in r.expected and a)
    raw1 = sum(1 for r, _ in pos if r.ranked[0] in r.expected)
    top3 = sum(1 for r, _ in pos if set(r.ranked[:3]) & r.expected)
    false_declines = sum(1 for _, a in pos if not a)
    declined = sum(1 for a in neg if not a)
    print(
        f"{name}: answerable {len(pos)} top1 {top1 / len(pos):.1%} (ranking {raw1 / len(pos):.1%}) "
        f"top3 {top3 / len(pos):.1%} declined {false_declines / len(pos):.1%} | "
        f"unanswerable {len(neg)} declined {declined / max(len(neg), 1):.1%}"
    )


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--answerable", action="store_true", help="fit 'has an answer' instead of 'best is right'")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument(
        "--cv", type=int, default=0, metavar="K", help="also report K-fold cross-validation on the first file"
    )
    args = ap.parse_args()
    engine = Engine(load_corpus())
    sets = {f.name: collect(engine, load(f)) for f in args.files}
    w = conf.weights()
    if args.fit:
        w = fit(next(iter(sets.values())), l2=args.l2, answerable=args.answerable)
        body = "\n".join(f"{name} = {value:.4f}" for name, value in zip(conf.FEATURES, w, strict=True))
        conf.WEIGHTS_FILE.write_text(
            "# Logistic weights of bot/search/confidence.py; refit with `python -m bot.search.calibrate --fit`.\n"
            f"[weights]\n{body}\n",
            encoding="utf-8",
        )
        print("weights", dict(zip(conf.FEATURES, np.round(w, 3), strict=True)))
    if args.cv:
        first, rows = next(iter(sets.items()))
        answered = cross_validated(rows, args.cv, args.min_score, l2=args.l2, answerable=args.answerable)
        report(f"{first} ({args.cv}-fold CV, refit per fold)", rows, answered)
    for name, rows in sets.items():
        report(name, rows, decide(rows, w, args.min_score))
        if args.misses:
            for r in rows:
                c = conf.confidence(r.features[None, :], w, elsewhere=r.elsewhere) if r.features[0] > 0 else 0.0
                ok = (r.ranked[0] in r.expected) if r.expected else False
                if not ok:
                    print(f"   {sorted(r.expected)} got {r.ranked[:3]} conf {c:.2f}  {r.query}")


if __name__ == "__main__":
    main()
