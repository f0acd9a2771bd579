"""`serve --http` under gunicorn: threaded workers (`gthread`) serving `SlackWeb`.

Chosen by measurement over uvicorn (README, "Load"): Bolt's `App` is synchronous, and gunicorn's
threaded worker runs it as it is, with a real listen backlog, keep-alive, chunked bodies and
graceful stops. Gunicorn is started from `kamervraag serve --http` (no separate command line):

    worker = Worker(SlackWeb(signing_secret=…), build=lambda: create_app(…), stop=shutdown_app, ready=…)
    ServeHttp(worker, host="127.0.0.1", port=3000, workers=1, threads=16, on_ready=print).run()

Each worker process serves at once (`/healthz`, `/readyz` → 503) and builds the app in a thread of
its own (index, model), then reports ready. SIGTERM: the master stops every worker; a worker turns
`/readyz` to 503, stops accepting, finishes its requests, then the answers in flight (at most
`DRAIN_SECONDS`), and exits; the master exits 0.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import threading
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger as GunicornLogger
from gunicorn.workers.gthread import ThreadWorker

from bot.slack.logging import safe_logger
from bot.slack.web import SlackWeb
from bot.slack.work import PendingAcks

DRAIN_SECONDS = 10.0
"""Answers in flight at SIGTERM get this long."""
GRACEFUL_SECONDS = int(DRAIN_SECONDS) + 5
"""How long the master waits for a stopping worker before it kills it."""
BACKLOG = 2048
ACCEPT_BATCH = 64
"""Connections taken from the listen queue in one turn of a worker's loop at most."""

log = safe_logger("kamervraag.slack.server")


class ReadyWorkers:
    """How many worker processes are ready, in memory shared across the fork (set up in the master)."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self._count = multiprocessing.get_context("fork").Value("i", 0)

    def add(self, n: int) -> None:
        with self._count.get_lock():
            self._count.value += n

    def all(self) -> bool:
        return int(self._count.value) >= self.expected


class Worker:
    """What one worker process runs: the web application and the start-up and stop of its app."""

    def __init__(
        self, web: SlackWeb, *, build: Callable[[], Any], stop: Callable[[Any], object], ready: ReadyWorkers
    ) -> None:
        self.web = web
        self.ready = ready
        self._build = build
        self._stop = stop
        self._app: Any = None
        self._loaded = threading.Event()

    def start(self, on_ready: Callable[[], None]) -> None:
        threading.Thread(target=self._load, args=(on_ready,), name="kamervraag-load", daemon=True).start()

    def _load(self, on_ready: Callable[[], None]) -> None:
        try:
            self._app = self._build()
            _freeze_what_was_loaded()
            self.web.attach(self._app)
            self.ready.add(1)
            on_ready()
        except Exception:
            log.exception("the bot could not start in this worker")
            self.web.failed()
        finally:
            self._loaded.set()

    def drain(self) -> None:
        self.web.drain()

    def stop(self) -> None:
        self.web.drain()
        self._loaded.wait(timeout=DRAIN_SECONDS)
        if self._app is not None:
            self.ready.add(-1)
            self._stop(self._app)


def _freeze_what_was_loaded() -> None:
    """The corpus, index and app live as long as the process: moved out of the garbage collector's
    sight, so its full collections (measured under load: 90 to 170 ms each, every request in the
    process waiting) only walk what requests create."""
    gc.collect()
    gc.freeze()


_worker: Worker | None = None
"""This process's worker (set in the master before forking, so each child has its own copy)."""


class DrainingWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn ships no type information
    """gunicorn's threaded worker that turns `/readyz` to 503 the moment SIGTERM arrives, and counts a
    request as waiting for its ack from the moment its connection is accepted until it is handled, so
    answer threads let it go first (`PendingAcks`) while it waits for a thread, not only inside the app."""

    def accept(self, listener: Any) -> None:
        """Every connection waiting in the kernel's queue, not one per turn of the loop: each turn
        waits for the interpreter lock, and under load connections waited there (invisible to
        `PendingAcks`) while answer threads took the turns."""
        for _ in range(ACCEPT_BATCH):
            if self.nr_conns >= self.worker_connections:
                return
            before = self.nr_conns
            super().accept(listener)
            if self.nr_conns == before:  # nothing left to accept (or the client went away)
                return

    def enqueue_req(self, conn: Any) -> None:
        if _worker is not None:
            conn.kamervraag_pending = _worker.web.pending_acks  # the same object at the end, even if
            conn.kamervraag_pending.begin()  # the app was attached in between
        super().enqueue_req(conn)

    def handle(self, conn: Any) -> Any:
        try:
            return super().handle(conn)
        finally:
            pending: PendingAcks | None = getattr(conn, "kamervraag_pending", None)
            if pending is not None:
                conn.kamervraag_pending = None
                pending.end()

    def handle_exit(self, sig: int, frame: Any) -> None:
        if _worker is not None:
            _worker.drain()
        log.info("stopping: no new requests; answers in flight get %d s", DRAIN_SECONDS)
        super().handle_exit(sig, frame)


class GunicornLog(GunicornLogger):  # type: ignore[misc]
    """gunicorn's own lines (a worker that timed out, one that failed to start) go through the bot's
    log handler, so they are redacted and in `KAMERVRAAG_LOG_FORMAT`'s format like every other line."""

    def setup(self, cfg: Any) -> None:
        self.error_log.handlers = []
        self.error_log.propagate = True
        self.error_log.setLevel(logging.WARNING)
        self.access_log.disabled = True  # one structured line per Slack request instead (bot/slack/handling.py)


class ServeHttp(BaseApplication):  # type: ignore[misc]
    def __init__(
        self,
        worker: Worker,
        *,
        host: str,
        port: int,
        workers: int,
        threads: int,
        on_ready: Callable[[int], None],
        on_child_exit: Callable[[int], None] = lambda pid: None,
    ) -> None:
        global _worker
        _worker = worker
        self.worker = worker
        self.options: dict[str, Any] = {
            "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
            "workers": workers,
            "threads": threads,
            "worker_class": f"{__name__}.DrainingWorker",
            "backlog": BACKLOG,
            "worker_connections": max(1000, threads * 4),
            "timeout": 60,
            "graceful_timeout": GRACEFUL_SECONDS,
            "keepalive": 5,
            "limit_request_line": 8190,
            "limit_request_fields": 100,
            "logger_class": f"{__name__}.GunicornLog",
            "proc_name": "kamervraag",
            "post_worker_init": lambda gworker: worker.start(lambda: on_ready(_port_of(gworker))),
            "worker_exit": lambda server, gworker: worker.stop(),
            "child_exit": lambda server, gworker: on_child_exit(gworker.pid),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> SlackWeb:
        return self.worker.web


def _port_of(gworker: Any) -> int:
    return int(gworker.sockets[0].getsockname()[1])
