"""The image itself, built with deploy/build-image: opt-in, `KAMERVRAAG_TEST_IMAGE=1 pytest tests/deploy`.

Building takes about 2 to 3 minutes on the 2-core machine, needs root, podman and debootstrap, and
downloads Debian's and PyPI's packages: too slow and not offline enough for the default suite, which
checks everything cheap about the same files (test_dockerfile, test_compose, test_k8s).

Containers cannot start in this sandbox (setrlimit is refused), so the image runs through
`podman image mount` + chroot, as its own user with its own environment: `kamervraag show 53`
(inside build-image), its HEALTHCHECK command, and `/kamervraag 53` answered over HTTP.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.deploy_support import DEPLOY
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.payloads import command_form
from tests.slack.slack_support import SIGNING_SECRET, TOKEN, all_text, sign_body

TAG = "localhost/kamervraag:test"
MAX_IMAGE_MB = 450

pytestmark = pytest.mark.skipif(
    os.environ.get("KAMERVRAAG_TEST_IMAGE") != "1", reason="builds the image: set KAMERVRAAG_TEST_IMAGE=1"
)


def _inspect(field: str) -> str:
    return subprocess.run(
        ["podman", "image", "inspect", "--format", field, TAG], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def built() -> str:
    """deploy/build-image's own checks (show 53 as the image's user) pass; its last line is the size."""
    assert os.geteuid() == 0 and shutil.which("podman") and shutil.which("debootstrap"), "root, podman, debootstrap"
    result = subprocess.run([str(DEPLOY / "build-image"), TAG], capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def mounted(built: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The image's root, read-only as in deploy/k8s, with what a container runtime and the manifests
    add: fresh writable folders over /tmp and the user's home (the emptyDirs), and a /dev with a
    writable /dev/shm (gunicorn's workers share their readiness through it)."""
    root = Path(
        subprocess.run(["podman", "image", "mount", TAG], capture_output=True, text=True, check=True).stdout.strip()
    )
    uid, gid = (int(part) for part in _inspect("{{.Config.User}}").strip().split(":"))
    home = _inspect("{{.Config.WorkingDir}}").strip()
    dev = tmp_path_factory.mktemp("dev")
    subprocess.run(["cp", "-a", f"{root}/dev/.", str(dev)], check=True)
    (dev / "shm").mkdir(exist_ok=True)
    (dev / "shm").chmod(0o1777)
    bound: list[Path] = []
    try:
        for inside, outside in (("/tmp", None), (home, None), ("/dev", dev)):
            if outside is None:
                outside = tmp_path_factory.mktemp("writable")
                os.chown(outside, uid, gid)
            target = root / inside.lstrip("/")
            subprocess.run(["mount", "--bind", str(outside), str(target)], check=True)
            bound.append(target)
        yield root
    finally:
        for target in reversed(bound):
            subprocess.run(["umount", str(target)], check=False)
        subprocess.run(["podman", "image", "unmount", TAG], capture_output=True, check=False)


def _as_image_user(root: Path, command: list[str], **env: str) -> list[str]:
    image_env = [line for line in _inspect("{{range .Config.Env}}{{println .}}{{end}}").splitlines() if line]
    user = _inspect("{{.Config.User}}").strip()
    home = _inspect("{{.Config.WorkingDir}}").strip()
    environment = [*image_env, f"HOME={home}", *(f"{k}={v}" for k, v in env.items())]
    return ["chroot", f"--userspec={user}", str(root), "/usr/bin/env", "-i", *environment, *command]


def test_the_image_is_small_enough(built: str) -> None:
    assert built.startswith("size_mb=")
    assert int(built.removeprefix("size_mb=")) <= MAX_IMAGE_MB


def test_the_image_runs_as_its_non_root_user_with_health_check(built: str) -> None:
    assert _inspect("{{.Config.User}}").strip() == "10001:10001"
    health = json.loads(_inspect("{{json .Config.Healthcheck}}"))
    assert health and health["Test"][0] == "CMD"


def test_the_image_answers_kamervraag_53_over_http(mounted: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    health = json.loads(_inspect("{{json .Config.Healthcheck}}"))["Test"][1:]
    health = [part.replace("127.0.0.1:3000", f"127.0.0.1:{port}") for part in health]
    with FakeSlack() as fake:
        serve = subprocess.Popen(
            _as_image_user(
                mounted,
                ["kamervraag", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
                SLACK_BOT_TOKEN=TOKEN,
                SLACK_SIGNING_SECRET=SIGNING_SECRET,
                SLACK_API_URL=fake.api_url,
            ),
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 120
            while subprocess.run(_as_image_user(mounted, health), capture_output=True).returncode != 0:
                assert serve.poll() is None, serve.communicate()[1][-3000:]
                assert time.monotonic() < deadline, "the image's HEALTHCHECK never passed"
                time.sleep(0.5)
            body = urllib.parse.urlencode(command_form("53", fake.response_url()))
            timestamp = str(int(time.time()))
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/slack/events",
                data=body.encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Slack-Request-Timestamp": timestamp,
                    "X-Slack-Signature": sign_body(body, timestamp),
                },
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
            (answer,) = fake.wait_for(1, method=RESPONSE_URL, timeout=30)
            assert "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53" in all_text(answer)
        finally:
            serve.send_signal(signal.SIGTERM)
            _, stderr = serve.communicate(timeout=30)
        assert serve.returncode == 0, stderr[-3000:]
        assert TOKEN not in stderr and SIGNING_SECRET not in stderr
        assert "indexcache" not in stderr, "the index cache is written to the writable home"
