"""`kamervraag ingest SOURCE [--meta META] [-o OUT] [--allow-partial]`: a corpus document from an official source.

SOURCE is an official PDF (it carries its own metadata; META overrides fields) or a text extract with META.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from bot import messages
from bot.cli.common import CliProblem
from bot.cli.embed import embed_written
from bot.corpus.ingest import IngestError, corpus_json, ingest_text, parse_meta
from bot.corpus.ingest.pdf import ingest_pdf, is_pdf
from bot.corpus.models import CorpusDocument


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ingest", parents=parents, help=messages.HELP_INGEST)
    p.add_argument("source", type=Path, metavar="BRON", help=messages.HELP_INGEST_SOURCE)
    p.add_argument("--meta", type=Path, help=messages.HELP_INGEST_META)
    p.add_argument("-o", "--output", type=Path, metavar="UITVOER", help=messages.HELP_INGEST_OUTPUT)
    p.add_argument("--allow-partial", action="store_true", help=messages.HELP_INGEST_ALLOW_PARTIAL)
    p.set_defaults(run=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    raw = _read(args.source)
    document = _from_pdf(args, raw) if is_pdf(raw) else _from_text(args, raw)
    if args.output is None:
        sys.stdout.write(corpus_json(document))
    else:  # a folder (`-o corpus/`) gets the file named after the document: corpus/<id>.json
        target = args.output / f"{document.document.id}.json" if args.output.is_dir() else args.output
        _write(target, corpus_json(document))
        embed_written(target)
    return 0


def _from_pdf(args: argparse.Namespace, raw: bytes) -> CorpusDocument:
    meta = _read(args.meta) if args.meta is not None else None
    try:
        document, warnings = ingest_pdf(raw, meta, allow_partial=args.allow_partial)
    except IngestError as exc:
        raise CliProblem(messages.ingest_error(str(args.source), str(exc))) from None
    for warning in warnings:
        print(warning, file=sys.stderr)
    return document


def _from_text(args: argparse.Namespace, raw: bytes) -> CorpusDocument:
    if args.meta is None:
        raise CliProblem(messages.ingest_error(str(args.source), messages.ingest_meta_needed_for_text()))
    raw_meta = _read(args.meta)
    try:
        meta = parse_meta(raw_meta)
    except IngestError as exc:
        raise CliProblem(messages.ingest_bad_meta(str(args.meta), str(exc))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1  # where, not the codec's English
        raise CliProblem(messages.ingest_error(str(args.source), messages.ingest_not_utf8(line))) from None
    try:
        document = ingest_text(text, meta)
    except IngestError as exc:
        raise CliProblem(messages.ingest_error(str(args.source), str(exc))) from None
    return document


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliProblem(messages.file_unreadable(str(path), messages.os_problem(exc))) from None


def _write(path: Path, text: str) -> None:
    """Through a temporary file, so a failed run never leaves half a corpus file behind."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliProblem(messages.file_unwritable(str(path), messages.os_problem(exc))) from None
