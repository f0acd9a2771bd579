"""Curation as data: `kamervraag curate add ID:N "…"` appends to `phrasings/<document>.tsv`, and the
engine then answers a question it declined with that item."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.corpus.loader import default_corpus_path
from bot.search import Engine
from bot.search.cache import IndexCache, corpus_digest
from tests.cli_support import run_cli

DOCUMENT = "kst-27925-748"
DECLINED = "Hoeveel GI's blijven er nog in Mesopotamië?"
"""Nothing in the corpus says "GI's" or "Mesopotamië": item 1 asks how many troops the US withdraws from Iraq."""
PHRASING = "hoeveel GI's blijven in Mesopotamië"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(default_corpus_path() / f"{DOCUMENT}.json", folder)
    return folder


def ask(corpus_dir: Path, query: str) -> dict[str, object]:
    result = run_cli("--corpus", str(corpus_dir), "ask", query, "--json", env={"KAMERVRAAG_DATABASE_URL": "off"})
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def test_a_curated_phrasing_turns_a_declined_question_into_the_right_answer(corpus_dir: Path) -> None:
    assert ask(corpus_dir, DECLINED)["answered"] is False

    added = run_cli("--corpus", str(corpus_dir), "curate", "add", f"{DOCUMENT}:1", PHRASING)
    assert added.returncode == 0, added.stderr
    tsv = corpus_dir / "phrasings" / f"{DOCUMENT}.tsv"
    assert tsv.read_text(encoding="utf-8") == f"1\t{PHRASING}\n"
    assert str(tsv) in added.stdout

    assert "kamervraag embed" not in added.stdout  # no vectors beside this corpus: nothing to embed

    after = ask(corpus_dir, DECLINED)
    assert after["answered"] is True
    assert after["results"][0]["number"] == 1  # type: ignore[index]


def test_the_same_phrasing_twice_is_written_once_and_a_bare_number_means_the_default_document(
    corpus_dir: Path,
) -> None:
    for _ in range(2):
        assert run_cli("--corpus", str(corpus_dir), "curate", "add", "53", "  IS-bommen  en\tdreiging ").returncode == 0
    assert (corpus_dir / "phrasings" / f"{DOCUMENT}.tsv").read_text(encoding="utf-8") == "53\tIS-bommen en dreiging\n"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["999", "iets"], "999"),
        (["1", "   "], "formulering"),
        (["kst-0-0:1", "iets"], "kst-0-0"),
    ],
)
def test_a_bad_item_or_empty_phrasing_is_one_dutch_line_and_nothing_written(
    corpus_dir: Path, args: list[str], says: str
) -> None:
    result = run_cli("--corpus", str(corpus_dir), "curate", "add", *args)
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert not (corpus_dir / "phrasings").exists()


def test_a_broken_phrasings_file_is_a_corpus_error_naming_file_and_line(corpus_dir: Path) -> None:
    (corpus_dir / "phrasings").mkdir()
    (corpus_dir / "phrasings" / f"{DOCUMENT}.tsv").write_text("# curated\n1\tgoed\n\n500\tbestaat niet\n")
    result = run_cli("--corpus", str(corpus_dir), "show", "1")
    assert result.returncode == 2
    assert "regel 4" in result.stderr and "500" in result.stderr


def test_phrasings_are_searched_and_change_the_index_cache_key(corpus_dir: Path) -> None:
    before = load_corpus(corpus_dir)
    (corpus_dir / "phrasings").mkdir()
    (corpus_dir / "phrasings" / f"{DOCUMENT}.tsv").write_text(f"1\t{PHRASING}\n", encoding="utf-8")
    after = load_corpus(corpus_dir)
    assert corpus_digest(before) != corpus_digest(after)
    assert not Engine(before).ask(DECLINED).answered
    outcome = Engine(after).ask(DECLINED)
    assert outcome.answered and outcome.best is not None and outcome.best.key.number == 1


def _labelled_queries() -> list[str]:
    here = Path(__file__).resolve().parents[1] / "queries"
    lines = [line for name in ("own.jsonl", "holdout.jsonl") for line in (here / name).read_text().splitlines()]
    rows = [json.loads(line) for line in lines if line.strip()]
    return [str(r["query"]) for r in rows]


def test_a_specific_phrasing_changes_no_other_answer(corpus_dir: Path, tmp_path: Path) -> None:
    """A phrasing is matched as a question of its own (never diluting its item's printed question), so
    every labelled query keeps its answer and its decline; and it survives the index cache."""
    before = Engine(load_corpus(corpus_dir))
    (corpus_dir / "phrasings").mkdir()
    (corpus_dir / "phrasings" / f"{DOCUMENT}.tsv").write_text(f"1\t{PHRASING}\n", encoding="utf-8")
    curated = load_corpus(corpus_dir)
    cache = IndexCache(tmp_path / "cache")
    Engine(curated, cache=cache)
    after = Engine(curated, cache=IndexCache(tmp_path / "cache"))  # read back from the cache file
    for query in _labelled_queries():
        old, new = before.ask(query), after.ask(query)
        assert old.best is not None and new.best is not None
        assert (new.answered, new.best.key) == (old.answered, old.best.key), query
    assert after.ask(DECLINED).answered


def test_with_vectors_beside_the_corpus_curate_reminds_to_embed(corpus_dir: Path) -> None:
    (corpus_dir / "vectors").mkdir()
    added = run_cli("--corpus", str(corpus_dir), "curate", "add", "1", PHRASING)
    assert added.returncode == 0 and "kamervraag embed" in added.stdout
