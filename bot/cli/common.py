"""What every subcommand shares: the global options, loading the corpus, and Dutch failures."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot import messages
from bot.corpus import Corpus, load_corpus
from bot.settings import Settings, load_settings


class CliProblem(Exception):
    """Bad input or configuration: the message is printed on stderr and the exit code is 2."""


def global_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, before or after its name."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--corpus", type=Path, default=argparse.SUPPRESS, help=messages.HELP_CORPUS)
    p.add_argument("--document", default=argparse.SUPPRESS, help=messages.HELP_DOCUMENT)
    return p


def settings_for(args: argparse.Namespace) -> Settings:
    return load_settings()


def corpus_for(args: argparse.Namespace, settings: Settings | None = None) -> Corpus:
    settings = settings or settings_for(args)
    path = getattr(args, "corpus", None) or settings.corpus
    return load_corpus(path).with_default(settings.default_document)


def print_json(obj: Any) -> None:
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if not line.isascii():
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\ud800" in a batch line) has no UTF-8: keep it escaped
            line = json.dumps(obj, separators=(",", ":"))
    sys.stdout.write(line + "\n")
