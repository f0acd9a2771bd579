"""The `kamervraag` command: the same answers as the Slack bot, without Slack."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from bot import __version__, messages
from bot.cli import ask, curate, embed, ingest, report, serve, show
from bot.cli.common import CliProblem, global_options
from bot.corpus import CorpusError
from bot.settings import SettingsProblem

COMMANDS = (show, ask, ingest, embed, serve, report, curate)

# argparse looks its texts up through gettext (`argparse._`) each time it needs one, so this puts
# "gebruik:", "opties" and its error messages in Dutch before any parser is built.
setattr(argparse, "_", lambda text: messages.ARGPARSE_TEXTS.get(text, text))  # noqa: B010


class _Parser(argparse.ArgumentParser):
    """argparse, but its complaints in Dutch and with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, messages.usage_error(message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parents = [global_options()]
    parser = _Parser(prog="kamervraag", description=messages.HELP_PROGRAM, parents=parents)
    parser.add_argument("--version", action="version", version=f"kamervraag {__version__}", help=messages.HELP_VERSION)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub, parents)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        if argv is None and sys.stdin.isatty() and sys.stdout.isatty():
            args.run = ask.run_prompt  # a person at a terminal: ask away (scripts never get here)
        else:
            parser.print_help()
            return 0
    try:
        code: int = args.run(args)
        return code
    except (CliProblem, CorpusError, SettingsProblem) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # stdout on a full disk, or any file trouble a command did not name itself
        _drop_stdout()
        print(messages.output_failed(messages.os_problem(exc)), file=sys.stderr)
        return 2


def _drop_stdout() -> None:
    """What is still buffered for stdout would fail again at exit, with a traceback: let it go nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
