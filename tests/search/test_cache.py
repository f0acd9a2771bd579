"""The on-disk index cache: reused while nothing changed, rebuilt when anything did, never a failure."""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
import Stemmer

import bot
from bot import messages
from bot.cli import main
from bot.corpus import Corpus, load_corpus
from bot.corpus.loader import default_corpus_path
from bot.search import Engine
from bot.search import cache as cache_module
from bot.search.cache import IndexCache, cache_dir
from bot.search.lexicon import Lexicon, lexicon_path, load_lexicon

QUERIES = [
    "Hoeveel troepen trekt de VS terug uit Irak?",
    "aanslagen in nederland dreigingsniveau",
    "how many dutch soldiers are in jordan",
    "wie heeft er koffie?",
    "troepenreductie amerikanen",
]


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    """A private copy of the real corpus file, free to edit."""
    source = next(default_corpus_path().glob("*.json"))
    target = tmp_path / "corpus" / source.name
    target.parent.mkdir()
    shutil.copy(source, target)
    return target


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "kamervraag"


def _engine(corpus: Corpus, store: Path, lexicon: Lexicon | None = None) -> tuple[Engine, IndexCache]:
    cache = IndexCache(store)
    return Engine(corpus, cache=cache, lexicon=lexicon), cache


def _answers(engine: Engine) -> list[object]:
    out: list[object] = []
    for q in QUERIES:
        o = engine.ask(q)
        out.append((o.answered, [(h.key, h.score) for h in o.hits], [h.key for h in o.also]))
        if o.hits:
            out.append(engine.related(o.hits[0].key))
    return out


def _no_build(*args: object) -> None:
    raise AssertionError("the index was built although the cache holds it")


def test_second_start_reads_the_cache_instead_of_building(
    corpus_file: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = load_corpus(corpus_file)
    first, cache = _engine(corpus, store)
    assert cache.origin == "built" and len(list(store.glob("index-*.npz"))) == 1
    monkeypatch.setattr(cache_module, "build_index", _no_build)
    second, cache = _engine(load_corpus(corpus_file), store)
    assert cache.origin == "cache"
    assert _answers(second) == _answers(first)


def test_results_are_identical_with_and_without_the_cache(corpus_file: Path, store: Path) -> None:
    corpus = load_corpus(corpus_file)
    plain = Engine(corpus)
    _engine(corpus, store)
    cached, cache = _engine(corpus, store)
    assert cache.origin == "cache"
    assert _answers(cached) == _answers(plain)
    for f in fields(plain.index):
        a, b = getattr(plain.index, f.name), getattr(cached.index, f.name)
        if hasattr(a, "indptr"):
            assert all(np.array_equal(getattr(a, p), getattr(b, p)) for p in ("data", "indices", "indptr"))
        else:
            assert np.array_equal(a, b) and a.dtype == b.dtype, f.name


def test_a_changed_corpus_file_is_indexed_again(corpus_file: Path, store: Path) -> None:
    _engine(load_corpus(corpus_file), store)
    data = json.loads(corpus_file.read_text(encoding="utf-8"))
    data["questions"][0]["answer"] += " Het kabinet volgt de ontwikkelingen rond de zeppelinvloot nauwgezet."
    corpus_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    engine, cache = _engine(load_corpus(corpus_file), store)
    assert cache.origin == "built"
    assert engine.ask("zeppelinvloot").hits[0].key.number == data["questions"][0]["number"]
    assert len(list(store.glob("index-*.npz"))) == 2


def test_a_changed_lexicon_is_indexed_again(corpus_file: Path, store: Path, tmp_path: Path) -> None:
    corpus = load_corpus(corpus_file)
    lexicon_dir = tmp_path / "lexicon"
    shutil.copytree(lexicon_path(), lexicon_dir)
    _engine(corpus, store, load_lexicon(lexicon_dir))
    _, cache = _engine(corpus, store, load_lexicon(lexicon_dir))
    assert cache.origin == "cache"
    with (lexicon_dir / "stopwords.txt").open("a", encoding="utf-8") as fh:
        fh.write("\ntroepen\n")
    load_lexicon.cache_clear()  # a new process would read the files afresh
    _, cache = _engine(corpus, store, load_lexicon(lexicon_dir))
    assert cache.origin == "built"


@pytest.mark.parametrize("change", ["bot version", "stemmer version", "code"])
def test_a_new_version_is_indexed_again(
    change: str, corpus_file: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = load_corpus(corpus_file)
    _engine(corpus, store)
    if change == "bot version":
        monkeypatch.setattr(bot, "__version__", bot.__version__ + ".post1")
    elif change == "stemmer version":
        monkeypatch.setattr(Stemmer, "version", lambda: "99.0.0")
    else:
        monkeypatch.setattr(cache_module, "CODE_FILES", (*cache_module.CODE_FILES, "cli/*.py"))
    _, cache = _engine(corpus, store)
    assert cache.origin == "built"


def test_an_unwritable_cache_warns_once_and_answers_all_the_same(
    corpus_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    corpus = load_corpus(corpus_file)
    engine, cache = _engine(corpus, blocker / "kamervraag")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Let op: kan de indexcache in ") and "zonder cache" in err
    assert cache.origin == "built"
    assert _answers(engine) == _answers(Engine(corpus))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_corrupt_cache_file_is_rebuilt(
    damage: str, corpus_file: Path, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = load_corpus(corpus_file)
    plain = Engine(corpus)
    _engine(corpus, store)
    [path] = store.glob("index-*.npz")
    raw = path.read_bytes()
    path.write_bytes(
        {"garbage": b"not a zip file at all" * 100, "truncated": raw[: len(raw) // 2], "empty": b""}[damage]
    )
    engine, cache = _engine(corpus, store)
    err = capsys.readouterr().err
    assert cache.origin == "built" and err.count("\n") == 1 and "is onleesbaar (beschadigd);" in err
    assert _answers(engine) == _answers(plain)
    _, cache = _engine(corpus, store)
    assert cache.origin == "cache" and capsys.readouterr().err == ""


def test_the_cache_lives_under_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "kamervraag"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "kamervraag"


def test_kamervraag_ask_writes_and_reuses_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    question = "Hoeveel troepen trekt de VS terug uit Irak?"
    monkeypatch.setenv("KAMERVRAAG_INDEX_CACHE", "0")
    assert main(["ask", question, "--json"]) == 0
    uncached = capsys.readouterr().out
    assert not (tmp_path / "kamervraag").exists()
    monkeypatch.setenv("KAMERVRAAG_INDEX_CACHE", "1")
    assert main(["ask", question, "--json"]) == 0
    assert len(list((tmp_path / "kamervraag").glob("index-*.npz"))) == 1
    monkeypatch.setattr(cache_module, "build_index", _no_build)
    assert main(["ask", question, "--json"]) == 0
    assert main(["show", "53"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith(uncached) and out.err == "" and messages.DECLINE not in out.out


def test_only_the_most_recently_used_indexes_are_kept(corpus_file: Path, store: Path) -> None:
    data = json.loads(corpus_file.read_text(encoding="utf-8"))
    lexicon = load_lexicon()
    corpora: list[Corpus] = []
    paths: list[Path] = []
    for version in range(6):
        if version == 5:
            _, cache = _engine(corpora[1], store)  # an old index, used again: kept
            assert cache.origin == "cache"
        data["questions"][0]["answer"] += f" Versie {version}."
        corpus_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        corpora.append(load_corpus(corpus_file))
        _, cache = _engine(corpora[-1], store)
        assert cache.origin == "built"
        paths.append(cache.path(corpora[-1], lexicon))
        past = time.time() - 100 + version
        os.utime(paths[-1], (past, past))
    assert set(store.glob("index-*.npz")) == {paths[5], paths[1], paths[4], paths[3]}
