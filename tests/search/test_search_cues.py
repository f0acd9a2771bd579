"""Question-type cues: "hoeveel" asks for a number, "wanneer" for a date."""

from __future__ import annotations

from bot.search.cues import DATE, NUMBER, item_cues, query_cues
from bot.search.text import words


def test_a_query_asks_for_a_number_or_a_date() -> None:
    assert query_cues(words("Hoeveel militairen zijn er in Jordanië?")) == NUMBER
    assert query_cues(words("how many soldiers stay?")) == NUMBER
    assert query_cues(words("Wanneer loopt de missie af?")) == DATE
    assert query_cues(words("Waarom wil IS westerse doelen aanvallen?")) == 0


def test_an_item_offers_a_number_or_a_date_in_its_answer() -> None:
    assert item_cues(words("Hoeveel doden?"), words("Volgens de VN zijn 487 demonstranten omgekomen.")) == NUMBER
    assert item_cues(words("Wat is de stand?"), words("De tweede ronde vond in augustus plaats.")) == DATE
    assert item_cues(words("Wat is de stand?"), words("Het verlies van het kalifaat in maart 2019.")) == NUMBER | DATE
    assert item_cues(words("Zal de missie bewapend zijn?"), words("Ja.")) == 0
