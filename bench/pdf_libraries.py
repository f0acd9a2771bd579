"""Which PDF library reads the Aanhangsel PDFs most faithfully: each one's words against pdftotext's.

    python -m bench.pdf_libraries [--sources DIR]

Needs `pdftotext` (poppler-utils, an independent reference) and whichever of pypdf, pypdfium2 and
pdfminer.six are installed (`pip install pypdf pypdfium2` to compare them all; only pdfminer.six is a
dependency of kamervraag). For each PDF: the similarity of the word sequence (difflib ratio, 1.0 = the
same words in the same order) and the extraction time. PyMuPDF is left out: AGPL.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text.replace("\u00ad", ""))


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pypdf(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def _pdfium(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(path))


LIBRARIES: dict[str, tuple[str, Callable[[Path], str]]] = {
    "pypdf": ("pypdf", _pypdf),
    "pypdfium2": ("pypdfium2", _pdfium),
    "pdfminer.six": ("pdfminer", _pdfminer),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=ROOT / "corpus" / "sources")
    args = ap.parse_args(argv)
    if shutil.which("pdftotext") is None:
        print("pdftotext not found (apt-get install poppler-utils)")
        return 2
    available = {name: read for name, (module, read) in LIBRARIES.items() if importlib.util.find_spec(module)}
    totals: dict[str, list[tuple[float, float]]] = {name: [] for name in available}
    for path in sorted(args.sources.glob("*.pdf")):
        reference = _words(_pdftotext(path))
        row = [path.stem]
        for name, read in available.items():
            start = time.perf_counter()
            words = _words(read(path))
            seconds = time.perf_counter() - start
            ratio = difflib.SequenceMatcher(None, reference, words, autojunk=False).ratio()
            totals[name].append((ratio, seconds))
            row.append(f"{name}={ratio:.4f}/{seconds * 1000:.0f}ms")
        print(*row)
    for name, values in totals.items():
        mean = sum(r for r, _ in values) / len(values)
        print(f"{name}: mean ratio {mean:.4f}, slowest {max(s for _, s in values) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
