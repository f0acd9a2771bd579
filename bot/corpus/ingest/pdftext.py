"""The PDF-text format of a *lijst van vragen en antwoorden*: a bare number line, the question, the answer.

    22
    Hoe verklaart u de kennelijke toename van aanvallen op Ameri-
    kaanse doelen door sjiitische milities? …
    De aanvallen op (waarschijnlijk) Amerikaanse doelen worden …

A number line opens an item when it is the next number and stands after a gap or at a page start;
the question ends at the item's last line that ends in "?", the answer is the rest. Footnote bodies
are taken out of the running text and given to the item whose text carries their marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot import messages
from bot.corpus.ingest.errors import IngestError
from bot.corpus.ingest.footnotes import FootnoteBody, body_start, without_marker
from bot.corpus.ingest.layout import Line

_NUMBER_LINE = re.compile(r"\d{1,5}")
_QUESTION_END = re.compile(r"\?[\"'’”»)\]]*$")


@dataclass
class ParsedItem:
    number: int
    question: list[str]
    answer: list[str]
    footnotes: list[FootnoteBody] = field(default_factory=list)


@dataclass
class _Block:
    number: int
    line: int
    lines: list[str] = field(default_factory=list)


@dataclass
class _Reader:
    blocks: list[_Block] = field(default_factory=list)
    footnotes: list[tuple[int, FootnoteBody]] = field(default_factory=list)
    """(index of the block that carries the marker, body)"""
    open_footnote: FootnoteBody | None = None
    marker_at: tuple[int, int] = (0, 0)
    """(block, line) of the last marker found: the next marker can only come after it."""
    marker_place: tuple[int, int] = (0, 0)
    """(line in its block, column) where the last marker removed stood."""

    def read(self, line: Line) -> None:
        bare = _NUMBER_LINE.fullmatch(line.text)
        if self.open_footnote is not None and (line.after_gap or line.page_start or bare):
            self.open_footnote = None
        if bare and (line.after_gap or line.page_start):
            self._start_item(int(bare.group()), line)
        elif not self.blocks:
            raise IngestError(messages.ingest_text_before_first_item(line.number))
        elif not self._start_footnote(line):
            if self.open_footnote is not None:
                self.open_footnote.lines.append(line.text)
            else:
                self.blocks[-1].lines.append(line.text)

    def _start_item(self, number: int, line: Line) -> None:
        expected = self.blocks[-1].number + 1 if self.blocks else 1
        if number != expected:
            raise IngestError(messages.ingest_out_of_sequence(line.number, number, expected))
        self.blocks.append(_Block(number, line.number))

    def _start_footnote(self, line: Line) -> bool:
        number = len(self.footnotes) + 1
        if not (line.after_gap or self.open_footnote is not None):
            return False
        first = body_start(line.text, number)
        if first is None:
            return False
        owner = self._remove_marker(number)
        if owner is None:
            return False
        self.open_footnote = FootnoteBody(number, [first], *self.marker_place)
        self.footnotes.append((owner, self.open_footnote))
        return True

    def _remove_marker(self, number: int) -> int | None:
        """Take the nearest preceding marker out of the text; the index of the block that held it."""
        first_block, first_line = self.marker_at
        for b in range(len(self.blocks) - 1, first_block - 1, -1):
            lines = self.blocks[b].lines
            stop = first_line if b == first_block else 0
            for i in range(len(lines) - 1, stop - 1, -1):
                found = without_marker(lines[i], number)
                if found is not None:
                    lines[i], column = found
                    self.marker_at = (b, i)
                    self.marker_place = (i, column)
                    return b
        return None


def parse_items(lines: list[Line]) -> list[ParsedItem]:
    reader = _Reader()
    for line in lines:
        reader.read(line)
    if not reader.blocks:
        raise IngestError(messages.ingest_no_items())
    items = [_split(block) for block in reader.blocks]
    for owner, body in reader.footnotes:
        items[owner].footnotes.append(body)
    return items


def _split(block: _Block) -> ParsedItem:
    ends = [i for i, text in enumerate(block.lines) if _QUESTION_END.search(text)]
    if not ends:
        raise IngestError(messages.ingest_no_question_end(block.number, block.line))
    last = ends[-1]
    if last == len(block.lines) - 1:
        raise IngestError(messages.ingest_no_answer(block.number, block.line))
    return ParsedItem(block.number, block.lines[: last + 1], block.lines[last + 1 :])
