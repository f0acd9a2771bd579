"""The heading of written questions, in the variants the series prints."""

from __future__ import annotations

import datetime as dt

from bot.corpus.ingest.aanhangsel_meta import parse_heading


def test_three_members_two_parties_and_two_ministers() -> None:
    heading = parse_heading(
        "Vragen van de leden Kröger, Bromet (beiden GroenLinks-PvdA) en Van der Plas (BBB) aan de Minister "
        "van Landbouw, Natuur en Voedselkwaliteit en de Staatssecretaris van Financiën over de mestmarkt "
        "(ingezonden 2 februari 2024). Antwoord van Minister Adema (Landbouw, Natuur en Voedselkwaliteit), "
        "mede namens de Staatssecretaris van Financiën (ontvangen 1 maart 2024). Zie ook Aanhangsel "
        "Handelingen, vergaderjaar 2023–2024, nrs. 900 en 950."
    )
    assert heading.asked_by == ("Kröger", "Bromet", "Van der Plas")
    assert heading.parties == ("GroenLinks-PvdA", "GroenLinks-PvdA", "BBB")
    assert heading.addressed_to == (
        "Minister van Landbouw, Natuur en Voedselkwaliteit",
        "Staatssecretaris van Financiën",
    )
    assert heading.answered_by == (
        "Minister Adema (Landbouw, Natuur en Voedselkwaliteit), mede namens de Staatssecretaris van Financiën",
    )
    assert (heading.date_submitted, heading.date) == (dt.date(2024, 2, 2), dt.date(2024, 3, 1))
    assert heading.see_also == ("Aanhangsel Handelingen, vergaderjaar 2023–2024, nrs. 900 en 950",)
    assert heading.title is not None and heading.title.endswith("over de mestmarkt (ingezonden 2 februari 2024).")
    assert heading.left_over is None and heading.mededeling is None


def test_lower_case_offices_and_plural_ministers() -> None:
    heading = parse_heading(
        "Vragen van het lid Omtzigt (NSC) aan de ministers van Financiën en van Sociale Zaken en "
        "Werkgelegenheid over toeslagen (ingezonden 5 januari 2024). Antwoord van minister Van Gennip "
        "(Sociale Zaken en Werkgelegenheid) (ontvangen 9 februari 2024)."
    )
    assert heading.addressed_to == ("minister van Financiën", "minister van Sociale Zaken en Werkgelegenheid")
    assert heading.answered_by == ("minister Van Gennip (Sociale Zaken en Werkgelegenheid)",)


def test_a_mededeling_in_the_heading() -> None:
    heading = parse_heading(
        "Vragen van het lid Dassen (Volt) aan de Minister van Financiën over de euro (ingezonden 1 mei 2024). "
        "Mededeling van Minister Heinen (Financiën) (ontvangen 3 juni 2024). De vragen zijn beantwoord bij "
        "brief van 2 juni 2024 (Kamerstuk 21 501-07, nr. 2000)."
    )
    assert heading.answered_by == ("Minister Heinen (Financiën)",) and heading.date == dt.date(2024, 6, 3)
    assert heading.mededeling == "De vragen zijn beantwoord bij brief van 2 juni 2024 (Kamerstuk 21 501-07, nr. 2000)."
