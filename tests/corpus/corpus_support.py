"""Paths of the real source and a `python -m bot` runner, shared by the corpus tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / "sources" / "kst-27925-748.txt"
META = ROOT / "corpus" / "sources" / "kst-27925-748.meta.json"
CORPUS_FILE = ROOT / "corpus" / "kst-27925-748.json"

Cli = Callable[..., tuple[int, str, str]]
"""The `cli` fixture: `kamervraag …` in-process → (exit code, stdout, stderr)."""


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m bot …` as a user runs it: exit code, stdout and stderr.

    Outside the repository and without KAMERVRAAG_*/SLACK_* variables, so neither a developer's
    environment nor a `.env` in the working directory leaks in.
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith(("KAMERVRAAG_", "SLACK_"))}
    with tempfile.TemporaryDirectory() as elsewhere:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            capture_output=True,
            text=True,
            cwd=cwd or elsewhere,
            env={**base, **(env or {})},
            timeout=60,
        )


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def corpus_data() -> dict[str, Any]:
    """A fresh, editable copy of the committed corpus document."""
    data: dict[str, Any] = json.loads(CORPUS_FILE.read_text(encoding="utf-8"))
    return data
