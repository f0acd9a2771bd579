"""Shared fixtures for the corpus tests: the real source and its ingest (once per session)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.corpus import CorpusDocument, Document, Item
from bot.corpus.ingest import ingest_text, parse_meta
from tests.corpus.corpus_support import META, SOURCE, Cli


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def meta() -> Document:
    return parse_meta(META.read_bytes())


@pytest.fixture(scope="session")
def ingested(source_text: str, meta: Document) -> CorpusDocument:
    return ingest_text(source_text, meta)


@pytest.fixture(scope="session")
def items(ingested: CorpusDocument) -> dict[int, Item]:
    return {item.number: item for item in ingested.questions}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`kamervraag …` in-process (fast): exit code, stdout, stderr; no .env or KAMERVRAAG_* leaks in."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("KAMERVRAAG_")]:
        monkeypatch.delenv(name)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
