"""Footnote markers back in the official text, where the corpus recorded them (`Footnote.offset`).

Pure. Only a marker is added: every official character stays where it was. A note without a
recorded position (an older corpus) adds no marker; its note is still shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from bot.corpus.models import Footnote


def with_markers(
    text: str, footnotes: Iterable[Footnote], field: Literal["question", "answer"], mark: Callable[[int], str]
) -> str:
    """`text` with `mark(n)` inserted at each offset recorded for `field` (¹ for Slack, [1] for a terminal)."""
    places = sorted(
        ((fn.offset, fn.number) for fn in footnotes if fn.field == field and fn.offset is not None),
        reverse=True,
    )
    for offset, number in places:
        if offset <= len(text):
            text = text[:offset] + mark(number) + text[offset:]
    return text
