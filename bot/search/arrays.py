"""Arrays on disk as plain `.npz` files (no pickle): the passage vectors and the decline model's memory.

Written through a temporary file, so a reader never sees half of one; a file that is missing, empty,
truncated or not an `.npz` reads as None, so the engine starts without it instead of failing.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import numpy.typing as npt


def read_arrays(path: Path, names: tuple[str, ...]) -> dict[str, npt.NDArray[np.generic]] | None:
    try:  # opened here: numpy leaves its own handle open when the file is not a zip
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as data:
            return {name: data[name] for name in names}
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile):
        return None


def write_arrays(path: Path, arrays: dict[str, npt.NDArray[np.generic]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]
        os.chmod(tmp, 0o644)  # a shared file like the JSON beside it, not mkstemp's private 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
