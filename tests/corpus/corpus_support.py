"""Paths of the real source and corpus helpers, shared by the corpus tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / "sources" / "kst-27925-748.txt"
META = ROOT / "corpus" / "sources" / "kst-27925-748.meta.json"
CORPUS_FILE = ROOT / "corpus" / "kst-27925-748.json"

Cli = Callable[..., tuple[int, str, str]]
"""The `cli` fixture: `kamervraag …` in-process → (exit code, stdout, stderr)."""


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def corpus_data() -> dict[str, Any]:
    """A fresh, editable copy of the committed corpus document."""
    data: dict[str, Any] = json.loads(CORPUS_FILE.read_text(encoding="utf-8"))
    return data
