"""Generated corpora for the benchmark: real sentences of the real corpus, recombined into many lists.

Every generated item's question is one to three real question sentences and its answer one to eight
real answer sentences (in one to three paragraphs), so the words, their frequencies and the text
lengths are those of real lists; only the combinations are new. The files have the contract's
corpus format with only its required fields. Same size and seed, same files, byte for byte.

    python -m bench.generate --size 100000 [--seed 1] [--out DIR]    # prints the folder
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bot.corpus import Corpus, load_corpus
from bot.corpus.loader import corpus_files, default_corpus_path

ITEMS_PER_DOCUMENT = (40, 160)
"""Real lists hold tens to a couple of hundred questions."""
QUESTION_SENTENCES = (1, 1, 1, 2, 2, 3)
ANSWER_SENTENCES = (1, 1, 2, 2, 3, 3, 4, 5, 6, 8)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"'\u2018\u201c(])")
_COMPLETE = re.compile(r"[.?!]$")
_SENTENCE_START = re.compile(r"[A-Z0-9\"'\u2018\u201c(]")
DONE = "COMPLETE"
"""Marker written last: a folder without it is an interrupted run and is made again."""


def bench_home() -> Path:
    """Where generated corpora live: under the user's cache folder, never in the repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kamervraag" / "bench"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def sentence_pools(corpus: Corpus) -> tuple[list[str], list[str]]:
    """Question sentences and answer sentences of the real corpus, in corpus order."""
    questions: list[str] = []
    answers: list[str] = []
    for _, item in corpus:
        questions += sentences(item.question)
        answers += [s for paragraph in item.answer.split("\n\n") for s in sentences(paragraph)]
    # a heading or table row ("3. De Gezondheidsraad adviseert …") has no full stop: glued to the next
    # sentence it would no longer split back into the sentences it came from
    return questions, [s for s in answers if _COMPLETE.search(s) and _SENTENCE_START.match(s)]


def _answer(rng: random.Random, pool: Sequence[str]) -> str:
    chosen = [rng.choice(pool) for _ in range(rng.choice(ANSWER_SENTENCES))]
    paragraphs: list[str] = []
    while chosen:
        take = rng.randint(1, 4)
        paragraphs.append(" ".join(chosen[:take]))
        chosen = chosen[take:]
    return "\n\n".join(paragraphs)


def documents(size: int, seed: int, pools: tuple[list[str], list[str]]) -> list[dict[str, object]]:
    """`size` items over as many documents as it takes, each a dict in the corpus format."""
    rng = random.Random(seed)
    question_pool, answer_pool = pools
    out: list[dict[str, object]] = []
    made = 0
    while made < size:
        count = min(size - made, rng.randint(*ITEMS_PER_DOCUMENT))
        dossier, number = 30000 + len(out) // 7, 100 + len(out)
        items = [
            {
                "number": n,
                "question": " ".join(rng.choice(question_pool) for _ in range(rng.choice(QUESTION_SENTENCES))),
                "answer": _answer(rng, answer_pool),
            }
            for n in range(1, count + 1)
        ]
        doc_id = f"kst-{dossier}-{number}"
        out.append(
            {
                "document": {
                    "id": doc_id,
                    "dossier": f"{dossier // 1000} {dossier % 1000:03d}",
                    "number": str(number),
                    "session_year": f"{2000 + len(out) % 21}\u2013{2001 + len(out) % 21}",
                    "url": f"https://zoek.officielebekendmakingen.nl/{doc_id}.html",
                },
                "questions": items,
            }
        )
        made += count
    return out


def _source_digest(source: Path) -> str:
    digest = hashlib.sha256()
    for f in corpus_files(source):
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def generate(size: int, *, seed: int = 1, source: Path | None = None, out: Path | None = None) -> Path:
    """The folder of a generated corpus of `size` items; made once, then reused while the source is unchanged."""
    source = source if source is not None else default_corpus_path()
    home = out if out is not None else bench_home()
    folder = home / f"corpus-{size}-seed{seed}-{_source_digest(source)}"
    if (folder / DONE).is_file():
        return folder
    home.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=home))
    try:
        for doc in documents(size, seed, sentence_pools(load_corpus(source))):
            doc_id = doc["document"]["id"]  # type: ignore[index]
            text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            (work / f"{doc_id}.json").write_text(text, encoding="utf-8")
        (work / DONE).write_text(f"{size}\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--source", type=Path, default=None, help="the real corpus (default: the packaged one)")
    ap.add_argument("--out", type=Path, default=None, help=f"parent folder (default: {bench_home()})")
    args = ap.parse_args(argv)
    print(generate(args.size, seed=args.seed, source=args.source, out=args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
