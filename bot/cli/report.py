"""`kamervraag report [--since DATE] [--json | --html FILE]`: what the answer log holds.

Opening the log applies the retention first, so a report never shows what should be gone.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot import messages
from bot.answerlog.location import database_url
from bot.answerlog.report import build_report, json_lines
from bot.cli.common import CliProblem, print_json, settings_for
from bot.render.report import report_html, report_text


def _since(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(messages.report_since_invalid(value)) from None


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", parents=parents, help=messages.HELP_REPORT)
    p.add_argument("--since", type=_since, metavar="DATUM", help=messages.HELP_REPORT_SINCE)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=messages.HELP_REPORT_JSON)
    out.add_argument("--html", metavar="BESTAND", type=Path, help=messages.HELP_REPORT_HTML)
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    from bot.answerlog.store import AnswerLog, LogUnavailable  # the database stack only for this command

    settings = settings_for(args)
    url = database_url(settings)
    if url is None:
        raise CliProblem(messages.answer_log_off())
    since = datetime.combine(args.since, datetime.min.time()) if args.since else None
    try:
        with AnswerLog.open(url, retention_days=settings.log_retention_days) as log:
            entries, votes = log.entries(since=since), log.votes(since=since)
    except LogUnavailable as exc:
        raise CliProblem(messages.answer_log_unavailable(str(exc))) from None
    if args.json:
        for line in json_lines(entries, votes):
            print_json(line)
        return 0
    report = build_report(entries, votes)
    shown_since = args.since.isoformat() if args.since else None
    if args.html is not None:
        try:
            args.html.write_text(report_html(report, since=shown_since), encoding="utf-8")
        except OSError as exc:
            raise CliProblem(messages.file_unwritable(str(args.html), messages.os_problem(exc))) from None
        print(messages.report_written(str(args.html)), file=sys.stderr)
        return 0
    print(report_text(report, since=shown_since))
    return 0
