"""A local stand-in for Slack's Socket Mode endpoint (a websocket server on loopback), driven by the test.

    with FakeSocketMode(web) as slack:                 # web: the FakeSlack Web API; answers apps.connections.open
        first = slack.connection(1)                    # the bot connected and got `hello`
        first.wait_reading()                           # it answers a ping: it reads this connection
        envelope_id = first.send_envelope("events_api", event_callback(mention_event(...), "Ev1"))
        first.wait_for_ack(envelope_id)                # the bot's {"envelope_id": …} (3 s, like Slack)
        first.disconnect("refresh_requested")          # Slack asks the bot to move to a new connection
        second = slack.connection(2)

Every `apps.connections.open` hands out a new URL (`…/link/?ticket=N`); connection N is the N-th
websocket that connected. Nothing is awaited by sleeping: each wait is on a condition, with a bound.
"""

from __future__ import annotations

import itertools
import json
import threading
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from tests.slack.fake_slack import Answer, Call, FakeSlack
from tests.slack.payloads import APP_ID

ACK_SECONDS = 3.0
"""Slack's limit for acknowledging an envelope."""


class FakeConnection:
    def __init__(self, ws: ServerConnection, number: int) -> None:
        self.ws = ws
        self.number = number
        self.received: list[dict[str, Any]] = []
        self.closed = threading.Event()
        self._changed = threading.Condition()
        self._send_lock = threading.Lock()
        self._ids = itertools.count(1)

    # --- what Slack sends ---------------------------------------------------------------------------
    def send(self, message: dict[str, Any]) -> None:
        with self._send_lock:
            self.ws.send(json.dumps(message))

    def send_envelope(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> str:
        """`kind`: `slash_commands`, `events_api` or `interactive`. Returns the envelope_id."""
        envelope_id = f"env-{self.number}-{next(self._ids)}"
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt or 0
            envelope["retry_reason"] = retry_reason or ""
        self.send(envelope)
        return envelope_id

    def disconnect(self, reason: str) -> None:
        self.send({"type": "disconnect", "reason": reason, "debug_info": {"host": "fake-socket-mode"}})

    def close(self) -> None:
        """Close from Slack's side (close frame), as Slack does some seconds after a `disconnect`."""
        self.ws.close()
        assert self.closed.wait(5), f"connection {self.number} did not close"

    # --- what the bot sends -------------------------------------------------------------------------
    def wait_reading(self, timeout: float = 10) -> None:
        """The bot answers a ping, so it reads this connection (it may still be leaving an old one)."""
        assert self.ws.ping().wait(timeout), f"connection {self.number}: no pong within {timeout} s"

    def wait_for_ack(self, envelope_id: str, timeout: float = ACK_SECONDS) -> dict[str, Any]:
        def ack() -> dict[str, Any] | None:
            return next((m for m in self.received if m.get("envelope_id") == envelope_id), None)

        with self._changed:
            if not self._changed.wait_for(lambda: ack() is not None, timeout=timeout):
                raise AssertionError(f"no ack for {envelope_id} within {timeout} s; received {self.received}")
            found = ack()
            assert found is not None
            return found

    def acks(self) -> list[str]:
        with self._changed:
            return [str(m["envelope_id"]) for m in self.received if "envelope_id" in m]

    def _receive(self, message: dict[str, Any]) -> None:
        with self._changed:
            self.received.append(message)
            self._changed.notify_all()


class FakeSocketMode:
    def __init__(self, web: FakeSlack) -> None:
        self.web = web
        self.connections: list[FakeConnection] = []
        self._changed = threading.Condition()
        self._tickets = itertools.count(1)
        self.via: str | None = None
        """`host:port` of a relay (tests/slack_socket/silent_link.py) to hand out instead of this server."""
        self._server: Server = serve(self._serve, "127.0.0.1", 0, ping_interval=None, close_timeout=2)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-socket-mode", daemon=True)
        web.on("apps.connections.open", self._open)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.socket.getsockname()[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._thread.join()

    def __enter__(self) -> FakeSocketMode:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connection(self, number: int, timeout: float = 10) -> FakeConnection:
        """The `number`-th websocket connection (1-based), once it has been sent `hello`."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.connections) >= number, timeout=timeout):
                raise AssertionError(f"expected connection {number}; have {len(self.connections)}")
            return self.connections[number - 1]

    def opened_urls(self) -> list[Call]:
        return self.web.calls_to("apps.connections.open")

    def _open(self, call: Call) -> Answer:
        base = f"ws://{self.via}" if self.via else self.url
        return 200, {"ok": True, "url": f"{base}/link/?ticket={next(self._tickets)}&app_id={APP_ID}"}, {}

    def _serve(self, ws: ServerConnection) -> None:
        try:
            with self._changed:
                conn = FakeConnection(ws, len(self.connections) + 1)
                conn.send(
                    {
                        "type": "hello",
                        "num_connections": conn.number,
                        "debug_info": {"host": "fake-socket-mode", "approximate_connection_time": 18060},
                        "connection_info": {"app_id": APP_ID},
                    }
                )
                self.connections.append(conn)
                self._changed.notify_all()
            for raw in ws:
                conn._receive(json.loads(raw))
        except ConnectionClosed:
            pass  # the bot went away without a close frame (it just closes its socket)
        finally:
            conn.closed.set()
