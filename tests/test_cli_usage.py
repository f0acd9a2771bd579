"""The command line's own texts (usage, help, argument errors) are Dutch like the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import messages
from bot.cli import main


def test_a_missing_argument_is_named_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["show"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == messages.usage_error("deze argumenten ontbreken: NUMMER") + "\n"


def test_an_unknown_command_and_conflicting_options_are_refused_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["zoek", "53"], ["show", "53", "--json", "--slack"], ["show", "53", "--wat"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("kamervraag: ") and err.endswith(" Zie 'kamervraag --help'.\n")
        for english in ("invalid choice", "not allowed with", "unrecognized arguments", "choose from"):
            assert english not in err


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: kamervraag ") and "\nopties:\n" in out and "toon deze hulp en stop" in out
    assert "usage:" not in out and "show this help" not in out and "version number" not in out


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_output_on_a_full_disk_is_one_dutch_line_and_exit_2(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "list", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "KAMERVRAAG_INDEX_CACHE": "0"},
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (2, "kamervraag kon niet verder: de schijf is vol.\n")
