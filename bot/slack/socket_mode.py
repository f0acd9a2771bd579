"""The app of `create_app` over Socket Mode (`kamervraag serve`), so no public URL is needed.

Bolt's built-in handler (slack_sdk's own websocket client, no extra dependency) does the protocol:
it asks `apps.connections.open` (with `SLACK_APP_TOKEN`) for a URL, acknowledges every envelope with
its `envelope_id`, and on a `disconnect` frame (`refresh_requested`, `warning`, …) opens a new
connection at once. A connection that closes or stops answering pings is replaced by the client's
monitor, which runs every ping interval. A connection that stays open but goes silent (a dropped NAT
entry, a hung proxy: no close, no pong, no message) is caught by `Watchdog`, a thread of our own that
does not depend on that monitor: nothing heard for `SILENT_INTERVALS` ping intervals means a new
connection. A retried envelope (`retry_attempt` > 0; Bolt ≥ 1.29 passes
it on as `X-Slack-Retry-Num`) carries the `event_id` of the first delivery, so the app's event dedupe
acknowledges it and answers nothing a second time.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.settings import Settings, SettingsProblem
from bot.slack.client import TIMEOUT_SECONDS, api_base_url, retry_handlers, slack_error_code
from bot.slack.logging import register_secrets, safe_logger

log = safe_logger("kamervraag.slack.socket_mode", urls=True)  # the same logger the client writes URLs to

PING_INTERVAL_SECONDS = 5.0
"""The client reconnects only from its monitor, which runs this often; a connection without a pong
for four intervals counts as dead. Bolt's default (10 s) would leave a dropped bot deaf for ~40 s."""

APP_TOKEN_PREFIX = "xapp-"
SILENT_INTERVALS = 3
"""Ping intervals without a pong or a message before the watchdog reconnects (the client's own check
waits four, and only while its monitor thread runs)."""


class SocketModeBot:
    """One Socket Mode connection (replaced as Slack asks) feeding a Bolt app.

    Example:
        bot = SocketModeBot(app, app_token="xapp-…", api_url=settings.slack_api_url)
        bot.connect()      # apps.connections.open + websocket; raises SettingsProblem in Dutch
        bot.connected      # True while a websocket is open (a health signal)
        bot.close()        # stops receiving; then `shutdown_app(app)` lets answers finish
    """

    def __init__(self, app: App, *, app_token: str, api_url: str, ping_interval: float = PING_INTERVAL_SECONDS) -> None:
        register_secrets([app_token])
        # Its own Web API client for `apps.connections.open`: that answer holds the websocket URL with
        # a connection ticket, and this logger blanks every URL, at DEBUG too.
        logger = safe_logger("kamervraag.slack.socket_mode", urls=True)
        opener = WebClient(
            base_url=api_base_url(api_url),
            timeout=TIMEOUT_SECONDS,
            logger=logger,
            retry_handlers=retry_handlers(),
            proxy=app.client.proxy,
        )
        self.handler = SocketModeHandler(
            app,
            app_token=app_token,
            logger=logger,
            web_client=opener,
            auto_reconnect_enabled=True,
            ping_interval=ping_interval,
        )
        self._closed = False
        self.watchdog = Watchdog(self.handler.client, silent_after=ping_interval * SILENT_INTERVALS)

    @property
    def connected(self) -> bool:
        return bool(self.handler.client.is_connected())

    def connect(self) -> None:
        """The first connection; later ones are the client's job. A refusal closes the handler."""
        try:
            self.handler.client.connect()
        except SlackApiError as exc:
            self.close()
            raise SettingsProblem(messages.app_token_rejected(slack_error_code(exc))) from None
        except OSError as exc:
            self.close()
            raise SettingsProblem(messages.slack_unreachable(type(exc).__name__)) from None
        if not self.connected:
            self.close()
            raise SettingsProblem(messages.socket_mode_cannot_connect())
        self.watchdog.start()

    def close(self) -> None:
        """Stop receiving at once: no reconnect, and the reader is woken instead of waiting out its
        receive timeout (3 s) before the socket can be closed."""
        if self._closed:
            return
        self._closed = True
        self.watchdog.stop()
        client: Any = self.handler.client
        client.auto_reconnect_enabled = False
        client.closed = True  # the message processor stops after its current wait for a message,
        client.message_queue.put(None)  # which this ends now instead of after a second
        client.current_session_state.terminated = True
        session = client.current_session
        sock = getattr(session, "sock", None) if session is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the client itself
                sock.shutdown(socket.SHUT_RDWR)
        self.handler.client.close()


class Watchdog:
    """Reconnects a Socket Mode connection from which nothing (pong, message) was heard for too long."""

    def __init__(self, client: Any, *, silent_after: float) -> None:
        self.client = client
        self.silent_after = silent_after
        self.reconnects = 0
        self._heard = time.time()
        self._session: Any = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="kamervraag-socket-watchdog", daemon=True)
        client.message_listeners.append(self._on_message)

    def start(self) -> None:
        self._heard = time.time()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _on_message(self, client: Any, message: dict[str, Any], raw_message: str | None) -> None:
        self._heard = time.time()

    def _last_heard(self) -> float:
        session = self.client.current_session
        if session is not self._session:  # a new connection: it starts with a clean record
            self._session = session
            self._heard = max(self._heard, time.time())
        pong = getattr(session, "last_ping_pong_time", None) if session is not None else None
        return max(self._heard, pong or 0.0)

    def _watch(self) -> None:
        while not self._stop.wait(self.silent_after / 6):
            silent_for = time.time() - self._last_heard()
            if silent_for <= self.silent_after or self.client.closed:
                continue
            log.warning("Socket Mode connection silent for %.0f s: reconnecting", silent_for)
            self._heard = time.time()
            self.reconnects += 1
            try:
                self.client.connect_to_new_endpoint(force=True)
            except Exception as exc:  # the next round tries again; the bot must not die of it
                log.warning("reconnecting failed (%s); trying again", type(exc).__name__)


def app_token_of(settings: Settings) -> str:
    """`SLACK_APP_TOKEN`, checked for its form first: a bot token pasted there gets a Dutch hint, not a
    refusal from Slack that names no cause."""
    assert settings.slack_app_token is not None  # `require`d by the caller
    app_token = settings.slack_app_token.get_secret_value().strip()
    if not app_token.startswith(APP_TOKEN_PREFIX):
        raise SettingsProblem(messages.app_token_malformed())
    return app_token
