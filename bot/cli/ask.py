"""`kamervraag ask "…" [--top K] [--json]` and `kamervraag ask --batch FILE --json`.

Batch: one JSON object per input line, one output line per input line, in order, in one process.
A bad line is reported in its own output line (`error`), never by the exit code; only a FILE that
cannot be read exits 2. Never imports the Slack stack: `ask` must start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot import messages
from bot.answer import build_view
from bot.cli.common import CliProblem, corpus_for, print_json, settings_for
from bot.corpus import Corpus, ItemKey
from bot.corpus.lookup import example_reference
from bot.render import text
from bot.search import Engine, Outcome
from bot.search.filters import ask_narrowed
from bot.search.from_settings import engine_from_settings

DEFAULT_TOP = 5
SHOWN_CANDIDATES = 3


def _top(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(messages.ask_top_invalid(value))
    return n


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ask", parents=parents, help=messages.HELP_ASK)
    p.add_argument("query", nargs="?", metavar="VRAAG", help=messages.HELP_ASK_QUERY)
    p.add_argument("--top", type=_top, default=DEFAULT_TOP, help=messages.help_ask_top(DEFAULT_TOP))
    p.add_argument("--json", action="store_true", help=messages.HELP_ASK_JSON)
    p.add_argument("--batch", metavar="BESTAND", help=messages.HELP_ASK_BATCH)
    p.set_defaults(run=run_ask)


def outcome_json(corpus: Corpus, outcome: Outcome, error: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "query": outcome.query,
        "answered": bool(outcome.answered),
        "results": [
            {
                "number": int(h.key.number),
                "document": h.key.document,
                "score": float(h.score),
                "question": corpus.item(h.key).question,
            }
            for h in outcome.hits
        ],
    }
    problem = error or outcome.problem
    if problem:
        data["error"] = problem
    return data


def error_json(query: Any, error: str) -> dict[str, Any]:
    return {"query": query, "answered": False, "results": [], "error": error}


def batch_line(engine: Engine, corpus: Corpus, line: str, *, top: int, document: str | None) -> dict[str, Any]:
    """The output object for one input line of a batch file; bad input becomes an `error` field."""
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return error_json(None, messages.ask_bad_json(str(exc)))
    if not isinstance(obj, dict):
        return error_json(None, messages.ask_not_an_object())
    query = obj.get("query")
    if not isinstance(query, str):
        return error_json(query, messages.ask_query_missing())
    if not query.strip():
        return error_json(query, messages.ask_empty_query())
    return outcome_json(corpus, ask_narrowed(engine, corpus, query, top=top, document=document))


def _read_batch(path: str) -> list[str]:
    try:
        if path == "-":
            return sys.stdin.read().removeprefix("\ufeff").splitlines()
        with open(path, encoding="utf-8-sig") as fh:  # a byte-order mark (Windows editors) is not a bad line
            return fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliProblem(messages.file_unreadable(path, messages.os_problem(exc))) from None


def run_ask(args: argparse.Namespace) -> int:
    if args.batch is not None and args.query is not None:
        raise CliProblem(messages.ask_batch_needs_no_text())
    if args.batch is None and args.query is None:
        raise CliProblem(messages.ask_nothing_to_ask())
    lines = _read_batch(args.batch) if args.batch is not None else None
    settings = settings_for(args)
    corpus = corpus_for(args, settings)
    engine = engine_from_settings(corpus, settings)
    document = getattr(args, "document", None)
    if lines is not None:
        for line in lines:
            print_json(batch_line(engine, corpus, line, top=args.top, document=document))
            sys.stdout.flush()
        return 0
    query: str = args.query
    if not query.strip():
        if args.json:
            print_json(error_json(query, messages.ask_empty_query()))
        raise CliProblem(messages.ask_empty_query())
    outcome = ask_narrowed(engine, corpus, query, top=args.top, document=document)
    if args.json:
        print_json(outcome_json(corpus, outcome))
        return 2 if outcome.problem else 0
    if outcome.problem:
        raise CliProblem(outcome.problem)
    print(render_outcome(engine, corpus, outcome))
    return 0


def run_prompt(args: argparse.Namespace) -> int:
    """`kamervraag` without arguments at a terminal: ask questions until an empty line or Ctrl+D."""
    settings = settings_for(args)
    corpus = corpus_for(args, settings)
    engine = engine_from_settings(corpus, settings)
    document = getattr(args, "document", None)
    print(messages.ask_prompt_intro())
    while True:
        try:
            query = input(messages.ask_prompt()).strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not query:
            return 0
        outcome = ask_narrowed(engine, corpus, query, top=DEFAULT_TOP, document=document)
        print(
            outcome.problem
            or render_outcome(engine, corpus, outcome, tip=messages.ask_prompt_tip(example_reference(corpus)))
        )
        print()


def _title(key: ItemKey, home: str | None) -> str:
    """ "Vraag 7"; with its document when that is not `home`, so the number can be typed as `ID:7`."""
    return messages.item_title(key.number) if key.document == home else messages.item_title_elsewhere(*key)


def render_outcome(engine: Engine, corpus: Corpus, outcome: Outcome, *, tip: str | None = None) -> str:
    """For a terminal: the answer (with what was asked and close runner-ups) or the decline."""
    best = outcome.best
    if outcome.answered and best is not None:
        view = build_view(corpus, best.key, engine.related(best.key))
        lines = [] if outcome.by_reference else [messages.ask_best_match(outcome.query), ""]
        lines.append(text.answer(view))
        if outcome.also:
            lines += ["", messages.ask_also_like([_title(h.key, best.key.document) for h in outcome.also])]
        return "\n".join(lines)
    lines = [messages.DECLINE]
    candidates = outcome.candidates[:SHOWN_CANDIDATES]
    if candidates:
        lines.append(messages.ask_maybe_you_mean())
        for h in candidates:
            question = " ".join(corpus.item(h.key).question.split())
            home = h.key.document if len(corpus.document_ids) == 1 else None
            lines.append(f"  {_title(h.key, home)} – {_shorten(question)}")
    lines.append(tip or messages.ask_tip(example_reference(corpus)))
    return "\n".join(lines)


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
