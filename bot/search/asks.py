"""The precise fact a query asks for (an amount of money, a quantity, a moment) and whether an answer gives it.

About half the written questions the corpus cannot answer are near misses: on an item's topic, asking what
its answer does not say ("Wat kost …", "Hoeveel qubits …", "Wanneer …"). Words and the sentence model both
find the topic; only the answer's text shows the asked fact is not there. Unlike `cues` (which orders the
ranking and counts a question that asks the same as a match), this reads the answer alone, and tells a
year or a reference ("vraag 4", "Kamerstuk 27 925") from a quantity.
"""

from __future__ import annotations

import re

MONEY = 1
QUANTITY = 2
MOMENT = 4
KINDS = (MONEY, QUANTITY, MOMENT)

_ASKS_MONEY = re.compile(
    r"\b(?:wat|hoeveel) (?:kost|kosten|kostte|kostten)\b|\bbedrag|\bbudget|\bprijs\b|\bprice\b|\bcosts?\b"
    r"|\bhow much\b|\bhoeveel (?:geld|subsidie|euro)\b"
)
_ASKS_QUANTITY = re.compile(r"\bhoeveel\b|\baantal\b|\bhow many\b|\bhoe (?:lang|vaak)\b|\bhow (?:long|often)\b")
_ASKS_MOMENT = re.compile(r"\bwanneer\b|\bwhen\b|\bdatum\b")

_MONTH = r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NOT_A_QUANTITY = re.compile(
    rf"\b(?:nr|nummer|vraag|vragen)\.?\s*\d+|\b\d+\s+{_MONTH}\b|\b\d{{2}}\s\d{{3}},", re.IGNORECASE
)
"""A reference ("vraag 4", "nr. 748", "Kamerstuk 27 925, …") or a date ("5 februari"): digits, no quantity."""
_NUMBER_WORD = re.compile(
    r"\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|honderd"
    r"|duizend|miljoen|miljard|procent|helft|kwart|tweemaal|driemaal|tientallen|honderden|duizenden)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_GIVES_MONEY = re.compile(r"€|\beuro\b|\bmiljoen\b|\bmiljard\b|\bbedrag", re.IGNORECASE)
_GIVES_MOMENT = re.compile(
    rf"\b(?:19|20)\d\d\b|\b{_MONTH}\b|\b(?:voorjaar|najaar|zomer|winter|kwartaal|binnenkort|eind|begin|medio)\b",
    re.IGNORECASE,
)


def asked(query: str) -> int:
    """Bit flags of the precise facts a query asks for (0: none, e.g. "waarom …", "is het waar dat …")."""
    text = query.lower()
    return (
        (MONEY if _ASKS_MONEY.search(text) else 0)
        | (QUANTITY if _ASKS_QUANTITY.search(text) else 0)
        | (MOMENT if _ASKS_MOMENT.search(text) else 0)
    )


def given(answer: str) -> int:
    """Bit flags of the kinds of fact an answer states."""
    rest = _YEAR.sub(" ", _NOT_A_QUANTITY.sub(" ", answer))
    quantity = _DIGIT.search(rest) is not None or _NUMBER_WORD.search(rest) is not None
    return (
        (MONEY if _GIVES_MONEY.search(answer) else 0)
        | (QUANTITY if quantity else 0)
        | (MOMENT if _GIVES_MOMENT.search(answer) else 0)
    )
