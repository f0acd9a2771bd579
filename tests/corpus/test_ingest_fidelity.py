"""Nothing lost, nothing invented: the words of the printed text are exactly the words of the corpus.

The expected side is computed here from the raw source with the plainest possible rules (drop the footer
and the number lines, take out the two footnotes, glue a line ending in a hyphen to the next), so it does
not share code with the parser. Hyphens are compared away: which ones stay is checked exactly elsewhere.
"""

from __future__ import annotations

import re

from bot.corpus import Item

FOOTER = "Tweede Kamer, vergaderjaar 2020–2021, 27 925, nr. 748 3"
FOOTNOTE_LINES = {
    "1 The Rise and Fall of IS, The Hague Centre for Strategic Studies: https://hcss.nl/sites/default/files/": 1,
    "files/reports/The%20Rise%20and%20Fall%20of%20ISIS.pdf": 1,
    "2 Bron: Edith Lederer «UN over 10.000 Islamic State fighters active in Iraq, Syria», Associated": 2,
    "Press 25 August 2020": 2,
}
MARKERS = {"Studies1": "Studies", "VN-inschattingen2": "VN-inschattingen"}


def _body_lines(source: str) -> list[str]:
    lines = [line.strip() for line in source.splitlines()]
    assert lines.count(FOOTER) == 1
    assert sum(line in FOOTNOTE_LINES for line in lines) == len(FOOTNOTE_LINES)
    return [line for line in lines if line and line != FOOTER and line not in FOOTNOTE_LINES and not line.isdigit()]


def _glue(lines: list[str]) -> str:
    return "".join(line if line.endswith("-") else line + " " for line in lines)


def _words(text: str) -> list[str]:
    return [word.replace("-", "") for word in text.split()]


def test_items_hold_every_printed_word_in_order(source_text: str, items: dict[int, Item]) -> None:
    expected = _glue(_body_lines(source_text))
    for marked, plain in MARKERS.items():
        assert expected.count(marked) == 1
        expected = expected.replace(marked, plain)
    produced = " ".join(f"{item.question} {item.answer}" for item in items.values())
    assert _words(produced) == _words(expected)


def test_same_letters_and_signs_in_order(source_text: str, items: dict[int, Item]) -> None:
    expected = re.sub(r"[\s-]", "", _glue(_body_lines(source_text)).replace("Studies1", "Studies"))
    expected = expected.replace("VNinschattingen2", "VNinschattingen")
    produced = re.sub(r"[\s-]", "", "".join(f"{item.question}{item.answer}" for item in items.values()))
    assert produced == expected


def test_footnotes_hold_their_printed_text(items: dict[int, Item]) -> None:
    for number in (1, 2):
        lines = [line for line, n in FOOTNOTE_LINES.items() if n == number]
        printed = "".join("".join(lines).split()).removeprefix(str(number))
        (footnote,) = [f for item in items.values() for f in item.footnotes if f.number == number]
        assert "".join(footnote.text.split()) == printed
