"""`kamervraag serve --http [--port 3000]` (HTTP) and `kamervraag serve` (Socket Mode).

HTTP: the server listens first (so `/healthz` answers 503 while starting), then loads the corpus,
checks the token with `auth.test`, and only then accepts Slack's requests. Socket Mode: the token
is checked the same way before the first connection. SIGTERM/SIGINT stop either cleanly: no new
requests, answers in progress are finished.
"""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

from bot import messages
from bot.cli.common import CliProblem, corpus_for, settings_for
from bot.settings import Settings, SettingsProblem

if TYPE_CHECKING:
    from slack_sdk import WebClient

DEFAULT_PORT = 3000


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", parents=parents, help=messages.HELP_SERVE)
    p.add_argument("--http", action="store_true", help=messages.HELP_SERVE_HTTP)
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=messages.help_serve_port(DEFAULT_PORT))
    p.add_argument("--host", default="0.0.0.0", help=messages.HELP_SERVE_HOST)
    p.set_defaults(run=run_serve)


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(messages.invalid_port(value))
    return int(value)


def run_serve(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    if args.http:
        return serve_http(args, settings)
    return serve_socket_mode(args, settings)


def serve_socket_mode(args: argparse.Namespace, settings: Settings) -> int:
    """Connect, answer until SIGTERM/SIGINT, then finish the answers in progress."""
    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    corpus = corpus_for(args, settings)
    # The Slack stack is imported only here, so other commands start fast.
    from bot.slack.app import create_app, shutdown_app
    from bot.slack.client import create_web_client
    from bot.slack.logging import configure_logging
    from bot.slack.socket_mode import SocketModeBot, app_token_of

    app_token = app_token_of(settings)
    configure_logging(settings.log_level)
    client = create_web_client(settings)
    _check_bot_token(client)

    stop = threading.Event()
    _on_signals(stop)
    app = create_app(settings, client=client, corpus=corpus)
    bot = SocketModeBot(app, app_token=app_token, api_url=settings.slack_api_url)
    try:
        bot.connect()
        print(messages.socket_mode_connected(), file=sys.stderr, flush=True)
        stop.wait()
    finally:
        bot.close()
        shutdown_app(app)
    return 0


def serve_http(args: argparse.Namespace, settings: Settings) -> int:
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    # The Slack stack is imported only here, so other commands start fast.
    from bot.slack.app import create_app, shutdown_app
    from bot.slack.client import create_web_client
    from bot.slack.http import EVENTS_PATH, SlackHttpServer
    from bot.slack.logging import configure_logging

    assert settings.slack_signing_secret is not None  # settled by `require`
    configure_logging(settings.log_level)
    try:
        server = SlackHttpServer(
            signing_secret=settings.slack_signing_secret.get_secret_value(), host=args.host, port=args.port
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliProblem(messages.serve_port_in_use(args.port)) from None
        raise CliProblem(messages.serve_cannot_listen(args.port, messages.os_problem(exc))) from None

    stop = threading.Event()
    _on_signals(stop)
    server.start()
    app = None
    try:
        corpus = corpus_for(args, settings)
        client = create_web_client(settings)
        _check_bot_token(client)
        app = create_app(settings, client=client, corpus=corpus)
        server.attach(app)
        host = "localhost" if args.host in ("0.0.0.0", "") else args.host
        print(messages.serve_listening(f"http://{host}:{server.port}{EVENTS_PATH}"), file=sys.stderr, flush=True)
        stop.wait()
    finally:
        server.close()
        if app is not None:
            shutdown_app(app)
    return 0


def _check_bot_token(client: WebClient) -> None:
    """`auth.test` before taking requests: a wrong token is one Dutch line at start-up, not a silent bot."""
    from slack_sdk.errors import SlackApiError

    from bot.slack.client import slack_error_code

    try:
        client.auth_test()
    except SlackApiError as exc:
        raise SettingsProblem(messages.token_rejected(slack_error_code(exc))) from None
    except OSError as exc:
        raise SettingsProblem(messages.slack_unreachable(type(exc).__name__)) from None
    except ValueError:  # urllib: "unknown url type", SLACK_API_URL is no http(s) address
        raise SettingsProblem(messages.setting_invalid("SLACK_API_URL", messages.setting_not_a_url())) from None


def _on_signals(stop: threading.Event) -> None:
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread (e.g. not in some tests)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stop.set())
