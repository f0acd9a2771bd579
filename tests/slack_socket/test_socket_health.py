"""`serve --health-port`: liveness and readiness over HTTP for Socket Mode, read as a probe reads them."""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot import messages
from bot.slack.socket_health import HealthServer
from tests.cli_support import run_cli
from tests.redis_server import free_port
from tests.slack.fake_slack import FakeSlack
from tests.slack.slack_support import ServeProcess, serve_env
from tests.slack_socket.fake_socket_mode import FakeSocketMode
from tests.slack_socket.running import Running


def probe(port: int, path: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_ready_only_while_the_websocket_is_open_and_never_while_draining(running: Running) -> None:
    health = HealthServer("127.0.0.1", 0, connected=lambda: running.bot.connected)
    health.start()
    try:
        assert probe(health.port, "/healthz") == (200, {"status": "ok"})
        assert probe(health.port, "/readyz") == (200, {"status": "ready"})
        running.stop()  # the websocket is closed: not ready, though the process lives
        assert probe(health.port, "/readyz") == (503, {"status": "connecting"})
        assert probe(health.port, "/healthz") == (200, {"status": "ok"})
        health.drain()
        assert probe(health.port, "/readyz") == (503, {"status": "draining"})
        assert probe(health.port, "/slack/events")[0] == 404
    finally:
        health.close()


def test_serve_answers_probes_on_the_health_port_and_stops_on_sigterm(
    web: FakeSlack, slack: FakeSocketMode, tmp_path: Path
) -> None:
    port = free_port()
    served = ServeProcess("--health-port", str(port), env=serve_env(web), cwd=tmp_path)
    try:
        served.wait_for_line(re.escape(messages.socket_mode_connected()))
        slack.connection(1).wait_reading()
        assert probe(port, "/readyz") == (200, {"status": "ready"})
        assert probe(port, "/healthz") == (200, {"status": "ok"})
    finally:
        assert served.stop() == 0
    try:  # the port is given back
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        pass
    else:
        raise AssertionError(f"port {port} still answers after the bot stopped")


def test_serve_names_a_busy_health_port(web: FakeSlack, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "--health-port", str(port), env=serve_env(web), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(messages.serve_port_in_use(port, "--health-port"))


def test_serve_refuses_a_health_port_over_http(web: FakeSlack, tmp_path: Path) -> None:
    result = run_cli("serve", "--http", "--health-port", "3001", env=serve_env(web), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(messages.health_port_with_http())


def test_a_probe_that_hangs_up_early_leaves_no_traceback(running: Running, capfd: pytest.CaptureFixture[str]) -> None:
    health = HealthServer("127.0.0.1", 0, connected=lambda: running.bot.connected)
    health.start()
    try:
        with socket.create_connection(("127.0.0.1", health.port), timeout=5) as rude:
            rude.sendall(b"GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
            rude.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST on close
        assert probe(health.port, "/readyz") == (200, {"status": "ready"})  # still serving
    finally:
        health.close()
    assert "Traceback" not in capfd.readouterr().err
