"""How often an answer at each certainty level is the expected item, on labelled queries.

    python -m bench.certainty                  # tests/queries/{own,holdout}.jsonl and the shared dev and train sets
    python -m bench.certainty FILE.jsonl … [--thresholds 0.5,0.7,0.8]

One row per threshold: the answers whose `score` reaches it, how many are the expected item, and how
many answer a question the corpus cannot answer, with the engine the bot runs (the sentence model when
on; `KAMERVRAAG_EMBEDDINGS=off`: words alone). Retune `bot.certainty.SURE_SCORE` with it when the
engine's scores change.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from pathlib import Path

from bench.run import SHARED_EVAL
from bot.certainty import SURE_SCORE
from bot.corpus.loader import load_corpus
from bot.search import Engine
from bot.search.from_settings import engine_from_settings
from bot.search.metrics import Labelled, is_right, read_labelled
from bot.settings import DEFAULT_MIN_SCORE, Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = (
    ROOT / "tests" / "queries" / "own.jsonl",
    ROOT / "tests" / "queries" / "holdout.jsonl",
    SHARED_EVAL / "dev.jsonl",
    SHARED_EVAL / "train.jsonl",
)


def answers(engine: Engine, labels: Iterable[Labelled]) -> list[tuple[float, bool, bool]]:
    """(score, is it an expected item, is the query answerable) per free-text answer; declines and answers
    by reference ("vraag 53") are left out, they carry no certainty of matching."""
    rows = []
    for label in labels:
        outcome = engine.ask(label.query)
        best = outcome.best
        if outcome.answered and best is not None and not outcome.by_reference:
            rows.append((best.score, is_right(label, best.key), bool(label.expected)))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.certainty")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--thresholds", default=f"{DEFAULT_MIN_SCORE},0.5,0.6,0.7,0.75,{SURE_SCORE},0.85,0.9")
    args = parser.parse_args(argv)
    files = args.files or [p for p in DEFAULT_SETS if p.exists()]
    engine = engine_from_settings(load_corpus(None), Settings())
    rows = [row for path in files for row in answers(engine, read_labelled(path))]
    print(f"{len(rows)} answers to free text from {', '.join(p.name for p in files)}")
    print("| score ≥ | answers | expected item | precision | to an unanswerable question |")
    print("|---|---|---|---|---|")
    for threshold in sorted(float(t) for t in args.thresholds.split(",")):
        above = [r for r in rows if r[0] >= threshold]
        right = sum(1 for r in above if r[1])
        wrong_kind = sum(1 for r in above if not r[2])
        share = right / len(above) if above else 0.0
        marker = " (SURE_SCORE)" if threshold == SURE_SCORE else ""
        print(f"| {threshold:g}{marker} | {len(above)} | {right} | {share:.1%} | {wrong_kind} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
