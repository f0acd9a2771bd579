"""`serve --http`: Slack's requests on `POST /slack/events`, health on `GET /healthz`.

A threaded stdlib server in front of Bolt's own request handling. It checks the signature itself
before Bolt parses anything, so forged, unsigned, stale (> 300 s) and malformed requests get a 4xx
(never a 500) and run nothing; a non-numeric timestamp, which makes slack_sdk raise, included.
Until `attach` hands it the app (corpus loaded), both paths answer 503.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.signature import Clock, SignatureVerifier

from bot.slack.logging import register_secrets, safe_logger

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000
"""Slack's payloads are a few kB; anything this large is not from Slack."""
READ_TIMEOUT_SECONDS = 30
"""A client that stops sending mid-request loses its connection (and its thread) after this."""

log = safe_logger("kamervraag.slack.http")


class SlackHttpServer:
    """Example:
    server = SlackHttpServer(signing_secret=secret, port=0)   # binds at once (port 0: any free)
    server.start()                                            # serves in a background thread
    server.attach(create_app(settings))                      # ready: /healthz → 200
    ...
    server.close()
    """

    def __init__(
        self,
        *,
        signing_secret: str,
        host: str = "0.0.0.0",
        port: int = 3000,
        clock: Clock | None = None,
        poll_interval: float = 0.5,
    ) -> None:
        """`poll_interval`: how often the serving thread checks for `close` (short in tests)."""
        register_secrets([signing_secret])
        self.verifier = SignatureVerifier(signing_secret, clock or Clock())
        self._app: App | None = None
        self._thread: threading.Thread | None = None
        self._httpd = _QuietServer((host, port), _handler_class(self))
        self._httpd.daemon_threads = True
        self._poll_interval = poll_interval

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def app(self) -> App | None:
        return self._app

    def attach(self, app: App) -> None:
        self._app = app

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="kamervraag-http", daemon=True)
        self._thread.start()

    def serve_forever(self) -> None:
        self._httpd.serve_forever(poll_interval=self._poll_interval)

    def close(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    # --- one request ------------------------------------------------------------------------------
    def handle_events(self, headers: Mapping[str, str], raw: bytes, query: str) -> BoltResponse:
        app = self._app
        if app is None:
            return _plain(HTTPStatus.SERVICE_UNAVAILABLE, "starting")
        named = {name.lower(): value for name, value in headers.items()}  # names are case-insensitive (proxies)
        timestamp = named.get("x-slack-request-timestamp") or ""
        signature = named.get("x-slack-signature") or ""
        if not timestamp.isascii() or not timestamp.isdigit():
            return _plain(HTTPStatus.BAD_REQUEST, "invalid request")
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _plain(HTTPStatus.BAD_REQUEST, "invalid request")
        if not signature or not self.verifier.is_valid(body, timestamp, signature):
            log.info("request with an invalid or stale signature rejected")
            return _plain(HTTPStatus.UNAUTHORIZED, "invalid request")
        try:
            request = BoltRequest(body=body, query=query, headers=_multi(headers))
        except Exception:  # Bolt parses eagerly and fails in many ways on a body that is no object
            return _plain(HTTPStatus.BAD_REQUEST, "invalid request")
        if not isinstance(request.body, dict):
            return _plain(HTTPStatus.BAD_REQUEST, "invalid request")
        return app.dispatch(request)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver prints a traceback to stderr for a dropped or timed-out connection.
        log.debug("connection from %s ended abnormally", client_address[0] if client_address else "?")


def _plain(status: HTTPStatus, text: str) -> BoltResponse:
    return BoltResponse(status=int(status), body=text, headers={"content-type": "text/plain; charset=utf-8"})


def _multi(headers: Mapping[str, str]) -> dict[str, Sequence[str]]:
    out: dict[str, list[str]] = {}
    for name, value in headers.items():
        out.setdefault(name.lower(), []).append(value)
    return dict(out)


def _handler_class(server: SlackHttpServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = READ_TIMEOUT_SECONDS
        server_version = "kamervraag"
        sys_version = ""

        def do_GET(self) -> None:
            path = self.path.partition("?")[0]
            if path == HEALTH_PATH:
                if server.app is None:
                    self._send(_plain(HTTPStatus.SERVICE_UNAVAILABLE, "starting"))
                else:
                    self._send(_plain(HTTPStatus.OK, "ok"))
            else:
                self._send(_plain(HTTPStatus.NOT_FOUND, "not found"))

        def do_POST(self) -> None:
            path, _, query = self.path.partition("?")
            if path != EVENTS_PATH:
                self._send(_plain(HTTPStatus.NOT_FOUND, "not found"))
                return
            length_header = self.headers.get("Content-Length")
            if length_header is None or not length_header.isdigit():
                self._send(_plain(HTTPStatus.LENGTH_REQUIRED, "length required"), close=True)
                return
            length = int(length_header)
            if length > MAX_BODY_BYTES:
                self._send(_plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large"), close=True)
                return
            raw = self.rfile.read(length)
            try:
                response = server.handle_events({k: v for k, v in self.headers.items()}, raw, query)
            except Exception:
                log.exception("request handling failed")
                response = _plain(HTTPStatus.INTERNAL_SERVER_ERROR, "error")
            self._send(response)

        def _send(self, response: BoltResponse, *, close: bool = False) -> None:
            body = response.body if isinstance(response.body, str) else json.dumps(response.body)
            data = body.encode("utf-8")
            self.send_response(response.status)
            for name, values in (response.headers or {}).items():
                if name.lower() in ("content-length", "connection"):
                    continue
                for value in values:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            # The request line only (never a query string or body), at DEBUG.
            log.debug("%s %s", self.command, (self.path or "").partition("?")[0])

    return Handler
