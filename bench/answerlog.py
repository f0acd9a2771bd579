"""Benchmark of the answer log (issue 13): what logging costs an answer, and how fast it drains.

    python -m bench.answerlog                                  # SQLite in a temporary folder
    python -m bench.answerlog --url postgresql://u@host/db     # any KAMERVRAAG_DATABASE_URL

- *record µs*: `LogWriter.record` as a Slack listener calls it before posting an answer (a queue put).
- *drain s*: how long the writer's thread takes to write `--entries` entries queued at once.
- *ask write ms*: `kamervraag ask`'s own write after printing the answer (SQLite: the stdlib fast path).
- *report s*: `kamervraag report --json` over the log then (a child process, as a curator runs it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.answerlog.entries import entry_for
from bot.answerlog.records import new_answer_id
from bot.answerlog.writer import LogWriter
from bot.cli.answer_log import CliLog
from bot.corpus.store import ItemKey
from bot.search.types import Hit, Outcome
from bot.settings import DEFAULT_MIN_SCORE, Settings

OUTCOME = Outcome(
    query="hoeveel troepen blijven er in Irak?", answered=True, hits=(Hit(ItemKey("kst-27925-748", 1), 0.8),)
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="database URL (default: a SQLite file in a temporary folder)")
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'answers.sqlite3'}"
        writer = LogWriter(url, retention_days=90)
        writer.prepare()
        writer.flush()
        put: list[float] = []
        entries = [
            entry_for(OUTCOME, answer_id=new_answer_id(), kind="thread", keep_query=True, min_score=DEFAULT_MIN_SCORE)
            for _ in range(args.entries)
        ]
        for entry in entries:
            start = time.perf_counter()
            writer.record(entry)
            put.append(time.perf_counter() - start)
        start = time.perf_counter()
        writer.flush()
        drain = time.perf_counter() - start
        writer.close()

        settings = Settings(_env_file=None, KAMERVRAAG_DATABASE_URL=url)  # type: ignore[call-arg]
        ask_ms = []
        for _ in range(20):
            start = time.perf_counter()
            log = CliLog(settings)
            log.record(OUTCOME, quick=True)
            log.close()
            ask_ms.append((time.perf_counter() - start) * 1000)

        env = {k: v for k, v in os.environ.items() if not k.startswith("KAMERVRAAG_")}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "report", "--json"], env={**env, "KAMERVRAAG_DATABASE_URL": url},
                       capture_output=True, check=True)  # fmt: skip
        report_s = time.perf_counter() - start

    put.sort()
    p50, p99 = put[len(put) // 2] * 1e6, put[int(len(put) * 0.99)] * 1e6
    print(
        f"entries {args.entries} | record µs p50 {p50:.0f} p99 {p99:.0f} | drain s {drain:.2f}"
        f" | ask write ms p50 {statistics.median(ask_ms):.1f} | report --json s {report_s:.2f}"
    )


if __name__ == "__main__":
    main()
