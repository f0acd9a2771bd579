"""The WSGI application of `serve --http`: Slack's requests through Bolt's own WSGI adapter, behind
the checks Bolt leaves to us, plus health, readiness and metrics.

- `POST /slack/events`: the body (a `Content-Length` or chunked) is read up to `MAX_BODY_BYTES`
  (413 beyond); the signature and its age (300 s, past and future) are checked here, once, so
  forged, unsigned, stale, future (401), non-numeric-timestamp and malformed (400) requests get a
  4xx, never a 5xx, and run nothing. Then Bolt's `SlackRequestHandler` dispatches it.
- `GET /healthz` (liveness): 200 `{"status": "ok", "store": …}` once the corpus is loaded.
- `GET /readyz` (readiness): 200 once the app (corpus, index, model, checked token) is attached;
  503 while starting and again while draining at SIGTERM.
- `GET /metrics`: Prometheus text.

Example:
    web = SlackWeb(signing_secret=secret)      # any WSGI server can serve it; 503 until ready
    web.corpus_loaded(store)                  # /healthz → 200
    web.attach(create_app(settings, …))       # /readyz → 200, Slack's requests are answered
    web.drain()                               # SIGTERM: /readyz and new Slack requests → 503
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from slack_bolt import App, BoltRequest
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import Clock, SignatureVerifier

from bot.slack.app import pending_acks_of
from bot.slack.handling import RECEIVED_KEY
from bot.slack.logging import register_secrets, safe_logger
from bot.slack.work import PendingAcks
from bot.store import Store

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
MAX_BODY_BYTES = 1_000_000
"""Slack's payloads are a few kB; anything this large is not from Slack."""

log = safe_logger("kamervraag.slack.http")

Response = tuple[int, list[tuple[str, str]], bytes]
_CHECKED = "kamervraag.request"
"""The environ key of the request `SlackWeb` checked (and parsed), handed on to Bolt's adapter."""


class _Adapter(SlackRequestHandler):
    """Bolt's WSGI adapter, dispatching the request the front already parsed instead of parsing it again."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        checked = request.environ.get(_CHECKED)
        return self.app.dispatch(checked) if isinstance(checked, BoltRequest) else super().dispatch(request)


class SlackWeb:
    def __init__(
        self, *, signing_secret: str, clock: Clock | None = None, peers_ready: Callable[[], bool] = lambda: True
    ) -> None:
        """`peers_ready`: whether the other worker processes of this server are ready too (a pod is
        ready only when every worker is, or a not-yet-ready one would get Slack's requests)."""
        register_secrets([signing_secret])
        self._peers_ready = peers_ready
        self.verifier = SignatureVerifier(signing_secret, clock or Clock())
        self._store: Store | None = None
        self._bolt: _Adapter | None = None
        self._draining = False
        self._failed = False
        self._pending = PendingAcks()

    # --- lifecycle --------------------------------------------------------------------------------
    def corpus_loaded(self, store: Store) -> None:
        self._store = store

    def attach(self, app: App) -> None:
        # While a request waits for its ack, the app's answer threads let it go first (bot/slack/work.py).
        self._pending = pending_acks_of(app) or PendingAcks()
        self._bolt = _Adapter(app, path=EVENTS_PATH)

    def drain(self) -> None:
        self._draining = True

    def failed(self) -> None:
        """The app could not be built: `/healthz` says so, and the orchestrator restarts the process."""
        self._failed = True

    @property
    def app(self) -> App | None:
        return self._bolt.app if self._bolt is not None else None

    @property
    def pending_acks(self) -> PendingAcks:
        """Requests of this process waiting for their ack (the server counts them from accept)."""
        return self._pending

    @property
    def ready(self) -> bool:
        return self._bolt is not None and not self._draining

    # --- WSGI -------------------------------------------------------------------------------------
    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        environ[RECEIVED_KEY] = time.perf_counter()
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if path == EVENTS_PATH and method == "POST":
            if not self.ready:
                return _send(start_response, _plain(HTTPStatus.SERVICE_UNAVAILABLE, "not ready"))
            checked = self._check(environ)
            if checked is not None:
                return _send(start_response, checked)
            assert self._bolt is not None
            with self._pending.pending():
                return self._bolt(environ, start_response)
        if method in ("GET", "HEAD"):
            if path == HEALTH_PATH:
                return _send(start_response, self._health())
            if path == READY_PATH:
                return _send(start_response, self._readiness())
            if path == METRICS_PATH:
                return _send(start_response, _metrics())
        return _send(start_response, _plain(HTTPStatus.NOT_FOUND, "not found"))

    def _health(self) -> Response:
        if self._failed:
            return _json(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "failed"})
        if self._store is None:
            return _json(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "starting"})
        return _json(HTTPStatus.OK, {"status": "ok", "store": self._store.status})

    def _readiness(self) -> Response:
        if self._draining:
            return _json(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "draining"})
        if self._bolt is None or not self._peers_ready():
            return _json(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "starting"})
        return _json(HTTPStatus.OK, {"status": "ready"})

    def _check(self, environ: WSGIEnvironment) -> Response | None:
        """None when the request may go to Bolt (its body then re-readable in `environ`); else the 4xx."""
        length = environ.get("CONTENT_LENGTH") or ""
        if length and not length.isdigit():
            return _plain(HTTPStatus.BAD_REQUEST, "invalid content-length")
        if length and int(length) > MAX_BODY_BYTES:
            return _plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")
        stream = environ.get("wsgi.input")
        raw: bytes = stream.read(int(length) if length else MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BODY_BYTES:  # chunked: the size shows only while reading
            return _plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
        signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
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
            parsed = BoltRequest(body=body, query=environ.get("QUERY_STRING", ""), headers=_headers(environ))
        except Exception:  # Bolt parses eagerly and fails in many ways on a body that is no object
            return _plain(HTTPStatus.BAD_REQUEST, "invalid request")
        if not isinstance(parsed.body, dict):
            return _plain(HTTPStatus.BAD_REQUEST, "invalid request")
        parsed.context[RECEIVED_KEY] = environ[RECEIVED_KEY]
        environ[_CHECKED] = parsed
        environ["wsgi.input"] = io.BytesIO(raw)
        environ["CONTENT_LENGTH"] = str(len(raw))
        return None


def _headers(environ: WSGIEnvironment) -> dict[str, str | Sequence[str]]:
    headers: dict[str, str | Sequence[str]] = WsgiHttpRequest(environ).get_headers()
    return headers


def _metrics() -> Response:
    registry: Any = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # several workers: add up what each one wrote
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return 200, [("content-type", CONTENT_TYPE_LATEST)], generate_latest(registry)


def _plain(status: HTTPStatus, text: str) -> Response:
    return int(status), [("content-type", "text/plain; charset=utf-8")], text.encode()


def _json(status: HTTPStatus, value: dict[str, str]) -> Response:
    return int(status), [("content-type", "application/json")], json.dumps(value).encode()


def _send(start_response: StartResponse, response: Response) -> list[bytes]:
    status, headers, body = response
    phrase = HTTPStatus(status).phrase
    start_response(f"{status} {phrase}", [*headers, ("content-length", str(len(body)))])
    return [body]
