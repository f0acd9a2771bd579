"""The ways answers in these lists point at each other, including forms of older lists."""

from __future__ import annotations

import pytest

from bot.corpus.ingest.references import answered_together, refers_to


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Zie het antwoord op vraag 13.", (13,)),
        ("Ja. Zie ook het antwoord op vraag 45. Er wordt", (45,)),
        ("Zie vraag 57, er is geen sprake van", (57,)),
        ("aanslagen (zie ook het antwoord op vragen 55 en 57).", (55, 57)),
        ("Zie tevens de antwoorden op vragen 7 en 8.", (7, 8)),
        ("Zie de antwoorden op vragen 3 t/m 5 en 9.", (3, 5, 9)),  # never itself (4)
        ("Het kabinet ziet de aanvallen op het westen", ()),
        ("De vraag is of 13 meer is dan 12.", ()),
    ],
)
def test_refers_to(answer: str, expected: tuple[int, ...]) -> None:
    assert refers_to(answer, 4) == expected


def test_answered_together_only_at_the_start_and_in_any_order() -> None:
    assert answered_together("Antwoord op vragen 20 en 21: het kabinet", 21) == {20, 21}
    assert answered_together("Antwoord op vragen 1, 95 en 96: zo.", 1) == {1, 95, 96}
    assert answered_together("Het antwoord op vragen 20 en 21: nee", 21) == set()
    assert answered_together("Zie het antwoord op vraag 21.", 20) == set()
