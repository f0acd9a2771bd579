"""`kamervraag curate add ID:N "phrasing"`: teach the engine a phrasing for an item.

It appends to `phrasings/<document id>.tsv` in the corpus folder (`--corpus`, `KAMERVRAAG_CORPUS`, or
the default corpus), to be reviewed in git like the lexicon; the next engine built over that corpus
indexes it (the index cache notices the change by itself).
"""

from __future__ import annotations

import argparse
from typing import Any

from bot import messages
from bot.cli.common import CliProblem, corpus_for, settings_for
from bot.corpus.loader import default_corpus_path
from bot.corpus.lookup import LookupProblem, resolve_text
from bot.corpus.phrasings import append_phrasing, clean, phrasing_file, phrasings_dir


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("curate", parents=parents, help=messages.HELP_CURATE)
    actions = p.add_subparsers(dest="curate_action", metavar="ACTIE", required=True, parser_class=type(p))
    add = actions.add_parser("add", parents=parents, help=messages.HELP_CURATE_ADD)
    add.add_argument("item", metavar="ID:N", help=messages.HELP_CURATE_ITEM)
    add.add_argument("phrasing", metavar="FORMULERING", help=messages.HELP_CURATE_PHRASING)
    add.set_defaults(run=run_add)


def run_add(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    corpus = corpus_for(args, settings)
    try:
        key = resolve_text(corpus, args.item, document=getattr(args, "document", None))
    except LookupProblem as exc:
        raise CliProblem(str(exc)) from None
    phrasing = clean(args.phrasing)
    if not phrasing:
        raise CliProblem(messages.curate_empty())
    folder = phrasings_dir(getattr(args, "corpus", None) or settings.corpus or default_corpus_path())
    reference = str(key)
    try:
        added = append_phrasing(folder, key, phrasing)
    except (OSError, UnicodeDecodeError) as exc:
        path = str(phrasing_file(folder, key.document))
        raise CliProblem(messages.file_unwritable(path, messages.os_problem(exc))) from None
    if added:
        print(messages.curate_added(str(phrasing_file(folder, key.document)), reference, phrasing))
        if (folder.parent / "vectors").is_dir():  # the sentence model's vectors: the new phrasing has none yet
            print(messages.curate_embed_hint())
    else:
        print(messages.curate_known(reference, phrasing))
    return 0
