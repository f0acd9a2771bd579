"""`SlackWeb` (the WSGI application `serve --http` runs under gunicorn) in this process, behind a
threaded stdlib WSGI server on a free loopback port, so tests can drive the real app and await its
work. The gunicorn layer itself is exercised by `kamervraag serve --http` in test_slack_serve.py."""

from __future__ import annotations

import threading
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from bot.slack.web import SlackWeb


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class WebServer:
    def __init__(self, web: SlackWeb) -> None:
        self.web = web
        self._httpd = make_server("127.0.0.1", 0, web, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def close(self) -> None:
        self._httpd.shutdown()
        self._thread.join()
        self._httpd.server_close()
