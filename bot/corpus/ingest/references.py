"""How answers point at each other: "Zie het antwoord op vraag 13." and "Antwoord op vragen 20 en 21:"."""

from __future__ import annotations

import re

_NUMBERS = r"\d{1,5}(?:\s*(?:,|\ben\b|\bt/m\b|\btot en met\b)\s*\d{1,5})*"
POINTER = re.compile(
    rf"\bzie\s+(?:(?:ook|tevens)\s+)?(?:(?:het|de)\s+)?(?:antwoord(?:en)?\s+op\s+)?(?:de\s+)?vra(?:ag|gen)\s+({_NUMBERS})",
    re.IGNORECASE,
)
"""`zie (ook) (het antwoord op) vraag/vragen …`: group 1 holds the numbers. Also what makes an answer a pointer."""
_JOINT = re.compile(rf"antwoord\s+op\s+(?:de\s+)?vra(?:ag|gen)\s+({_NUMBERS})\s*:", re.IGNORECASE)
_RANGE = re.compile(r"(\d+)\s*(?:t/m|tot en met)\s*(\d+)")
_MAX_RANGE = 100
"""A longer range ("vragen 1 t/m 99999") is not a reference a list makes; only its first items are kept."""


def _expand(match: re.Match[str]) -> str:
    first, last = int(match[1]), int(match[2])
    return " ".join(str(n) for n in range(first, min(last, first + _MAX_RANGE) + 1))


def _numbers(text: str) -> list[int]:
    """`7 en 8` → [7, 8]; `1, 95 en 96` → [1, 95, 96]; `3 t/m 5` → [3, 4, 5]."""
    return [int(n) for n in re.findall(r"\d+", _RANGE.sub(_expand, text))]


def refers_to(answer: str, own: int) -> tuple[int, ...]:
    """The items an answer sends the reader to, in number order; never itself."""
    found = {n for match in POINTER.finditer(answer) for n in _numbers(match.group(1))}
    return tuple(sorted(found - {own}))


def answered_together(answer: str, own: int) -> set[int]:
    """The items an answer says it answers ("Antwoord op vragen 20 en 21: …"), itself included."""
    match = _JOINT.match(answer)
    return {own, *_numbers(match.group(1))} if match else set()
