"""`kamervraag show N [--json | --slack]` and `kamervraag list [--documents] [--json]`."""

from __future__ import annotations

import argparse
from typing import Any

from bot import messages
from bot.answer import build_view
from bot.cli.common import CliProblem, corpus_for, print_json, settings_for
from bot.corpus import Corpus, ItemKey
from bot.corpus.lookup import LookupProblem, resolve_text
from bot.render import text
from bot.search.from_settings import engine_from_settings


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("show", parents=parents, help=messages.HELP_SHOW)
    p.add_argument("number", metavar="NUMMER", help=messages.HELP_SHOW_NUMBER)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=messages.HELP_SHOW_JSON)
    fmt.add_argument("--slack", action="store_true", help=messages.HELP_SHOW_SLACK)
    p.set_defaults(run=run_show)

    p = sub.add_parser("list", parents=parents, help=messages.HELP_LIST)
    p.add_argument("--json", action="store_true", help=messages.HELP_LIST_JSON)
    p.add_argument("--documents", action="store_true", help=messages.HELP_LIST_DOCUMENTS)
    p.set_defaults(run=run_list)


def item_json(corpus: Corpus, key: ItemKey) -> dict[str, Any]:
    data: dict[str, Any] = corpus.item(key).model_dump(mode="json", exclude_none=True)
    data["document"] = key.document
    data["citation"] = corpus.citation(key)
    return data


def run_show(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    corpus = corpus_for(args, settings)
    try:
        key = resolve_text(corpus, args.number, document=getattr(args, "document", None))
    except LookupProblem as exc:
        raise CliProblem(str(exc)) from None
    if args.json:
        print_json(item_json(corpus, key))
        return 0
    engine = engine_from_settings(corpus, settings)
    view = build_view(corpus, key, engine.related(key))
    if args.slack:
        from bot.render.slack import channel_answer_payload

        print_json(channel_answer_payload(view))
        return 0
    print(text.answer(view))
    return 0


def document_json(corpus: Corpus, doc_id: str) -> dict[str, Any]:
    """The document's metadata (fields it has) and `items`, its number of questions."""
    data: dict[str, Any] = corpus.document(doc_id).model_dump(mode="json", exclude_none=True)
    data["items"] = len(corpus.corpus_document(doc_id).questions)
    return data


def run_list(args: argparse.Namespace) -> int:
    corpus = corpus_for(args)
    if args.documents:
        for doc in corpus.documents:
            if args.json:
                print_json(document_json(corpus, doc.document.id))
            else:
                print(messages.document_list_line(doc.document, len(doc.questions)))
        return 0
    for key, item in corpus:
        if args.json:
            print_json(item_json(corpus, key))
        else:
            print(f"{key.document} {item.number:>3}  {' '.join(item.question.split())}")
    return 0
