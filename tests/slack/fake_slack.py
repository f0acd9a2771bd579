"""A local stand-in for Slack's Web API and `response_url`s (loopback only), recording every call.

    with FakeSlack() as fake:
        client = fake.web_client(token="xoxb-test")         # retries on, base_url → this server
        fake.fail_next("chat.postMessage", status=429, retry_after=0)
        fake.reply_next("chat.postMessage", {"ok": False, "error": "not_in_channel"})
        url = fake.response_url()                           # a response_url on this server
        calls = fake.wait_for(2, method="chat.postMessage")  # blocks until recorded (no sleeps)

Extend it with `fake.on("apps.connections.open", handler)`: a handler gets the `Call` and returns
`(status, json_body, headers)`.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slack_sdk import WebClient

from bot.slack.client import retry_handlers

RESPONSE_URL = "response_url"
"""The `method` recorded for a post to a response_url."""

BOT_USER_ID = "UKAMERVRAAG"
BOT_ID = "BKAMERVRAAG"
TEAM_ID = "T0001"

Answer = tuple[int, dict[str, Any], dict[str, str]]
Handler = Callable[["Call"], Answer]


@dataclass
class Call:
    method: str
    """Web API method (`chat.postMessage`) or `response_url`."""
    params: dict[str, Any]
    path: str
    headers: dict[str, str]
    status: int = 200
    """What the fake answered."""
    response: dict[str, Any] = field(default_factory=dict)
    response_headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.response.get("ok", True) is not False

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)

    def block_texts(self) -> list[str]:
        """Every text in the blocks, in order (sections, headers, context elements, buttons)."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block.get("text"), dict):
                out.append(block["text"]["text"])
            for element in block.get("elements") or []:
                if isinstance(element.get("text"), dict):
                    out.append(element["text"]["text"])
                elif isinstance(element.get("text"), str):
                    out.append(element["text"])
        return out

    def buttons(self) -> list[dict[str, Any]]:
        return [e for b in self.blocks if b.get("type") == "actions" for e in b.get("elements") or []]

    @property
    def view(self) -> dict[str, Any]:
        """The view of a views.* call (App Home, a modal)."""
        view = self.params.get("view") or {}
        return json.loads(view) if isinstance(view, str) else dict(view)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.replies: dict[tuple[str, str], list[dict[str, Any]]] = {}
        """`conversations.replies` content by (channel, thread_ts); the bot's own thread posts are added."""
        self.auth = {"ok": True, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": TEAM_ID, "user": "kamervraag"}
        self._handlers: dict[str, Handler] = {
            "auth.test": lambda call: (200, dict(self.auth), {}),
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": lambda call: (200, {"ok": True, "message_ts": next(self._ts)}, {}),
            "chat.update": lambda call: (200, {"ok": True, "ts": call.params.get("ts")}, {}),
            "conversations.replies": self._conversations_replies,
            "views.publish": self._view,
            "views.open": self._views_open,
            "views.update": self._view,
            "views.push": self._view,
            RESPONSE_URL: lambda call: (200, {"ok": True}, {}),
        }
        self._scripted: dict[str, deque[Answer]] = defaultdict(deque)
        self._gates: dict[str, threading.Event] = {}
        self.waiting = 0
        """Calls currently held at a gate (see `hold`)."""
        self._ts = (f"1700000{n:03d}.000100" for n in itertools.count(100))
        self._urls = itertools.count(1)
        self._views = itertools.count(1)
        self._changed = threading.Condition()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    # --- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def close(self) -> None:
        self._httpd.shutdown()
        self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """For `SLACK_API_URL` / `WebClient(base_url=…)`."""
        return self.url + "/api/"

    def web_client(self, token: str = "xoxb-fake-token") -> WebClient:
        return WebClient(token=token, base_url=self.api_url, timeout=5, retry_handlers=retry_handlers())

    def response_url(self) -> str:
        """A fresh response_url on this server (Slack's look: /commands/T…/…/secret)."""
        return f"{self.url}/commands/{TEAM_ID}/{next(self._urls)}/s3cr3tR3sp0nseP4th"

    # --- behaviour -----------------------------------------------------------------------------------
    def on(self, method: str, handler: Handler) -> None:
        self._handlers[method] = handler

    def fail_next(self, method: str, *, status: int, retry_after: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` get an HTTP error (429 with `Retry-After`, 500 …)."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        error = "ratelimited" if status == 429 else "internal_error"
        for _ in range(times):
            self._scripted[method].append((status, {"ok": False, "error": error}, headers))

    def hold(self, method: str) -> threading.Event:
        """Calls of `method` wait (before being recorded) until the returned event is set."""
        gate = threading.Event()
        self._gates[method] = gate
        return gate

    def wait_until_waiting(self, count: int, *, timeout: float = 10) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self.waiting >= count, timeout=timeout):
                raise AssertionError(f"expected {count} held call(s), have {self.waiting}")

    def reply_next(self, method: str, body: dict[str, Any], *, times: int = 1) -> None:
        """The next `times` calls of `method` get this JSON (e.g. `{"ok": False, "error": "not_in_channel"}`)."""
        for _ in range(times):
            self._scripted[method].append((200, body, {}))

    # --- inspection ----------------------------------------------------------------------------------
    def calls_to(self, method: str | None = None) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if method is None or c.method == method]

    def wait_for(
        self, count: int, *, method: str | None = None, ok: bool | None = None, timeout: float = 10
    ) -> list[Call]:
        """Block until at least `count` matching calls were recorded; fail the test otherwise."""

        def matching() -> list[Call]:
            return [c for c in self.calls if (method is None or c.method == method) and (ok is None or c.ok == ok)]

        with self._changed:
            if not self._changed.wait_for(lambda: len(matching()) >= count, timeout=timeout):
                seen = [(c.method, c.status) for c in self.calls]
                raise AssertionError(f"expected {count} call(s) to {method or 'any method'}; recorded: {seen}")
            return matching()

    def wait_for_posts(self, count: int, *, timeout: float = 10) -> list[Call]:
        """Block until at least `count` messages a user would see (public or private) were posted."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.posts()) >= count, timeout=timeout):
                seen = [(c.method, c.status) for c in self.calls]
                raise AssertionError(f"expected {count} message(s) for users; recorded: {seen}")
            return self.posts()

    def posts(self) -> list[Call]:
        """Successful messages a user would see: chat.postMessage, chat.postEphemeral and response_url."""
        return [
            c for c in self.calls_to() if c.ok and c.method in ("chat.postMessage", "chat.postEphemeral", RESPONSE_URL)
        ]

    def __iter__(self) -> Iterator[Call]:
        return iter(self.calls_to())

    # --- built-in methods ------------------------------------------------------------------------------
    def _post_message(self, call: Call) -> Answer:
        ts = next(self._ts)
        message = {"ts": ts, "bot_id": BOT_ID, "user": BOT_USER_ID, "text": call.params.get("text", "")}
        if call.params.get("thread_ts"):
            message["thread_ts"] = call.params["thread_ts"]
            thread = (str(call.params.get("channel")), str(call.params["thread_ts"]))
            with self._changed:
                self.replies.setdefault(thread, [{"ts": thread[1], "user": "U0SOMEONE", "text": "…"}]).append(message)
        return 200, {"ok": True, "channel": call.params.get("channel"), "ts": ts, "message": message}, {}

    def _view(self, call: Call) -> Answer:
        """views.publish / open / update / push: the view as Slack echoes it, with an id."""
        view = call.params.get("view")
        view = json.loads(view) if isinstance(view, str) else dict(view or {})
        if not isinstance(view.get("blocks"), list):
            return 200, {"ok": False, "error": "invalid_arguments"}, {}
        view_id = f"V{next(self._views):06d}"
        return 200, {"ok": True, "view": {**view, "id": view_id}}, {}

    def _views_open(self, call: Call) -> Answer:
        """Like any view, but Slack requires the trigger_id of the click that opens it."""
        if not call.params.get("trigger_id"):
            return 200, {"ok": False, "error": "invalid_trigger_id"}, {}
        return self._view(call)

    def _conversations_replies(self, call: Call) -> Answer:
        key = (str(call.params.get("channel")), str(call.params.get("ts")))
        if key not in self.replies:
            return 200, {"ok": False, "error": "thread_not_found"}, {}
        return 200, {"ok": True, "messages": self.replies[key], "has_more": False}, {}

    # --- HTTP -------------------------------------------------------------------------------------------
    def _record(self, method: str, path: str, params: dict[str, Any], headers: dict[str, str]) -> Call:
        call = Call(method=method, params=params, path=path, headers=headers)
        gate = self._gates.get(method)
        if gate is not None:
            with self._changed:
                self.waiting += 1
                self._changed.notify_all()
            gate.wait(timeout=30)
            with self._changed:
                self.waiting -= 1
        scripted = self._scripted.get(method)
        with self._changed:
            answer = scripted.popleft() if scripted else None
        if answer is None:
            handler = self._handlers.get(method)
            answer = handler(call) if handler else (200, {"ok": False, "error": "unknown_method"}, {})
        call.status, call.response, call.response_headers = answer
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return call

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._handle(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._handle(self.rfile.read(length))

            def _handle(self, raw: bytes) -> None:
                parts = urlsplit(self.path)
                params: dict[str, Any] = dict(parse_qsl(parts.query, keep_blank_values=True))
                text = raw.decode("utf-8")
                if text:
                    if (self.headers.get("Content-Type") or "").startswith("application/json"):
                        params.update(json.loads(text))
                    else:
                        params.update(dict(parse_qsl(text, keep_blank_values=True)))
                if parts.path.startswith("/api/"):
                    method = parts.path.removeprefix("/api/")
                elif parts.path.startswith("/commands/") or parts.path.startswith("/actions/"):
                    method = RESPONSE_URL
                else:
                    method = "unknown:" + parts.path
                call = fake._record(method, parts.path, params, dict(self.headers.items()))
                plain = method == RESPONSE_URL and call.status == 200  # Slack answers "ok" there
                data = b"ok" if plain else json.dumps(call.response).encode()
                self.send_response(call.status)
                self.send_header("Content-Type", "text/html" if plain else "application/json")
                for name, value in call.response_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
