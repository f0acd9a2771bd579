"""The lines of a PDF-text extract, without its page furniture.

The running footer is dropped, blank lines vanish, and what they told about the layout survives as
flags on the next line: whether it follows a gap (items and footnote blocks start after one) and
whether it starts a page (the extract marks a page start with a leading space, a form feed, or the
footer just before it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import messages
from bot.corpus.ingest.errors import IngestError
from bot.corpus.models import Document

_DASHES = r"\s*[-–—]\s*"
_ANY_FOOTER = re.compile(
    r"(?:Tweede|Eerste)\s+Kamer,\s+vergaderjaar\s+\d{4}\s*[-–—]\s*\d{4},\s+[\d\s]+,\s+nr\.\s*\d+(?:\s+\d+)?",
    re.IGNORECASE,
)
"""Any document's running footer: one that is not this META's means the META belongs to another text."""


@dataclass(frozen=True)
class Line:
    number: int
    """1-based line number in the source, for messages."""
    text: str
    """The line without surrounding whitespace; runs of inner whitespace made one space."""
    after_gap: bool = False
    page_start: bool = False


def footer_pattern(document: Document) -> re.Pattern[str]:
    """`Tweede Kamer, vergaderjaar 2020–2021, 27 925, nr. 748 3`, built from the document's own values."""
    year = _DASHES.join(re.escape(part) for part in re.split(_DASHES, document.session_year.strip()))
    dossier = r"\s*".join(re.escape(char) for char in (document.dossier or "") if not char.isspace())
    number = re.escape(document.number.strip())
    return re.compile(
        rf"(?:Tweede|Eerste)\s+Kamer,\s+vergaderjaar\s+{year},\s+{dossier},\s+nr\.\s*{number}(?:\s+\d+)?",
        re.IGNORECASE,
    )


def content_lines(text: str, footer: re.Pattern[str]) -> list[Line]:
    lines: list[Line] = []
    gap = page = False
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if "\f" in raw:
            page = True
            raw = raw.replace("\f", "")
        stripped = " ".join(raw.split())
        if not stripped:
            gap = True
            continue
        if footer.fullmatch(stripped):
            gap = page = True
            continue
        if _ANY_FOOTER.fullmatch(stripped):
            raise IngestError(messages.ingest_footer_mismatch(number, stripped))
        page = page or raw[0].isspace()
        lines.append(Line(number=number, text=stripped, after_gap=gap or not lines, page_start=page))
        gap = page = False
    return lines
