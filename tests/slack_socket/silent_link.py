"""A loopback TCP relay between the bot and the fake Socket Mode server that can go silent: it keeps
both connections open but passes nothing on, as a dropped NAT entry or a hung proxy does. Neither side
sees a close; only missing pongs tell."""

from __future__ import annotations

import contextlib
import socket
import threading


class SilentLink:
    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._links: list[threading.Event] = []
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, name="silent-link", daemon=True).start()

    @property
    def address(self) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"{host}:{port}"

    def go_silent(self) -> None:
        """From now on, every connection made so far passes nothing; new ones work normally."""
        with self._lock:
            for silent in self._links:
                silent.set()

    def close(self) -> None:
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            silent = threading.Event()
            with self._lock:
                self._links.append(silent)
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink, silent), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, silent: threading.Event) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                with contextlib.suppress(OSError):
                    sink.shutdown(socket.SHUT_WR)
                return
            if silent.is_set():
                continue  # swallowed: the other side hears nothing, and no one closes anything
            try:
                sink.sendall(data)
            except OSError:
                return
