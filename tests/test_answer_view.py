"""`is_pointer_answer`: which answers only send the reader elsewhere (and so show that answer in full)."""

from __future__ import annotations

import pytest

from bot.answer import is_pointer_answer
from bot.corpus.ingest.references import refers_to


@pytest.mark.parametrize(
    ("answer", "pointer"),
    [
        ("Zie het antwoord op vraag 13.", True),
        ("Ja. Zie het antwoord op vraag 12.", True),
        ("Zie de antwoorden op vragen 55 en 57.", True),
        ("Zie het antwoord op de vragen 7 en 8.", True),  # every form ingest reads as a reference
        ("Zie ook vraag 3 t/m 5.", True),
        ("Het kabinet deelt die zorg. Zie ook het antwoord op vraag 4. Daarnaast is meer gedaan.", False),
        ("Nederland blijft de coalitie steunen.", False),
    ],
)
def test_pointer_answers(answer: str, pointer: bool) -> None:
    assert is_pointer_answer(answer) is pointer
    if pointer:
        assert refers_to(answer, own=99)  # what a pointer points to is what ingest records
