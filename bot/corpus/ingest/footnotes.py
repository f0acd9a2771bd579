"""Footnotes: the marker glued to a word in the running text, and the body printed at a page bottom.

A body is only a footnote when its number is the next one expected and a marker with that number
precedes it, so numbers that belong to the text ("52e", "F-16", "COVID-19", "3 van de 5", a line that
starts with "30 september") are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BODY_START = re.compile(r"(\d{1,4}) (\S.*)")


@dataclass
class FootnoteBody:
    number: int
    lines: list[str] = field(default_factory=list)
    marker_line: int = 0
    """Index, among the lines of the item that carries it, of the line the marker stood on."""
    marker_column: int = 0
    """Where the marker stood in that line once removed: right after the word or sentence it follows."""


def body_start(text: str, expected: int) -> str | None:
    """The first line of footnote `expected` without its number, if `text` starts one."""
    match = _BODY_START.fullmatch(text)
    if match is None or int(match.group(1)) != expected:
        return None
    return match.group(2)


def marker(number: int) -> re.Pattern[str]:
    """`Studies1`, `VN-inschattingen2`, `gesteund.3`, `«Vuurwerk»?3`: the number right after a letter (or its
    punctuation)."""
    return re.compile(rf"(?<=[^\W\d_])[.,;:?!)’”»\"]{{0,2}}({number})(?!\w)")


def without_marker(text: str, number: int) -> tuple[str, int] | None:
    """`text` with the last marker of footnote `number` removed and where it stood, or None when it has none."""
    matches = list(marker(number).finditer(text))
    if not matches:
        return None
    start, end = matches[-1].span(1)
    return text[:start] + text[end:], start
