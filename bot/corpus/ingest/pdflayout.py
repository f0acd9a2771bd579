"""From the printed lines of an official PDF to its running lines: page furniture out, footnotes apart.

The publications of the Staten-Generaal share one layout: a text column, a margin column on the first
page (the id, "ISSN 0921 - 7398", "’s-Gravenhage 2024"), a running footer ("Tweede Kamer, vergaderjaar
2023–2024, Aanhangsel" and the page number), and footnote bodies at a page bottom, in smaller type, each
starting with a small number. Everything here is measured on the page itself (the body type size, the
column), not fixed for one document.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from bot.corpus.ingest.pdfpages import PrintedLine
from bot.corpus.ingest.width import text_width

_FOOTER = re.compile(
    r"(?:’s-Gravenhage \d{4}\s+)?(?:Tweede|Eerste) Kamer,? vergaderjaar \d{4}\s*[-–—]\s*\d{4},? Aanhangsel(?: \d+)?",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(
    r"(?:\d{1,4}\s+)?(?:’s-Gravenhage \d{4}\s+)?(?:Tweede|Eerste) Kamer,? vergaderjaar \d{4}\s*[-–—/]\s*\d{2,4}\b",
    re.IGNORECASE,
)
"""The running footer in a wording of its own ("… Aanhangsel 1650", a page number first): only as a page's last line."""
_FURNITURE = re.compile(r"ISSN \d{4} ?- ?\d{4}|’s-Gravenhage \d{4}|ah-tk-\d{8}-\d+|\d{1,4}", re.IGNORECASE)
"""Margin-column texts and lone page numbers."""
_UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)(?= |$)")
"""A glyph the font does not map to a character; at a line start that is a list bullet."""
_BULLET = "•"
_LIST_LABEL = re.compile(r"\(cid:\d+\)|[•·▪◦–-]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]")
"""A list item's label printed apart from its text ("•", "1.", "a)"): a list item, not a table row."""
_LIST_ITEM = re.compile(r"(?:•|(?:\d{1,2}|[a-z])[.)]) \S")
_ROW = 0.35
"""Fragments whose vertical extents overlap by this fraction of the type size form one line (table rows)."""
_FOOTER_APART = 4.0
"""A page's last line this many type sizes below the line above it, in another size: the running footer."""
_GAP = 1.7
"""A line pitch above this many times the type size means a blank line before it."""


@dataclass(frozen=True)
class RunLine:
    """A line of running text, ready to be joined."""

    text: str
    page: int
    """1-based, for messages."""
    after_gap: bool = False
    page_start: bool = False
    room_left: float = 0.0
    """How much of the column width the line leaves empty at its end (points)."""
    size: float = 0.0
    markers: tuple[tuple[int, int], ...] = ()
    row: bool = False
    """A table row (cells printed side by side): a line of its own in the running text."""
    item: bool = False
    """Starts a list item ("•", "1.", "a)" printed apart from the text): starts a new line of its own."""

    def would_fit(self, word: str) -> bool:
        """Whether `word` (with a space) would still have fitted on this line: then the line ended a paragraph."""
        return text_width(f" {word}") * self.size / 1000 < self.room_left


@dataclass
class Layout:
    """The document's running lines (first page's heading included) and the footnote bodies by number."""

    lines: list[RunLine]
    footnotes: dict[int, list[str]]
    margin: list[str]
    """What the margin column and the running footer printed (the id, the year): for the metadata."""
    note_pages: dict[int, int] = field(default_factory=dict)
    """The (1-based) page each footnote body starts on: for messages."""


def layout(printed: list[PrintedLine]) -> Layout:
    body_size = _body_size(printed)
    left, right = _column(printed, body_size)
    lines: list[RunLine] = []
    footnotes: dict[int, list[str]] = {}
    margin: list[str] = []
    note_pages: dict[int, int] = {}
    for number in sorted({line.page for line in printed}):
        page = [line for line in printed if line.page == number]
        kept = _without_furniture(page, left, margin, body_size)
        rows = _rows(kept)
        body, notes = _split_footnotes(rows, body_size, left, max(footnotes, default=None))
        for n, text in notes.items():
            footnotes.setdefault(n, []).extend(text)
            note_pages.setdefault(n, number + 1)
        lines += _run_lines(body, left, right, number + 1)
    return Layout(lines=lines, footnotes=footnotes, margin=margin, note_pages=note_pages)


def _body_size(printed: list[PrintedLine]) -> float:
    weights: Counter[float] = Counter()
    for line in printed:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _column(printed: list[PrintedLine], body_size: float) -> tuple[float, float]:
    """The text column's left edge (where most body lines start) and right edge (where full lines end)."""
    body = [line for line in printed if line.size == body_size]
    lefts = Counter(round(line.x0) for line in body)
    left = float(lefts.most_common(1)[0][0]) if lefts else 0.0
    rights = [line.x1 for line in body]
    right = statistics.quantiles(rights, n=10)[-1] if len(rights) >= 10 else max(rights, default=0.0)
    return left, right


def _without_furniture(page: list[PrintedLine], left: float, margin: list[str], body_size: float) -> list[PrintedLine]:
    footer_top = min((line.top for line in page if _FOOTER.fullmatch(line.text)), default=None)
    column = [line for line in page if line.x1 >= left - 1]
    if footer_top is None and column:
        footer_top = _unknown_footer(column, body_size)
    kept: list[PrintedLine] = []
    for line in page:
        in_footer = footer_top is not None and line.top >= footer_top - 1
        in_margin = line.x1 < left - 1 and (_FURNITURE.fullmatch(line.text) is not None or line.x0 < left - 100)
        if in_footer or in_margin:
            margin.append(line.text)
        else:
            kept.append(line)
    return kept


def _unknown_footer(column: list[PrintedLine], body_size: float) -> float | None:
    """Where a footer the patterns do not know stands: the page's last line, when it names the chamber's year, or
    when it stands far below the rest in a type size of its own (the running footer, never running text)."""
    last = max(line.top for line in column)
    bottom = [line for line in column if line.top >= last - 2]
    if any(_FOOTER_START.match(line.text) for line in bottom):
        return last - 2
    above = max((line.top for line in column if line.top < last - 2), default=None)
    apart = above is not None and last - above > _FOOTER_APART * body_size
    own_size = all(line.size != body_size and line.lead_number is None for line in bottom)  # no footnote either
    return last - 2 if apart and own_size else None


def _rows(page: list[PrintedLine]) -> list[tuple[PrintedLine, bool]]:
    """Fragments printed side by side (table cells, a bullet and its text) become one line, left to right;
    with whether it is a table row (more than a bullet and its text)."""
    rows: list[list[PrintedLine]] = []
    for line in sorted(page, key=lambda line: (line.top, line.x0)):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    merged = [sorted(row, key=lambda line: line.x0) for row in rows]
    return [(_merge(row), len(row) > 1 and not _LIST_LABEL.fullmatch(row[0].text)) for row in merged]


def _same_row(a: PrintedLine, b: PrintedLine) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > _ROW * max(a.size, b.size) and b.lead_number is None and a.lead_number is None


def _merge(row: list[PrintedLine]) -> PrintedLine:
    first = row[0]
    text, markers = first.text, list(first.markers)
    for line in row[1:]:
        shift = len(text) + 1
        text = f"{text} {line.text}"
        markers += [(col + shift, n) for col, n in line.markers]
    return replace(
        first,
        text=text,
        x1=max(line.x1 for line in row),
        bottom=max(line.bottom for line in row),
        size=max(row, key=lambda line: len(line.text)).size,
        markers=tuple(markers),
    )


def _split_footnotes(
    rows: list[tuple[PrintedLine, bool]], body_size: float, left: float, continued: int | None
) -> tuple[list[tuple[PrintedLine, bool]], dict[int, list[str]]]:
    """Footnote bodies: from the first small-type line that starts with a small number to the page end; and
    above it, small-type lines indented like a body's second line: the rest of the previous page's last
    footnote (`continued`), when it ran over."""
    start = next(
        (i for i, (line, _) in enumerate(rows) if line.lead_number is not None and line.size < body_size),
        len(rows),
    )
    notes: dict[int, list[str]] = {}
    if continued is not None:
        carried = start
        while carried > 0 and _continues_note(rows[carried - 1], body_size, left):
            carried -= 1
        if carried < start:
            notes[continued] = [line.text for line, _ in rows[carried:start]]
            rows, start = rows[:carried] + rows[start:], carried
    current: list[str] | None = None
    for line, _ in rows[start:]:
        if line.lead_number is not None:
            current = notes.setdefault(line.lead_number, [])
        if current is not None:
            current.append(line.text)
    return rows[:start], notes


def _continues_note(row: tuple[PrintedLine, bool], body_size: float, left: float) -> bool:
    line, table_row = row
    return line.size < body_size and line.x0 > left + 1 and not table_row and line.lead_number is None


def _run_lines(rows: list[tuple[PrintedLine, bool]], left: float, right: float, page: int) -> list[RunLine]:
    lines: list[RunLine] = []
    previous: PrintedLine | None = None
    for row, table_row in rows:
        text, markers = _bullet(row.text, row.markers)
        gap = previous is not None and row.top - previous.top > _GAP * max(row.size, previous.size)
        lines.append(
            RunLine(
                text=text,
                page=page,
                after_gap=gap,
                page_start=previous is None,
                room_left=max(0.0, right - row.x1),
                size=row.size,
                markers=markers,
                row=table_row,
                item=_LIST_ITEM.match(text) is not None and row.x0 < left + 1,
            )
        )
        previous = row
    return lines


def _bullet(text: str, markers: tuple[tuple[int, int], ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    match = _UNMAPPED_GLYPH.match(text)
    if match is None:
        return text, markers
    shift = len(_BULLET) - match.end()
    return _BULLET + text[match.end() :], tuple((col + shift, n) for col, n in markers)
