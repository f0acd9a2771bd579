"""`kamervraag serve --http [--port 3000]` (HTTP) and `kamervraag serve` (Socket Mode).

Both check the settings, the corpus and the token (`auth.test`, once) first, so a mistake is one
Dutch line and exit code 2. HTTP then runs gunicorn (bot/slack/server.py): each worker listens at
once (`/healthz`, `/readyz` answer 503 while it builds the index) and takes Slack's requests when
ready. Socket Mode connects. SIGTERM/SIGINT stop either cleanly: no new requests, the answers in
flight get 10 s, exit code 0.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import signal
import sys
import threading
from typing import Any

from bot import messages
from bot.cli.common import CliProblem, corpus_for, settings_for
from bot.settings import Settings

DEFAULT_PORT = 3000
DEFAULT_HOST = "127.0.0.1"
"""Loopback unless asked: a container passes `--host 0.0.0.0`."""


def register(sub: argparse._SubParsersAction[Any], parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", parents=parents, help=messages.HELP_SERVE)
    p.add_argument("--http", action="store_true", help=messages.HELP_SERVE_HTTP)
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=messages.help_serve_port(DEFAULT_PORT))
    p.add_argument("--host", default=DEFAULT_HOST, help=messages.HELP_SERVE_HOST)
    p.add_argument("--health-port", type=_port, default=None, help=messages.HELP_SERVE_HEALTH_PORT)
    p.set_defaults(run=run_serve)


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(messages.invalid_port(value))
    return int(value)


def run_serve(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    if args.http:
        if args.health_port is not None:
            raise CliProblem(messages.health_port_with_http())
        return serve_http(args, settings)
    return serve_socket_mode(args, settings)


def serve_socket_mode(args: argparse.Namespace, settings: Settings) -> int:
    """Connect, answer until SIGTERM/SIGINT, then finish the answers in progress."""
    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    corpus = corpus_for(args, settings)
    # The Slack stack is imported only here, so other commands start fast.
    from bot.slack.app import check_token, create_app, shutdown_app
    from bot.slack.client import create_web_client
    from bot.slack.logging import configure_logging
    from bot.slack.metrics import STORE_FALLBACKS
    from bot.slack.server import DRAIN_SECONDS
    from bot.slack.socket_health import HealthServer
    from bot.slack.socket_mode import SocketModeBot, app_token_of
    from bot.store import store_from_settings

    app_token = app_token_of(settings)
    configure_logging(settings.log_level, log_format=settings.log_format)
    _register_redis_password(settings)
    client = create_web_client(settings)
    identity = check_token(client)
    store = store_from_settings(settings, on_fallback=STORE_FALLBACKS.inc)

    stop = threading.Event()
    _on_signals(stop)
    app = create_app(settings, client=client, corpus=corpus, identity=identity, store=store)
    bot = SocketModeBot(app, app_token=app_token, api_url=settings.slack_api_url)
    health = None
    if args.health_port is not None:  # /readyz says "connecting" until the websocket is open
        try:  # it binds at once: no separate probe of the port
            health = HealthServer(args.host, args.health_port, connected=lambda: bot.connected)
        except OSError as exc:
            raise _listen_problem(args.health_port, exc, "--health-port") from None
        health.start()
    try:
        bot.connect()
        print(messages.socket_mode_connected(), file=sys.stderr, flush=True)
        stop.wait()
    finally:
        if health is not None:
            health.drain()
        bot.close()
        shutdown_app(app, timeout=DRAIN_SECONDS)
        if health is not None:
            health.close()
    return 0


def serve_http(args: argparse.Namespace, settings: Settings) -> int:
    """Check everything a person can get wrong first (Dutch line, exit 2), then serve under gunicorn."""
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    if settings.http_workers > 1:
        _share_metrics_between_workers()
    # The Slack stack is imported only here, so other commands start fast.
    from bot.slack.app import check_token, create_app, shutdown_app
    from bot.slack.client import create_web_client
    from bot.slack.logging import configure_logging
    from bot.slack.metrics import STORE_FALLBACKS
    from bot.slack.server import DRAIN_SECONDS, ReadyWorkers, ServeHttp, Worker
    from bot.slack.web import EVENTS_PATH, SlackWeb
    from bot.store import store_from_settings

    assert settings.slack_signing_secret is not None  # settled by `require`
    configure_logging(settings.log_level, log_format=settings.log_format)
    _register_redis_password(settings)
    _check_port_free(args.host, args.port)
    corpus = corpus_for(args, settings)
    client = create_web_client(settings)
    identity = check_token(client)  # once, here: no ack ever waits for auth.test
    store = store_from_settings(settings, on_fallback=STORE_FALLBACKS.inc)
    ready_workers = ReadyWorkers(settings.http_workers)
    web = SlackWeb(signing_secret=settings.slack_signing_secret.get_secret_value(), peers_ready=ready_workers.all)
    web.corpus_loaded(store)

    def build() -> Any:
        return create_app(settings, client=client, corpus=corpus, identity=identity, store=store)

    def ready(port: int) -> None:
        host = "localhost" if args.host in ("0.0.0.0", "::", "") else args.host
        print(messages.serve_listening(f"http://{host}:{port}{EVENTS_PATH}"), file=sys.stderr, flush=True)

    worker = Worker(web, build=build, stop=lambda app: shutdown_app(app, timeout=DRAIN_SECONDS), ready=ready_workers)
    server = ServeHttp(
        worker,
        host=args.host,
        port=args.port,
        workers=settings.http_workers,
        threads=settings.http_threads,
        on_ready=ready,
        on_child_exit=_metrics_of_dead_worker,
    )
    try:
        server.run()
    except SystemExit as exc:  # gunicorn's master ends with sys.exit: 0 after a SIGTERM
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _check_port_free(host: str, port: int) -> None:
    """gunicorn retries a busy port for seconds and then says so in English; one Dutch line at once."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise _listen_problem(port, exc) from None


def _listen_problem(port: int, exc: OSError, option: str = "--port") -> CliProblem:
    """A port that cannot be listened on, in one Dutch line naming the option that chose it."""
    if exc.errno == errno.EADDRINUSE:
        return CliProblem(messages.serve_port_in_use(port, option))
    return CliProblem(messages.serve_cannot_listen(port, messages.os_problem(exc)))


def _share_metrics_between_workers() -> None:
    """Several worker processes: prometheus_client adds up their files (before it is first imported)."""
    import atexit
    import os
    import shutil
    import tempfile

    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        folder = tempfile.mkdtemp(prefix="kamervraag-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        master = os.getpid()

        def remove() -> None:
            if os.getpid() == master:  # not in a worker that exits: they share the folder
                shutil.rmtree(folder, ignore_errors=True)

        atexit.register(remove)


def _register_redis_password(settings: Settings) -> None:
    """A password in `KAMERVRAAG_REDIS_URL` is blanked out wherever it might turn up in a log."""
    from urllib.parse import urlsplit

    from bot.slack.logging import register_secrets

    if settings.redis_url is not None:
        with contextlib.suppress(ValueError):  # not a URL at all: store_from_settings says so in Dutch
            register_secrets([urlsplit(settings.redis_url.get_secret_value()).password])


def _metrics_of_dead_worker(pid: int) -> None:
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


def _on_signals(stop: threading.Event) -> None:
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread (e.g. not in some tests)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stop.set())
