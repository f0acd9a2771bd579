"""The precise fact a query asks for, and whether an answer states it (a feature of the decline model)."""

from __future__ import annotations

import numpy as np

from bot.search import confidence as conf
from bot.search.asks import MOMENT, MONEY, QUANTITY, asked, given
from bot.search.ranking import Scores


def test_a_query_asks_for_an_amount_a_quantity_or_a_moment() -> None:
    assert asked("Wat kost de cryptografie-opleiding voor IT-beheer?") == MONEY
    assert asked("Hoeveel qubits heeft een quantumcomputer nodig?") == QUANTITY
    assert asked("Hoeveel geld gaat er naar de steunpunten?") == MONEY | QUANTITY
    assert asked("How many protesters were killed in Iraq?") == QUANTITY
    assert asked("Wanneer gaat het aanvraagloket open?") == MOMENT
    assert asked("Welke bedrijven doen mee?") == 0
    assert asked("hoe moeten tarieven beter aansluiten bij de kosten") == 0  # costs named, no amount asked


def test_an_answer_states_a_quantity_but_a_year_or_a_reference_is_none() -> None:
    assert given("Volgens de VN zijn tussen 1 oktober 2019 en 30 april 2020 487 demonstranten omgekomen.") & QUANTITY
    assert given("De minister heeft reeds tweemaal met zijn collega gesproken.") & QUANTITY
    assert not given("Zie het antwoord op vraag 7.") & QUANTITY
    assert not given("In 2023 is opnieuw een subsidie verstrekt; deze loopt tot 2026.") & QUANTITY
    assert given("In 2023 is opnieuw een subsidie verstrekt; deze loopt tot 2026.") & MOMENT
    assert given("Het gaat om € 12 miljoen per jaar.") & MONEY
    assert not given("Het kabinet heeft hier geen inzicht in.")


def test_the_unmet_ask_is_a_feature_of_each_candidate() -> None:
    scores = Scores(np.ones(2, np.float32), np.zeros((0, 2), bool), np.zeros(2, np.float32), 1.0)
    rows = np.array([0, 1])
    out = conf.features([], scores, rows, asked=MONEY | QUANTITY, given=[QUANTITY, MONEY | QUANTITY])
    assert out[:, conf.FEATURES.index("money_unmet")].tolist() == [1.0, 0.0]
    assert out[:, conf.FEATURES.index("quantity_unmet")].tolist() == [0.0, 0.0]
    assert out[:, conf.FEATURES.index("moment_unmet")].tolist() == [0.0, 0.0]
