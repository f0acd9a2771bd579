"""Certainty words (bot/certainty.py): one scale for the CLI and Slack, and `ask --json`'s new fields."""

from __future__ import annotations

import json
import re

import pytest

from bot.certainty import SURE_SCORE, Certainty, certainty, outcome_certainty, result_certainties
from bot.cli import main
from bot.cli.ask import render_outcome
from bot.corpus import Corpus, ItemKey
from bot.search import Engine, Hit, Outcome

DOC = "kst-27925-748"


@pytest.mark.parametrize(
    ("score", "word"),
    [
        (1.0, "Zeker"),
        (SURE_SCORE, "Zeker"),
        (SURE_SCORE - 0.01, "Waarschijnlijk"),
        (0.25, "Waarschijnlijk"),
        (0.24, "Onzeker"),
        (0.0, "Onzeker"),
    ],
)
def test_words_on_the_score_scale(score: float, word: str) -> None:
    assert certainty(score, min_score=0.25) == word


def test_the_thresholds_are_arguments_so_they_can_be_retuned() -> None:
    assert certainty(0.6, min_score=0.25, sure_score=0.5) is Certainty.SURE
    assert certainty(0.6, min_score=0.7) is Certainty.UNSURE
    assert certainty(0.9, min_score=0.95) is Certainty.UNSURE  # a decline is never "Zeker"


def test_an_outcome_by_number_is_sure_and_a_decline_unsure() -> None:
    named = Outcome("53", True, (Hit(ItemKey(DOC, 53), 1.0), Hit(ItemKey(DOC, 54), 0.3)), by_reference=True)
    assert outcome_certainty(named, min_score=0.25) is Certainty.SURE
    assert result_certainties(named, min_score=0.25) == [Certainty.SURE, Certainty.LIKELY]
    declined = Outcome("koffie", False, (Hit(ItemKey(DOC, 1), 0.2),))
    assert outcome_certainty(declined, min_score=0.25) is Certainty.UNSURE
    answered_low = Outcome("iets", True, (Hit(ItemKey(DOC, 1), 0.1),))  # the engine chose to answer
    assert outcome_certainty(answered_low, min_score=0.25) is Certainty.LIKELY


def test_ask_json_results_carry_the_text_citation_link_title_and_certainty(
    capsys: pytest.CaptureFixture[str], corpus: Corpus
) -> None:
    assert main(["ask", "Hoeveel troepen trekt de VS terug uit Irak?", "--json", "--top", "3"]) == 0
    row = json.loads(capsys.readouterr().out)
    doc = corpus.document(DOC)
    for result in row["results"]:
        key = ItemKey(result["document"], result["number"])
        item = corpus.item(key)
        assert result["question"] == item.question and result["answer"] == item.answer
        assert result["citation"] == corpus.citation(key)
        assert result["url"] == doc.url and result["title"] == doc.title
        assert result["certainty"] == certainty(result["score"]) or result is row["results"][0]
    assert row["results"][0]["certainty"] in ("Zeker", "Waarschijnlijk")


def test_ask_json_a_decline_is_unsure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "wie heeft er koffie?", "--json", "--top", "2"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["answered"] is False
    assert [r["certainty"] for r in row["results"]] == ["Onzeker", "Onzeker"]


def test_the_terminal_says_how_sure_a_best_match_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Hoeveel troepen trekt de VS terug uit Irak?"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Beste match voor:")
    assert lines[1] in ("Zekerheid: Zeker", "Zekerheid: Waarschijnlijk")
    assert main(["ask", "53"]) == 0
    assert "Zekerheid" not in capsys.readouterr().out  # by number: nothing to doubt


def test_the_terminal_names_the_topic_of_every_runner_up_and_related_item(corpus: Corpus, engine: Engine) -> None:
    best, runner_up = Hit(ItemKey(DOC, 53), 0.5), Hit(ItemKey(DOC, 7), 0.48)
    shown = render_outcome(engine, corpus, Outcome("dreiging", True, (best, runner_up), also=(runner_up,)))
    lines = shown.splitlines()
    assert lines[:2] == ["Beste match voor: dreiging", "Zekerheid: Waarschijnlijk"]
    seven = " ".join(corpus.item(ItemKey(DOC, 7)).question.split())[:30]
    assert lines[lines.index("Lijkt ook op:") + 1].startswith(f"  Vraag 7 – {seven}")
    related = lines[lines.index("Gerelateerd:") + 1 : lines.index("Lijkt ook op:") - 1]
    assert related and all(re.match(r"  \d+ – \S", line) for line in related)
