"""The printed lines of a PDF, with what the parser needs from the print: where, how big, which digits are markers.

The only module that touches the PDF library (pdfminer.six: the most faithful of those measured on the
Aanhangsel PDFs, see `bench/`). Everything after it works on `PrintedLine`s, so the parser can be tested
on lines built by hand.
"""

from __future__ import annotations

import logging
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from bot import messages
from bot.corpus.ingest.errors import IngestError

if TYPE_CHECKING:
    from pdfminer.layout import LTChar

_SPACING_ACCENTS = str.maketrans("´`¨ˆˇ˜¸˚", "\u0301\u0300\u0308\u0302\u030c\u0303\u0327\u030a")
"""Some fonts print "ć" as "c" and a separate "´": put them back together."""
_ACCENTS = "´`¨ˆˇ˜¸˚"
_SOFT_HYPHEN = "\u00ad"
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
"""Hyphen characters of their own: the running text uses "-" (so a split word is joined again)."""
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SMALL = 0.8
"""A digit printed below this fraction of its line's type size is a footnote number, not text…"""
_RAISED = 0.15
"""… when raised by at least this fraction of the type size (the series raises them 3.2–4.1 pt on 8.5 and 6.9)."""


@dataclass(frozen=True)
class PrintedLine:
    page: int
    """0-based."""
    text: str
    """Without footnote numbers; runs of whitespace made one space, no leading or trailing space."""
    x0: float
    x1: float
    top: float
    """Distance from the top of the page to the top of the line (grows down the page)."""
    bottom: float
    size: float
    """The type size most of the line is printed in."""
    markers: tuple[tuple[int, int], ...] = ()
    """(column in `text`, footnote number) for each small number printed inside the line."""
    lead_number: int | None = None
    """A small number printed at the start of the line (a footnote body starts), taken out of `text`."""


def read_pdf(data: bytes) -> list[PrintedLine]:
    """Raises IngestError when the bytes are not a readable PDF."""
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if not data.startswith(b"%PDF"):
        raise IngestError(messages.ingest_not_a_pdf())
    try:
        pages = list(extract_pages(BytesIO(data)))
    except (PDFException, PSException, ValueError, KeyError, TypeError, IndexError, AssertionError) as exc:
        raise IngestError(messages.ingest_pdf_unreadable(type(exc).__name__)) from None
    lines: list[PrintedLine] = []
    for number, page in enumerate(pages):
        height = page.height
        found = [line for raw in _text_lines(page) if (line := _line(number, height, raw)) is not None]
        lines += sorted(found, key=lambda line: (round(line.bottom), line.x0))
    return lines


def _text_lines(container: object) -> Iterator[object]:
    from pdfminer.layout import LTTextLine

    if isinstance(container, LTTextLine):
        yield container
    elif isinstance(container, Iterable):
        for child in container:
            yield from _text_lines(child)


def _line(page: int, height: float, raw: object) -> PrintedLine | None:
    from pdfminer.layout import LTChar, LTTextLine

    assert isinstance(raw, LTTextLine)
    sizes = Counter(round(c.size, 1) for c in raw if isinstance(c, LTChar) and not c.get_text().isspace())
    if not sizes:
        return None
    size = sizes.most_common(1)[0][0]
    baseline = statistics.median(c.y0 for c in raw if isinstance(c, LTChar) and round(c.size, 1) == size)
    chars = [(c.get_text(), _printed_size(c, size, baseline) if isinstance(c, LTChar) else None) for c in raw]
    text, markers, lead = _text_and_markers(chars, size)
    if not text:
        return None
    return PrintedLine(
        page=page,
        text=text,
        x0=raw.x0,
        x1=raw.x1,
        top=height - raw.y1,
        bottom=height - raw.y0,
        size=size,
        markers=tuple(markers),
        lead_number=lead,
    )


def _printed_size(char: LTChar, size: float, baseline: float) -> float:
    """A small character's size, when raised above the line (a footnote number); a small one printed on or below
    the line ("CO₂" set as a lowered "2") reads as text, so it counts as the line's size."""
    if char.size < _SMALL * size and char.y0 - baseline < _RAISED * size:
        return size
    return float(char.size)


def _text_and_markers(
    chars: list[tuple[str, float | None]], size: float
) -> tuple[str, list[tuple[int, int]], int | None]:
    """Build the line's text; small digits become markers (or the leading footnote number)."""
    out: list[str] = []
    markers: list[tuple[int, int]] = []
    lead: int | None = None
    digits = ""

    def flush() -> None:
        nonlocal digits, lead
        if not digits:
            return
        text = "".join(out).rstrip()
        if not text:
            lead = int(digits)
        else:
            markers.append((len(text), int(digits)))
        digits = ""

    soft_hyphen_at_end = False
    for char, char_size in chars:
        small = char_size is not None and char_size < _SMALL * size
        if small and char.isdigit():
            digits += char
            continue
        flush()
        if char == _SOFT_HYPHEN:  # only printed where a word was split at the line end
            soft_hyphen_at_end = True
            continue
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        soft_hyphen_at_end = False
        if out and char in _ACCENTS and (composed := _with_accent(out[-1], char)):
            out[-1] = composed
            continue
        out.append(_LIGATURES.get(char, char).translate(_HYPHENS))
    flush()
    text = "".join(out).rstrip() + ("-" if soft_hyphen_at_end else "")
    # a marker was counted against the text before it; trailing spaces are gone, so clamp
    return text, [(min(col, len(text)), n) for col, n in markers], lead


def _with_accent(previous: str, accent: str) -> str | None:
    """`c` + `´` → `ć`, when the letter and the accent make one character."""
    composed = unicodedata.normalize("NFC", previous + accent.translate(_SPACING_ACCENTS))
    return composed if len(composed) == 1 and previous.isalpha() else None
