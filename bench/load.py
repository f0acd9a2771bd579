"""Load on `kamervraag serve --http`: correctly signed slash commands against a local fake of Slack.

    python -m bench.load                                 # 1,000 commands, 50 at a time (about 30 s)
    python -m bench.load --count 200 --concurrency 20    # smaller
    python -m bench.load --slow-auth 5                   # auth.test held 5 s: time to ready, first ack
    python -m bench.load --server uvicorn                # the same app under uvicorn (if installed)

Loopback only and bounded: `--count` requests, each with a 10 s timeout, and at most `--deadline`
seconds to wait for the answers. Each request opens its own connection, as Slack does. The client
shares the machine with the server, so it is kept light: every request is signed and encoded before
the clock starts, and one asyncio loop (no thread per connection, no `http.client` parsing) sends
them and times each from `connect` to the last byte of the response. It reports
how many were acknowledged with 200, the ack latency (p50/p95/p99/max, measured by the client), how
many answers reached the fake's `response_url` and when the last one did, and the busy replies.
Targets: every ack 200, p99 ack <= 200 ms, every answer delivered; with `--slow-auth 5`, the first
ack < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.slack.fake_slack import RESPONSE_URL, FakeSlack  # noqa: E402
from tests.slack.payloads import command_form  # noqa: E402
from tests.slack.slack_support import SIGNING_SECRET, TOKEN, ServeProcess, sign_body  # noqa: E402

QUESTIONS = ("53", "vraag 12", "Hoeveel troepen trekt de VS terug uit Irak?", "wat is het dreigingsniveau?", "54")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--slow-auth", type=float, default=0.0, help="hold auth.test this many seconds")
    parser.add_argument("--deadline", type=float, default=120.0, help="seconds to wait for every answer")
    parser.add_argument("--server", choices=("gunicorn", "uvicorn"), default="gunicorn")
    parser.add_argument("--workers", type=int, default=1, help="KAMERVRAAG_HTTP_WORKERS")
    parser.add_argument("--threads", type=int, default=16, help="KAMERVRAAG_HTTP_THREADS")
    args = parser.parse_args(argv)

    with _FakeSlackProcess(slow_auth=args.slow_auth) as fake:
        started = time.perf_counter()
        child = _start(args.server, fake, workers=args.workers, threads=args.threads)
        try:
            port = int(child.wait_for_line(r"http://127\.0\.0\.1:(\d+)/slack/events", timeout=120).group(1))
            _wait_ready(port)
            ready_s = time.perf_counter() - started
            first = _command(port, fake.response_url, "53")
            first_ms = first[1] * 1000
            print(f"server: {args.server}; ready after {ready_s:.2f} s; first ack {first_ms:.1f} ms ({first[0]})")
            fake.wait_for_answers(1, deadline=30)
            result = _load(port, fake, args.count, args.concurrency, args.deadline)
            result["peak_rss_mb"] = _peak_rss_mb(child.process.pid)
        finally:
            code = child.stop()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        own = resource.getrusage(resource.RUSAGE_SELF)
        extra = {
            "server": args.server,
            "workers": args.workers,
            "threads": args.threads,
            "server_cpu_s": round(children.ru_utime + children.ru_stime, 2),
            "client_cpu_s": round(own.ru_utime + own.ru_stime, 2),
            "ready_s": round(ready_s, 2),
            "first_ack_ms": round(first_ms, 1),
            "exit_code": code,
        }
        print(json.dumps({**result, **extra}))
    return 0


class _FakeSlackProcess:
    """The local fake of Slack in a process of its own, so its work never competes with the load
    client's threads for one interpreter lock (that would be counted as the bot's latency)."""

    def __init__(self, *, slow_auth: float) -> None:
        self._conn, child_end = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=_run_fake, args=(child_end, slow_auth), daemon=True
        )

    def __enter__(self) -> _FakeSlackProcess:
        self._process.start()
        self.api_url, self.response_url = self._conn.recv()
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.send("stop")
        self._process.join(timeout=10)

    def answers(self) -> int:
        self._conn.send("count")
        return int(self._conn.recv())

    def wait_for_answers(self, count: int, *, deadline: float) -> int:
        end = time.monotonic() + deadline
        while (seen := self.answers()) < count and time.monotonic() < end:
            time.sleep(0.05)  # another process: polled, within a bound
        return seen


def _run_fake(conn: Any, slow_auth: float) -> None:
    # The fake stands in for slack.com, which does not run on the bot's cores: its work (receiving
    # the answers) yields to the bot and the load client rather than being counted as ack latency.
    os.nice(10)
    with FakeSlack() as fake:
        _widen_backlog(fake)
        if slow_auth:
            threading.Timer(slow_auth, fake.hold("auth.test").set).start()
        conn.send((fake.api_url, fake.response_url()))
        while (order := conn.recv()) != "stop":
            conn.send(len(fake.calls_to(RESPONSE_URL)) if order == "count" else None)


def _start(server: str, fake: _FakeSlackProcess, *, workers: int, threads: int) -> ServeProcess:
    env = _env(
        fake.api_url,
        KAMERVRAAG_INDEX_CACHE="0",
        KAMERVRAAG_LOG_LEVEL="WARNING",
        KAMERVRAAG_HTTP_WORKERS=str(workers),
        KAMERVRAAG_HTTP_THREADS=str(threads),
    )
    if server == "gunicorn":
        return ServeProcess("--http", "--port", "0", "--host", "127.0.0.1", env=env, cwd=ROOT)
    return _UvicornProcess(env=env, cwd=ROOT)


class _UvicornProcess(ServeProcess):
    """The same `SlackWeb` under uvicorn's WSGI interface (one process, its thread pool), for comparison."""

    def __init__(self, *, env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.load_uvicorn"], env=env, cwd=cwd, stderr=subprocess.PIPE, text=True
        )
        self.lines = []
        self._ended = False
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()


def _peak_rss_mb(pid: int) -> dict[str, int]:
    """VmHWM of the server's processes (gunicorn's master and its workers), in MB, for sizing limits."""

    def hwm(p: int) -> int:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            return 0
        return next((int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmHWM")), 0)

    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        children = []
    return {"master": hwm(pid), **{f"worker{i + 1}": hwm(c) for i, c in enumerate(children)}}


def _wait_ready(port: int, timeout: float = 60) -> None:
    """Until `/readyz` answers 200 (uvicorn prints its address before it listens)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.05)
    raise SystemExit(f"not ready within {timeout} s")


def _widen_backlog(fake: FakeSlack) -> None:
    """The fake's stdlib server listens with a backlog of 5; the bot's answers must not wait on that."""
    httpd: Any = fake._httpd
    httpd.socket.listen(128)


def _env(api_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAMERVRAAG_"))}
    return {**env, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api_url, **extra}


TIMEOUT_S = 10.0


def _signed_request(port: int, response_url: str, text: str) -> bytes:
    """The bytes of one signed slash command, as Slack sends it (signed now: valid for 300 s)."""
    body = urlencode(command_form(text, response_url))
    timestamp = str(int(time.time()))
    head = (
        f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"X-Slack-Request-Timestamp: {timestamp}\r\nX-Slack-Signature: {sign_body(body, timestamp)}\r\n"
        f"Content-Length: {len(body.encode())}\r\n\r\n"
    )
    return head.encode() + body.encode()


def _command(port: int, response_url: str, text: str) -> tuple[int, float]:
    """One command on its own (the first ack after start): (status, seconds)."""
    return asyncio.run(_timed(port, _signed_request(port, response_url, text)))


async def _timed(port: int, request: bytes) -> tuple[int, float]:
    """(status, seconds from connect to the response's last byte); 299 for the busy reply, 0 for a
    failure or a timeout."""
    start = time.perf_counter()
    try:
        status = await asyncio.wait_for(_exchange(port, request), TIMEOUT_S)
    except (OSError, ValueError):  # TimeoutError is an OSError
        status = 0
    return status, time.perf_counter() - start


async def _exchange(port: int, request: bytes) -> int:
    loop = asyncio.get_running_loop()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setblocking(False)
        await loop.sock_connect(sock, ("127.0.0.1", port))
        await loop.sock_sendall(sock, request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = await loop.sock_recv(sock, 65536)
            if not chunk:
                raise ValueError("connection closed before the response")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        if "content-length" in headers:
            wanted = int(headers["content-length"])
            while len(body) < wanted and (chunk := await loop.sock_recv(sock, 65536)):
                body += chunk
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while not body.endswith(b"0\r\n\r\n") and (chunk := await loop.sock_recv(sock, 65536)):
                body += chunk
        else:
            while chunk := await loop.sock_recv(sock, 65536):
                body += chunk
    return 299 if b"druk" in body else status


async def _send_all(port: int, requests: list[bytes], concurrency: int) -> list[tuple[int, float]]:
    """`concurrency` requests in flight at any time, each on a new connection."""
    results: list[tuple[int, float]] = [(0, 0.0)] * len(requests)
    positions = iter(range(len(requests)))

    async def sender() -> None:
        for i in positions:
            results[i] = await _timed(port, requests[i])

    await asyncio.gather(*(sender() for _ in range(concurrency)))
    return results


def _load(port: int, fake: _FakeSlackProcess, count: int, concurrency: int, deadline: float) -> dict[str, Any]:
    before = fake.answers()
    requests = [_signed_request(port, fake.response_url, QUESTIONS[i % len(QUESTIONS)]) for i in range(count)]
    began = time.perf_counter()
    results = asyncio.run(_send_all(port, requests, concurrency))
    acked_s = time.perf_counter() - began
    acks = sorted(seconds for _, seconds in results)
    busy = sum(1 for status, _ in results if status == 299)
    ok = sum(1 for status, _ in results if status in (200, 299))
    expected = before + ok - busy
    delivered = fake.wait_for_answers(expected, deadline=deadline) - before
    all_s = time.perf_counter() - began

    def pct(p: float) -> float:
        return round(acks[min(len(acks) - 1, int(p * len(acks)))] * 1000, 1)

    return {
        "requests": count,
        "concurrency": concurrency,
        "acked_200": ok - busy,
        "busy_replies": busy,
        "failed": count - ok,
        "ack_p50_ms": pct(0.50),
        "ack_p95_ms": pct(0.95),
        "ack_p99_ms": pct(0.99),
        "ack_max_ms": round(acks[-1] * 1000, 1),
        "ack_mean_ms": round(statistics.fmean(acks) * 1000, 1),
        "answers_delivered": delivered,
        "all_acked_s": round(acked_s, 2),
        "all_answered_s": round(all_s, 2),
    }


if __name__ == "__main__":
    sys.exit(main())
