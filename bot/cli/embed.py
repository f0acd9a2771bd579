"""`kamervraag embed [--corpus PATH]`: compute the passage vectors a corpus folder is still missing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot import messages
from bot.cli.common import CliProblem, corpus_for, settings_for
from bot.corpus import Corpus, CorpusError
from bot.corpus.loader import default_corpus_path
from bot.corpus.phrasings import PhrasingError


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("embed", parents=parents, help=messages.HELP_EMBED)
    p.set_defaults(run=run_embed)


class ProgressBar:
    """One line on stderr, redrawn in place at a terminal; elsewhere only the start and the end."""

    WIDTH = 30

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if total == 0:
            return
        filled = self.WIDTH * done // total
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {messages.embed_progress(done, total)}"
        if self.live:
            print("\r" + line, end="\n" if done == total else "", file=sys.stderr, flush=True)
        elif done in (0, total):
            print(line, file=sys.stderr, flush=True)


def embed_corpus(source: Path, corpus: Corpus, backend: str) -> int:
    """Embed what `source`'s corpus misses with `backend`; shared by `embed` and `ingest`."""
    from bot.search.embeddings import EmbeddingsUnavailable, load_embedder
    from bot.search.vectors import embed_missing

    try:
        embedder = load_embedder(backend)
    except EmbeddingsUnavailable as exc:
        raise CliProblem(messages.embeddings_unavailable(backend, str(exc))) from None
    try:
        return embed_missing(source, corpus, embedder, ProgressBar())
    except OSError as exc:
        raise CliProblem(messages.file_unwritable(str(source), messages.os_problem(exc))) from None


def run_embed(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    source = getattr(args, "corpus", None) or settings.corpus or default_corpus_path()
    corpus = corpus_for(args, settings)
    if settings.embeddings.strip().lower() == "off":
        raise CliProblem(messages.embed_switched_off())
    count = embed_corpus(source, corpus, settings.embeddings)
    folder = source if source.is_dir() else source.parent
    print(messages.embed_done(count, str(folder / "vectors")))
    return 0


def embed_written(output: Path) -> None:
    """After `ingest -o OUT`: the vectors of the document just written (folder of OUT), when the model runs."""
    from bot.corpus.loader import load_document
    from bot.corpus.phrasings import load_phrasings, phrasings_dir

    settings = settings_for(argparse.Namespace())
    if settings.embeddings.strip().lower() == "off":
        return
    try:
        doc = load_document(output)
        numbers = {doc.document.id: frozenset(q.number for q in doc.questions)}
        phrasings = load_phrasings(phrasings_dir(output), numbers)  # so their vectors stay in the file
        embed_corpus(output, Corpus([doc], source=output, phrasings=phrasings), settings.embeddings)
    except (CliProblem, CorpusError, PhrasingError) as exc:
        print(str(exc), file=sys.stderr)
