"""A small typesetter that prints written questions the way the Aanhangsel PDFs of the series are laid out.

Measured with pdfminer on the 14 real PDFs (ah-tk-20232024-1076, -1178): A4; a text column from x 221.1
to about 541, 8.5 pt type at a 9.6 pt pitch, ragged right, a paragraph ending in a short line (no blank
line), a blank line before every "Vraag"/"Antwoord" heading; footnote markers as 5.5 pt raised digits
after a word; footnote bodies at the page bottom in 6.9 pt, each starting with a 4.5 pt raised number, the
next lines indented to x 227.3, the last one ending at about 688 from the top; every page ends with
"Tweede Kamer, vergaderjaar …, Aanhangsel" (9.1 pt) and the page number at the right margin; the first page
has the chamber's name, the year, the number and the heading, and the id, "ISSN 0921 - 7398" and
"’s-Gravenhage YYYY" in the left margin column.

Input texts use two marks of their own: `^3` is footnote marker 3 printed after the word before it, and a
soft hyphen (U+00AD) is where a word may be hyphenated at a line end. `expected()` is the text a careful
reader takes from the print (marks out, paragraphs as blank lines).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 221.1, 541.0
SIZE, PITCH = 8.5, 9.6
NOTE_SIZE, NOTE_PITCH, NOTE_INDENT = 6.9, 9.2, 227.3
MARK_SIZE, NOTE_NUMBER_SIZE = 5.5, 4.5
BODY_TOP = 64.1
NOTES_END = 688.0
"""Top of the last footnote line on a page."""
FONT, BOLD = "Helvetica", "Helvetica-Bold"
SOFT = "\u00ad"
_MARK = re.compile(r"\^(\^?\d+)")
_PIECE = re.compile(r"(\^\^?\d+|_\{\d+\})")
"""A line's pieces in their own type: `^3` / `^^3` (markers) and `_{2}`, a lowered small digit ("CO_{2}": CO₂)."""
_SUB = re.compile(r"_\{(\d+)\}")
"""`^3`: marker 3, small and raised; `^^3`: marker 3 printed in the text's own type ("bericht?3"), as some are."""


def expected(text: str) -> str:
    """What the print says: marks out, paragraphs separated by a blank line, a table row's cells by spaces."""
    paragraphs = [p[1:].replace("|", " ") if p.startswith("|") else p for p in text.split("\n\n")]
    return _SUB.sub(r"\1", _MARK.sub("", "\n\n".join(paragraphs))).replace(SOFT, "")


@dataclass
class Document:
    """A written-questions publication. `blocks`: (heading as printed, text); paragraphs in a text are separated
    by a blank line ("\n\n")."""

    id: str
    year: str
    heading: list[str]
    blocks: list[tuple[str, str]]
    footnotes: dict[int, str] = field(default_factory=dict)
    chamber: str = "Tweede Kamer"
    place_year: str = "2024"
    max_note_lines: int = 40
    """Footnote lines a page holds; the rest of a longer body runs on at the next page's bottom."""
    footer: str = "{chamber}, vergaderjaar {year}, Aanhangsel"
    even_number_left: bool = False
    """Book layout: an even page's number printed before the footer, at the column's left edge."""
    unprinted_markers: frozenset[int] = frozenset()
    """Footnotes whose marker the print leaves out (their bodies stay): a broken print."""
    unprinted_notes: frozenset[int] = frozenset()
    """Footnotes whose body the print leaves out (their markers stay): a broken print."""
    heading_gap: float = PITCH
    """Space above each "Vraag"/"Antwoord" heading: the series leaves a blank line."""
    margin: bool = True
    """The id, ISSN and place in the first page's margin column."""
    break_before: frozenset[str] = frozenset()
    """Paragraphs (exact text) that open a new page."""
    break_after: frozenset[str] = frozenset()
    """Headings printed last on their page: their text starts on the next one."""


@dataclass
class _Line:
    words: list[str]
    """Words as written (with `^n` marks and soft hyphens); the last may end in a hyphenation hyphen."""
    paragraph_end: bool = False


@dataclass
class _Page:
    body: list[tuple[float, _Line | str, str]] = field(default_factory=list)
    """(top, line, font) of each body line."""
    notes: list[tuple[int | None, str]] = field(default_factory=list)
    """Footnote lines: (number when a body starts, text)."""


def _width(text: str, size: float = SIZE) -> float:
    """The printed width of `text` with its markers in their small size."""
    width = 0.0
    for piece in _PIECE.split(text.replace(SOFT, "")):
        digits, small, _ = _piece(piece)
        width += stringWidth(digits, FONT, MARK_SIZE if small else size)
    return width


def _piece(piece: str) -> tuple[str, bool, float]:
    """What a piece prints, whether in small type, and its rise."""
    if piece.startswith("^^"):
        return piece[2:], False, 0.0
    if piece.startswith("^") and piece[1:].isdigit():
        return piece[1:], True, 3.0
    if (sub := _SUB.fullmatch(piece)) is not None:
        return sub.group(1), True, -1.5
    return piece, False, 0.0


def _wrap(paragraph: str, width: float = RIGHT - LEFT) -> list[_Line]:
    """Greedy line filling; a word that does not fit is hyphenated at its last soft hyphen that fits."""
    lines: list[_Line] = []
    current: list[str] = []
    for word in paragraph.split():
        candidate = " ".join([*current, word])
        if _width(candidate) <= width:
            current.append(word)
            continue
        pieces = word.split(SOFT)
        split = None
        for cut in range(len(pieces) - 1, 0, -1):
            head = SOFT.join(pieces[:cut]) + "-"
            if _width(" ".join([*current, head])) <= width:
                split = (head, SOFT.join(pieces[cut:]))
                break
        if split is not None:
            lines.append(_Line([*current, split[0]]))
            current = [split[1]]
        else:
            if current:
                lines.append(_Line(current))
            current = [word]
    if current:
        lines.append(_Line(current, paragraph_end=True))
    return lines


def _note_lines(number: int, text: str) -> list[tuple[int | None, str]]:
    words = text.split()
    out: list[tuple[int | None, str]] = []
    current: list[str] = []
    for word in words:
        if current and stringWidth(" ".join([*current, word]), FONT, NOTE_SIZE) > RIGHT - NOTE_INDENT:
            out.append((None, " ".join(current)))
            current = []
        current.append(word)
    out.append((None, " ".join(current)))
    return [(number, out[0][1]), *out[1:]]


def render(document: Document) -> bytes:
    """The PDF of `document`."""
    pages = _paginate(document)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1)
    for number, page in enumerate(pages, start=1):
        if number == 1:
            _first_page(canvas, document)
        for top, line, font in page.body:
            _draw_body_line(canvas, top, line, font, document.unprinted_markers)
        _draw_notes(canvas, page.notes)
        footer = document.footer.format(chamber=document.chamber, year=document.year)
        label = str(number)
        if document.even_number_left and number % 2 == 0:
            _draw_text(canvas, LEFT, 765.2, f"{label}  {footer}", FONT, 9.1)
        else:
            _draw_text(canvas, LEFT, 765.2, footer, FONT, 9.1)
            _draw_text(canvas, 540.0 - stringWidth(label, FONT, 9.1), 765.2, label, FONT, 9.1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _paginate(document: Document) -> list[_Page]:
    pages = [_Page()]
    top = 326.0  # below the number on the first page
    carried: list[tuple[int | None, str]] = []

    def notes_top(page: _Page, extra: int) -> float:
        count = len(page.notes) + extra
        return NOTES_END - (count - 1) * NOTE_PITCH if count else NOTES_END + 24

    def place(line: _Line | str, font: str, gap: float = 0.0) -> None:
        nonlocal top, carried
        page = pages[-1]
        at = top + (gap if page.body else 0)
        words = line.words if isinstance(line, _Line) else [line]
        new_notes = [int(n.lstrip("^")) for w in words for n in _MARK.findall(w)]
        note_lines = [
            entry
            for n in new_notes
            if n not in document.unprinted_notes
            for entry in _note_lines(n, document.footnotes[n])
        ]
        if at + PITCH > notes_top(page, len(note_lines)) - 20 and page.body:
            page = _Page()
            pages.append(page)
            page.notes.extend(carried)
            carried = []
            at = BODY_TOP
        room = max(0, document.max_note_lines - len(page.notes))
        page.notes.extend(note_lines[:room])
        carried.extend(note_lines[room:])
        page.body.append((at, line, font))
        top = at + PITCH

    for i, paragraph in enumerate(document.heading):
        for j, line in enumerate(_wrap(paragraph)):
            place(line, FONT, 5.7 if i > 0 and j == 0 else 0.0)  # the heading's paragraphs stand 15.3 apart
    for heading, text in document.blocks:
        for i, line in enumerate(_wrap(heading)):  # a long group of numbers runs on to a second line
            place(line, FONT, document.heading_gap if i == 0 else 0.0)
        if heading in document.break_after:
            top = NOTES_END
        for paragraph in text.split("\n\n"):
            if paragraph in document.break_before:
                top = NOTES_END
            if paragraph.startswith("|"):  # a table row: cells side by side in small type
                place(paragraph, FONT)
                continue
            for line in _wrap(" ".join(paragraph.split())):
                place(line, FONT)
    if carried:
        pages.append(_Page(notes=carried))
    return pages


def _first_page(canvas: Canvas, document: Document) -> None:
    _draw_text(canvas, 55.3, 64.8, f"{document.chamber} der Staten-Generaal", BOLD, 18.1)
    _draw_text(canvas, 505.9, 60.3, "2" if document.chamber == "Tweede Kamer" else "1", BOLD, 51.2)
    _draw_text(canvas, 55.3, 128.5, f"Vergaderjaar {document.year}", FONT, 9.6)
    _draw_text(canvas, LEFT, 128.4, "Aanhangsel van de Handelingen", BOLD, 10.0)
    _draw_text(canvas, LEFT, 185.8, "Vragen gesteld door de leden der Kamer, met de daarop door de", BOLD, 9.1)
    _draw_text(canvas, LEFT, 195.4, "regering gegeven antwoorden", BOLD, 9.1)
    _draw_text(canvas, LEFT, 293.4, document.id.rsplit("-", 1)[1], BOLD, 12.8)
    if document.margin:
        _draw_text(canvas, 55.3, 755.0, document.id, FONT, 5.9)
        _draw_text(canvas, 55.3, 761.4, "ISSN 0921 - 7398", FONT, 5.9)
        _draw_text(canvas, 55.3, 767.8, f"’s-Gravenhage {document.place_year}", FONT, 5.9)


def _baseline(top: float, size: float) -> float:
    return PAGE_H - top - size * 0.8


def _draw_text(canvas: Canvas, x: float, top: float, text: str, font: str, size: float) -> None:
    canvas.setFont(font, size)
    canvas.drawString(x, _baseline(top, size), text)


def _draw_body_line(canvas: Canvas, top: float, line: _Line | str, font: str, unprinted: frozenset[int]) -> None:
    if isinstance(line, str) and line.startswith("|"):
        first, *cells = line[1:].split("|")
        _draw_text(canvas, LEFT, top, first, FONT, NOTE_SIZE)
        for i, cell in enumerate(cells):  # right-aligned in equal columns after the first
            end = RIGHT - (len(cells) - 1 - i) * 80
            _draw_text(canvas, end - stringWidth(cell, FONT, NOTE_SIZE), top, cell, FONT, NOTE_SIZE)
        return
    if isinstance(line, str):
        _draw_text(canvas, LEFT, top, line, font, SIZE)
        return
    text = canvas.beginText(LEFT, _baseline(top, SIZE))
    for piece in _PIECE.split(" ".join(line.words).replace(SOFT, "")):
        printed, small, rise = _piece(piece)
        text.setFont(FONT if small else font, MARK_SIZE if small else SIZE)
        text.setRise(rise)
        if not (_MARK.fullmatch(piece) and int(printed) in unprinted):
            text.textOut(printed)
    canvas.drawText(text)


def _draw_notes(canvas: Canvas, notes: list[tuple[int | None, str]]) -> None:
    top = NOTES_END - (len(notes) - 1) * NOTE_PITCH
    for number, line in notes:
        if number is None:
            _draw_text(canvas, NOTE_INDENT, top, line, FONT, NOTE_SIZE)
        else:
            text = canvas.beginText(LEFT, _baseline(top, NOTE_SIZE))
            text.setFont(FONT, NOTE_NUMBER_SIZE)
            text.setRise(2.5)
            text.textOut(str(number))
            text.setRise(0)
            text.setFont(FONT, NOTE_SIZE)
            text.setTextOrigin(NOTE_INDENT, _baseline(top, NOTE_SIZE))
            text.textOut(line)
            canvas.drawText(text)
        top += NOTE_PITCH
