"""Joining printed lines back into the official running text.

Between two lines the typesetter left one of four things, and this module decides which:
- a word split by hyphenation ("uitge-" / "voerd"): joined, hyphen dropped;
- a line break right after a real hyphen ("anti-ISIS-" / "bombardementen", "Noordoost-" / "Syrië",
  "WIA-" / "uitkering"): joined, hyphen kept. A hyphen is real when the fragment before it already
  holds one, ends in a capital (an abbreviation), or the next fragment does not start with a small letter;
- a web address running on ("https://…/files/" / "files/reports/…"): joined without a space;
- an ordinary space, or a paragraph break when a line ends a sentence while the next word would still
  have fitted on it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence

from bot.corpus.ingest.width import text_width

PARAGRAPH = "\n\n"
_MIN_SAMPLES = 8

_SPLIT_WORD = re.compile(r"(\S*[^\W\d_])-$")
"""A line ending in a hyphen right after a letter: "uitge-", "anti-ISIS-" (not " - " or "(PED-)")."""
_ELIDED = {"en", "of", "tot", "en/of", "noch"}
""""Noord- en Oost-Syrië": a hyphen that stands for a left-out part, followed by a real space."""
_URL_END = re.compile(r"(?:^|[\s(«\[])(?:https?://|www\.)\S*$")
_URL_CONTINUATION = re.compile(r"[\w.~%+-]*[/%=&#?][\w./~%+=&#?-]*")
_SENTENCE_END = re.compile(r"[.!?:][\"'’”»)\]]*$")


def ends_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line) is not None


def full_width(runs: Iterable[Sequence[str]]) -> float | None:
    """The typical width of a full line: the median of lines that run on into the next one.

    None when there are too few such lines to tell (then no paragraph breaks are guessed).
    """
    widths = [text_width(line) for run in runs for line in run[:-1] if not ends_sentence(line)]
    return statistics.median(widths) if len(widths) >= _MIN_SAMPLES else None


def join_lines(lines: Sequence[str], *, width: float | None) -> str:
    """The running text of consecutive printed lines (`width`: see `full_width`)."""
    return join_lines_at(lines, width=width)[0]


def join_lines_at(lines: Sequence[str], *, width: float | None) -> tuple[str, list[int]]:
    """`join_lines`, and where each printed line starts in the running text (to place footnote markers)."""
    if not lines:
        return "", []
    text = lines[0]
    starts = [0]
    for prev, nxt in zip(lines, lines[1:], strict=False):
        text = text[:-1] if _drops_hyphen(prev, nxt) else text + _separator(prev, nxt, width)
        starts.append(len(text))
        text += nxt
    return text, starts


def _first_word(line: str) -> str:
    return line.split(" ", 1)[0]


def _url_runs_on(prev: str, nxt: str) -> bool:
    url = _URL_END.search(prev)
    if url is None:
        return False
    return url.group().endswith(tuple("/-_=&?#%~")) or _URL_CONTINUATION.fullmatch(_first_word(nxt)) is not None


def _split_fragment(prev: str, nxt: str) -> str | None:
    """The fragment before a line-final hyphen, when the line break may have split a word there."""
    match = _SPLIT_WORD.search(prev)
    if match is None or _first_word(nxt).lower() in _ELIDED or _url_runs_on(prev, nxt):
        return None
    return match.group(1)


def _drops_hyphen(prev: str, nxt: str) -> bool:
    fragment = _split_fragment(prev, nxt)
    return fragment is not None and "-" not in fragment and nxt[0].islower() and not fragment[-1].isupper()


def _separator(prev: str, nxt: str, width: float | None) -> str:
    if _split_fragment(prev, nxt) is not None or _url_runs_on(prev, nxt):
        return ""
    if width is not None and ends_sentence(prev) and text_width(f"{prev} {_first_word(nxt)}") < width:
        return PARAGRAPH
    return " "
