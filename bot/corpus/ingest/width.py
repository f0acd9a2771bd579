"""Approximate printed width of a line, to tell a line that ends a paragraph from a full one.

Character counts mislead in proportional type ("illi" is narrower than "WMWM"), so lines are measured
with Helvetica's advance widths (thousandths of an em); close enough to the sans fonts of official
publications to separate a full justified line from one that stopped early.
"""

from __future__ import annotations

import unicodedata

_GROUPS: dict[int, str] = {
    222: "ijl'‘’‚",
    278: " .,:;!/\\fItÍÌÎÏ|[]",
    333: "-()r`",
    400: "″",
    500: 'cksvxyzJ"“”„«»',
    556: "abdeghnopqu0123456789?$–_#L",
    584: "+<>=~",
    611: "FTZ",
    667: "ABEKPSVXY&",
    722: "wCDHNRU",
    778: "GOQ",
    833: "mM",
    889: "%",
    944: "W",
    1000: "—…",
}
_WIDTH = {char: width for width, chars in _GROUPS.items() for char in chars}
_DEFAULT = 556


def _base(char: str) -> str:
    """`ë` is as wide as `e`: measure the letter without its accent."""
    return unicodedata.normalize("NFD", char)[0]


def text_width(text: str) -> int:
    return sum(_WIDTH.get(char, _WIDTH.get(_base(char), _DEFAULT)) for char in text)
