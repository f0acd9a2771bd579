"""`kamervraag ask "…" [--top K] [--json]` and `kamervraag ask --batch FILE --json`.

`ask "…"` and the prompt log what they answer in the answer log (`bot/cli/answer_log.py`); a batch does not.

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
from bot.certainty import outcome_certainty, result_certainties
from bot.cli.answer_log import CliLog
from bot.cli.common import CliProblem, corpus_for, print_json, settings_for
from bot.corpus import Corpus, ItemKey
from bot.corpus.lookup import example_reference
from bot.render import text
from bot.search import Engine, Outcome
from bot.search.filters import ask_narrowed
from bot.search.from_settings import engine_from_settings
from bot.settings import DEFAULT_MIN_SCORE

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


def result_json(corpus: Corpus, key: ItemKey, score: float, certainty: str) -> dict[str, Any]:
    """One candidate with everything a script shows: no second call per result."""
    item, document = corpus.item(key), corpus.document(key.document)
    return {
        "number": int(key.number),
        "document": key.document,
        "score": float(score),
        "question": item.question,
        "answer": item.answer,
        "citation": corpus.citation(key),
        "url": document.url,
        "title": document.title,
        "certainty": certainty,
    }


def outcome_json(
    corpus: Corpus, outcome: Outcome, error: str | None = None, *, min_score: float = DEFAULT_MIN_SCORE
) -> dict[str, Any]:
    words = result_certainties(outcome, min_score=min_score)
    data: dict[str, Any] = {
        "query": outcome.query,
        "answered": bool(outcome.answered),
        "results": [result_json(corpus, h.key, h.score, str(w)) for h, w in zip(outcome.hits, words, strict=True)],
    }
    problem = error or outcome.problem
    if problem:
        data["error"] = problem
    return data


def error_json(query: Any, error: str) -> dict[str, Any]:
    return {"query": query, "answered": False, "results": [], "error": error}


def batch_line(
    engine: Engine,
    corpus: Corpus,
    line: str,
    *,
    top: int,
    document: str | None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> dict[str, Any]:
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
    outcome = ask_narrowed(engine, corpus, query, top=top, document=document)
    return outcome_json(corpus, outcome, min_score=min_score)


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
            print_json(batch_line(engine, corpus, line, top=args.top, document=document, min_score=settings.min_score))
            sys.stdout.flush()
        return 0
    query: str = args.query
    if not query.strip():
        if args.json:
            print_json(error_json(query, messages.ask_empty_query()))
        raise CliProblem(messages.ask_empty_query())
    outcome = ask_narrowed(engine, corpus, query, top=args.top, document=document)
    if args.json:
        print_json(outcome_json(corpus, outcome, min_score=settings.min_score))
    elif outcome.problem:
        raise CliProblem(outcome.problem)
    else:
        print(render_outcome(engine, corpus, outcome, min_score=settings.min_score))
    sys.stdout.flush()  # the answer first; then the answer log
    answer_log = CliLog(settings)
    answer_log.record(outcome, quick=True)
    answer_log.close()
    return 2 if outcome.problem else 0


def run_prompt(args: argparse.Namespace) -> int:
    """`kamervraag` without arguments at a terminal: ask questions until an empty line or Ctrl+D."""
    settings = settings_for(args)
    corpus = corpus_for(args, settings)
    engine = engine_from_settings(corpus, settings)
    document = getattr(args, "document", None)
    answer_log = CliLog(settings)
    try:
        _prompt_loop(engine, corpus, document, answer_log, min_score=settings.min_score)
    finally:
        answer_log.close()
    return 0


def _prompt_loop(engine: Engine, corpus: Corpus, document: str | None, answer_log: CliLog, *, min_score: float) -> None:
    print(messages.ask_prompt_intro())
    while True:
        try:
            query = input(messages.ask_prompt()).strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if not query:
            return
        outcome = ask_narrowed(engine, corpus, query, top=DEFAULT_TOP, document=document)
        answer_log.record(outcome)
        print(
            outcome.problem
            or render_outcome(
                engine,
                corpus,
                outcome,
                tip=messages.ask_prompt_tip(example_reference(corpus)),
                min_score=min_score,
            )
        )
        print()


def _title(key: ItemKey, home: str | None) -> str:
    """ "Vraag 7"; with its document when that is not `home`, so the number can be typed as `ID:7`."""
    return messages.item_title(key.number) if key.document == home else messages.item_title_elsewhere(*key)


def render_outcome(
    engine: Engine,
    corpus: Corpus,
    outcome: Outcome,
    *,
    tip: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> str:
    """For a terminal: the answer (with what was asked and close runner-ups) or the decline."""
    best = outcome.best
    if outcome.answered and len(outcome.named) > 1:
        views = (build_view(corpus, key, engine.related(key)) for key in outcome.named)
        return "\n\n".join(text.answer(view) for view in views)
    if outcome.answered and best is not None:
        also = tuple(h.key for h in outcome.also)
        view = build_view(corpus, best.key, engine.related(best.key), also=also)
        lines = []
        if not outcome.by_reference:
            word = outcome_certainty(outcome, min_score=min_score)
            lines += [messages.ask_best_match(outcome.query), messages.certainty_line(word), ""]
        lines.append(text.answer(view))
        if view.also:
            titles = [f"{_title(k, best.key.document)} – {view.topics[k]}" for k in view.also if k in view.topics]
            lines += ["", messages.ask_also_like(titles)]
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
