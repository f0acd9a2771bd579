"""`python -m bench.load` runs end to end on a few requests: every ack 200, every answer delivered, a
clean stop (no timing asserted: speed is the bench's to report, not the suite's)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_load_bench_runs_and_every_command_is_acked_and_answered() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.load", "--count", "20", "--concurrency", "5", "--deadline", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["acked_200"] == 20 and figures["failed"] == 0 and figures["busy_replies"] == 0
    assert figures["answers_delivered"] == 20
    assert figures["exit_code"] == 0
    assert 0 < figures["ack_p50_ms"] <= figures["ack_p99_ms"] <= figures["ack_max_ms"]
