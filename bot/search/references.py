"""Explicit links between items: "zie (het antwoord op) vraag 13" and joint answers.

The corpus carries `refers_to` and `joint_with`; pointers written in an answer's text count too, so
a corpus made without those fields still links 14 to 13.
"""

from __future__ import annotations

import re

from bot.corpus.store import Corpus, ItemKey

_POINTER = re.compile(
    r"\b[Zz]ie\s+(?:ook\s+|tevens\s+)?(?:(?:het\s+antwoord|de\s+antwoorden)\s+op\s+)?vra(?:ag|gen)\s+"
    r"(\d+(?:\s*(?:,|en)\s*\d+)*)"
)
_MAYBE_POINTER = re.compile(r"[Zz]ie\s")
"""Where `_POINTER` can match at all: a cheap scan first (every answer is read, up to 500 000 of them)."""
_JOINT = re.compile(r"^\s*Antwoord\s+op\s+vragen\s+(\d+(?:\s*(?:,|en)\s*\d+)*)\s*:")


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def outgoing(corpus: Corpus) -> dict[ItemKey, tuple[ItemKey, ...]]:
    """Per item, the items its answer points to or is answered jointly with (never itself), in order."""
    links: dict[ItemKey, tuple[ItemKey, ...]] = {}
    for key, item in corpus:
        numbers = list(item.refers_to) + list(item.joint_with)
        if _MAYBE_POINTER.search(item.answer):
            for m in _POINTER.finditer(item.answer):
                numbers += _numbers(m.group(1))
        joint = _JOINT.match(item.answer)
        if joint:
            numbers += _numbers(joint.group(1))
        seen: list[ItemKey] = []
        for n in numbers:
            other = ItemKey(key.document, n)
            if other != key and other in corpus and other not in seen:
                seen.append(other)
        links[key] = tuple(seen)
    return links


def incoming(links: dict[ItemKey, tuple[ItemKey, ...]]) -> dict[ItemKey, tuple[ItemKey, ...]]:
    back: dict[ItemKey, list[ItemKey]] = {}
    for source, targets in links.items():
        for target in targets:
            back.setdefault(target, []).append(source)
    return {k: tuple(v) for k, v in back.items()}
