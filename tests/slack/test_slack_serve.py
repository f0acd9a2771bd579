"""`kamervraag serve --http` as a real process against the fake Web API, and its Dutch refusals."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bot import messages
from bot.corpus import Corpus
from tests.cli_support import run_cli
from tests.redis_server import free_port, redis_server
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.payloads import command_form, event_callback, mention_event
from tests.slack.slack_support import SIGNING_SECRET, TOKEN, ServeProcess, serve_env, shows_answer, sign_body


@pytest.fixture
def served(fake: FakeSlack, tmp_path: Path) -> Iterator[tuple[ServeProcess, int]]:
    """`kamervraag serve --http` at DEBUG, as an operator would run it; and its port."""
    args = ("--http", "--port", "0", "--host", "127.0.0.1")
    child = ServeProcess(*args, env=serve_env(fake, KAMERVRAAG_LOG_LEVEL="DEBUG"), cwd=tmp_path)  # no .env
    try:
        port = int(child.wait_for_line(r"http://127\.0\.0\.1:(\d+)/slack/events").group(1))
        yield child, port
    finally:
        child.stop()


def _post(port: int, body: str, content_type: str) -> int:
    timestamp = str(int(time.time()))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(
            "POST",
            "/slack/events",
            body=body.encode(),
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": sign_body(body, timestamp),
            },
        )
        return conn.getresponse().status
    finally:
        conn.close()


def test_serve_http_answers_a_command_and_a_mention_then_stops_on_sigterm(
    served: tuple[ServeProcess, int], fake: FakeSlack, corpus: Corpus
) -> None:
    child, port = served
    response_url = fake.response_url()
    command = urlencode(command_form("53", response_url))
    assert _post(port, command, "application/x-www-form-urlencoded") == 200
    (answer,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(answer, corpus, 53) and answer.params["response_type"] == "in_channel"

    ts = "1699999999.000100"
    body = json.dumps(event_callback(mention_event("vraag 54", ts), "Ev0SERVE"))
    assert _post(port, body, "application/json") == 200
    (posted,) = fake.wait_for(1, method="chat.postMessage")
    assert posted.params["thread_ts"] == ts and shows_answer(posted, corpus, 54)

    assert child.stop() == 0
    logs = child.stderr
    assert "DEBUG" in logs  # the operator's log really was at DEBUG
    for secret in (TOKEN, SIGNING_SECRET, response_url, "s3cr3tR3sp0nseP4th", command, body, "legacy-verification"):
        assert secret not in logs


@pytest.mark.parametrize("missing", ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"])
def test_serve_http_names_a_missing_variable(fake: FakeSlack, tmp_path: Path, missing: str) -> None:
    env = serve_env(fake)
    del env[missing]
    result = run_cli("serve", "--http", "--port", "0", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == messages.setting_missing(missing)


def test_serve_http_refuses_a_token_slack_rejects(fake: FakeSlack, tmp_path: Path) -> None:
    fake.auth = {"ok": False, "error": "invalid_auth"}
    result = run_cli("serve", "--http", "--port", "0", "--host", "127.0.0.1", env=serve_env(fake), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(messages.token_rejected("invalid_auth"))
    assert TOKEN not in result.stderr


def test_serve_http_names_a_slack_api_url_that_is_no_web_address(fake: FakeSlack, tmp_path: Path) -> None:
    result = run_cli(
        "serve",
        "--http",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        env=serve_env(fake, SLACK_API_URL="slack.com/api"),
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "Instelling SLACK_API_URL is ongeldig: geen webadres; bijvoorbeeld https://slack.com/api/."
    )


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = run_cli("serve", "--http", "--port", "x1", cwd=tmp_path)
    assert result.returncode == 2
    assert messages.invalid_port("x1") in result.stderr


# --- production serving: health, SIGTERM, two replicas behind one Redis ---------------------------------
def _get(port: int, path: str) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def _serve(fake: FakeSlack, cwd: Path, **env: str) -> tuple[ServeProcess, int]:
    child = ServeProcess("--http", "--port", "0", "--host", "127.0.0.1", env=serve_env(fake, **env), cwd=cwd)
    port = int(child.wait_for_line(r"http://127\.0\.0\.1:(\d+)/slack/events").group(1))
    return child, port


def test_health_readiness_and_metrics_of_a_running_server(served: tuple[ServeProcess, int], fake: FakeSlack) -> None:
    _, port = served
    assert _get(port, "/healthz") == (200, {"status": "ok", "store": "memory"})
    assert _get(port, "/readyz") == (200, {"status": "ready"})
    assert _post(port, urlencode(command_form("53", fake.response_url())), "application/x-www-form-urlencoded") == 200
    fake.wait_for(1, method=RESPONSE_URL)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/metrics")
    metrics = conn.getresponse().read().decode()
    conn.close()
    assert 'kamervraag_ack_seconds_count{kind="command"}' in metrics
    for name in (
        "kamervraag_requests_total",
        "kamervraag_answer_seconds",
        "kamervraag_declines_total",
        "kamervraag_slack_api_errors_total",
        "kamervraag_store_fallbacks_total",
    ):
        assert f"# TYPE {name.removesuffix('_total')}" in metrics


def test_sigterm_finishes_the_answer_in_flight_then_exits_0(fake: FakeSlack, tmp_path: Path, corpus: Corpus) -> None:
    child, port = _serve(fake, tmp_path)
    gate = fake.hold(RESPONSE_URL)
    try:
        assert (
            _post(port, urlencode(command_form("53", fake.response_url())), "application/x-www-form-urlencoded") == 200
        )
        fake.wait_until_waiting(1)  # the answer is on its way, held by "Slack"
        child.process.send_signal(signal.SIGTERM)
        child.wait_for_line("stopping: no new requests")
    finally:
        gate.set()
    assert child.stop() == 0
    (answer,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(answer, corpus, 53)  # delivered although the stop came first


def test_two_replicas_sharing_one_redis_answer_a_retried_event_once(
    fake: FakeSlack, tmp_path: Path, corpus: Corpus
) -> None:
    with redis_server(tmp_path) as url:
        one, port_one = _serve(fake, tmp_path, KAMERVRAAG_REDIS_URL=url)
        two, port_two = _serve(fake, tmp_path, KAMERVRAAG_REDIS_URL=url)
        try:
            assert _get(port_one, "/healthz") == (200, {"status": "ok", "store": "redis"})
            ts = "1699999999.000300"
            body = json.dumps(event_callback(mention_event("53", ts), "Ev0REPLICAS"))
            assert _post(port_one, body, "application/json") == 200
            (posted,) = fake.wait_for(1, method="chat.postMessage")
            assert _post(port_two, body, "application/json") == 200  # Slack's retry, to the other replica
            # the same mention as a `message` event (Slack sends both), to the other replica too
            message = {**mention_event("53", ts), "type": "message", "channel_type": "channel"}
            assert _post(port_two, json.dumps(event_callback(message, "Ev0REPLICAS2")), "application/json") == 200
        finally:
            assert one.stop() == 0 and two.stop() == 0  # each finishes what it started
        assert shows_answer(posted, corpus, 53)
        assert len(fake.calls_to("chat.postMessage")) == 1


def test_redis_down_the_bot_answers_from_memory_and_says_so(fake: FakeSlack, tmp_path: Path) -> None:
    child, port = _serve(fake, tmp_path, KAMERVRAAG_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    try:
        assert _get(port, "/healthz") == (200, {"status": "ok", "store": "memory (redis unreachable)"})
        for n in range(3):
            body = json.dumps(event_callback(mention_event("53", f"1699999999.00040{n}"), f"Ev0DOWN{n}"))
            assert _post(port, body, "application/json") == 200
        fake.wait_for(3, method="chat.postMessage")
    finally:
        assert child.stop() == 0
    assert child.stderr.count("Redis (KAMERVRAAG_REDIS_URL) unreachable") == 1


def _raw(port: int, request: bytes) -> int:
    """The status line's code for a request written byte for byte (chunked bodies, lying lengths)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        head = conn.recv(65536).split(b"\r\n", 1)[0]
    return int(head.split()[1])


def test_hostile_requests_get_a_4xx_from_the_real_server_and_run_nothing(
    served: tuple[ServeProcess, int], fake: FakeSlack
) -> None:
    """The in-process tests drive `SlackWeb` directly; these go through gunicorn as Slack's would."""
    _, port = served
    body = json.dumps(event_callback(mention_event("53", "1699999999.000500"), "Ev0HOSTILE"))
    now = int(time.time())

    def signed(timestamp: str, *, payload: str = body, secret: str = SIGNING_SECRET) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign_body(payload, timestamp, secret=secret),
        }

    def status(headers: dict[str, str], payload: str = body) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("POST", "/slack/events", body=payload.encode(), headers=headers)
            return conn.getresponse().status
        finally:
            conn.close()

    assert status(signed(str(now), secret="not-the-secret")) == 401  # forged
    assert status(signed(str(now - 301))) == 401  # stale
    assert status(signed(str(now + 600))) == 401  # from the future (beyond the window however slow this test runs)
    assert status(signed("12abc")) == 400  # non-numeric timestamp
    assert status({"Content-Type": "application/json"}) == 400  # unsigned, no timestamp
    assert status(signed(str(now), payload="{not json"), "{not json") == 400  # malformed
    big = "x" * 1_000_001
    assert status(signed(str(now), payload=big), big) == 413
    chunked_big = (
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
        + f"X-Slack-Request-Timestamp: {now}\r\nX-Slack-Signature: v0=00\r\n\r\n".encode()
        + b"".join(b"%x\r\n%s\r\n" % (100_000, b"x" * 100_000) for _ in range(11))
        + b"0\r\n\r\n"
    )
    assert _raw(port, chunked_big) == 413
    assert _raw(port, b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n") == 400
    assert status({}, "") == 400 and _get(port, "/readyz")[0] == 200  # no headers at all; still serving
    assert [c.method for c in fake.calls] == ["auth.test"]  # the start-up check only: nothing ran


def test_a_chunked_request_is_answered_by_the_real_server(
    served: tuple[ServeProcess, int], fake: FakeSlack, corpus: Corpus
) -> None:
    _, port = served
    body = json.dumps(event_callback(mention_event("53", "1699999999.000600"), "Ev0CHUNKED")).encode()
    timestamp = str(int(time.time()))
    half = len(body) // 2
    request = (
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
        + f"X-Slack-Request-Timestamp: {timestamp}\r\n".encode()
        + f"X-Slack-Signature: {sign_body(body.decode(), timestamp)}\r\nConnection: close\r\n\r\n".encode()
        + b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (half, body[:half], len(body) - half, body[half:])
    )
    assert _raw(port, request) == 200
    (posted,) = fake.wait_for(1, method="chat.postMessage")
    assert shows_answer(posted, corpus, 53)


def test_serve_http_names_a_port_in_use(fake: FakeSlack, tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        args = ("serve", "--http", "--port", str(port), "--host", "127.0.0.1")
        result = run_cli(*args, env=serve_env(fake), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == messages.serve_port_in_use(port)
    assert not fake.calls  # refused before anything reached Slack


def test_two_worker_processes_are_ready_together_and_their_metrics_add_up(fake: FakeSlack, tmp_path: Path) -> None:
    args = ("--http", "--port", "0", "--host", "127.0.0.1")
    child = ServeProcess(*args, env=serve_env(fake, KAMERVRAAG_HTTP_WORKERS="2"), cwd=tmp_path)
    try:
        port = int(child.wait_for_line(r"http://127\.0\.0\.1:(\d+)/slack/events", count=2).group(1))
        assert _get(port, "/readyz") == (200, {"status": "ready"})
        for _ in range(6):  # whichever worker accepts each one
            assert (
                _post(port, urlencode(command_form("53", fake.response_url())), "application/x-www-form-urlencoded")
                == 200
            )
        fake.wait_for(6, method=RESPONSE_URL)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/metrics")
        metrics = conn.getresponse().read().decode()
        conn.close()
        assert 'kamervraag_ack_seconds_count{kind="command"} 6.0' in metrics  # counted by every worker
    finally:
        assert child.stop() == 0
