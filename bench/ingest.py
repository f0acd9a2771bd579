"""Ingest time of official PDFs (before embedding): each PDF of a folder ingested in process, timed.

    python -m bench.ingest                        # the packaged sources (corpus/sources/*.pdf)
    python -m bench.ingest --sources DIR --passes 5

Prints one row per PDF (pages, items, footnotes, median and slowest of the passes, in seconds) and the
slowest overall; the target is at most 2 s for one PDF. The first pass also pays for importing the PDF
library, so it is reported apart ("first s").
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bot.corpus.ingest.pdf import ingest_pdf

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=ROOT / "corpus" / "sources")
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args(argv)
    paths = sorted(args.sources.glob("*.pdf"))
    print(f"{'pdf':<24} {'pages':>5} {'items':>5} {'notes':>5} {'first s':>8} {'median s':>8} {'max s':>6}")
    slowest = 0.0
    for path in paths:
        data = path.read_bytes()
        times: list[float] = []
        for _ in range(max(1, args.passes)):
            start = time.perf_counter()
            document, _ = ingest_pdf(data)
            times.append(time.perf_counter() - start)
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages") or data.count(b"/Type/Page")
        notes = len({f.number for item in document.questions for f in item.footnotes})
        later = times[1:] or times
        slowest = max(slowest, *later)
        print(
            f"{path.stem:<24} {pages:>5} {len(document.questions):>5} {notes:>5} {times[0]:>8.3f} "
            f"{statistics.median(later):>8.3f} {max(later):>6.3f}"
        )
    print(f"slowest ingest of one PDF (after the first): {slowest:.3f} s over {len(paths)} PDFs (target ≤ 2 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
