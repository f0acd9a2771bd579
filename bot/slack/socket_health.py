"""Liveness and readiness over HTTP for Socket Mode (`serve --health-port N`), which has no web server of
its own: an orchestrator can then tell a bot that lost Slack from one that works, without a public URL.

- `GET /healthz` (liveness): 200 `{"status": "ok"}` while the process serves.
- `GET /readyz` (readiness): 200 `{"status": "ready"}` while a websocket to Slack is open; 503
  `{"status": "connecting"}` before the first connection and between reconnects, `{"status": "draining"}`
  from SIGTERM on.

The same paths and bodies as `serve --http` (bot/slack/web.py), so one probe configuration fits both.

Example:
    health = HealthServer("0.0.0.0", 3001, connected=lambda: bot.connected)
    health.start()     # answers from a daemon thread
    health.drain()     # SIGTERM: /readyz → 503
    health.close()
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.slack.logging import safe_logger
from bot.slack.web import HEALTH_PATH, READY_PATH

log = safe_logger("kamervraag.slack.health")


class HealthServer:
    def __init__(self, host: str, port: int, *, connected: Callable[[], bool]) -> None:
        """Binds at once (port 0: any free port, see `port`); raises OSError when it cannot."""
        self._connected = connected
        self._draining = False
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                status, body = owner.answer(self.path.split("?", 1)[0])
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                """Silent: a probe every few seconds would fill the log (in English, to stderr)."""

        server_class = _Server6 if ":" in host else _Server
        self._server = server_class((host, port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="kamervraag-health", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def answer(self, path: str) -> tuple[int, dict[str, str]]:
        if path == HEALTH_PATH:
            return HTTPStatus.OK, {"status": "ok"}
        if path == READY_PATH:
            if self._draining:
                return HTTPStatus.SERVICE_UNAVAILABLE, {"status": "draining"}
            if not self._connected():
                return HTTPStatus.SERVICE_UNAVAILABLE, {"status": "connecting"}
            return HTTPStatus.OK, {"status": "ready"}
        return HTTPStatus.NOT_FOUND, {"status": "not found"}

    def start(self) -> None:
        self._thread.start()

    def drain(self) -> None:
        self._draining = True

    def close(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """One quiet line instead of the traceback `socketserver` prints (a probe that hangs up early)."""
        log.debug("a health probe ended before its answer")


class _Server6(_Server):
    address_family = socket.AF_INET6
