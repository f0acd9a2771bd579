"""How sure an answer is, in one word, on the engine's `score` scale: the same in the CLI and Slack.

The scale (a `score` in [0, 1], comparable with `KAMERVRAAG_MIN_SCORE`):

    score ≥ SURE_SCORE (0.80)                      "Zeker"           the bot posts the answer openly
    KAMERVRAAG_MIN_SCORE (0.25) ≤ score < 0.80     "Waarschijnlijk"  private to the asker, with "Deel in kanaal"
    score < KAMERVRAAG_MIN_SCORE                   "Onzeker"         a decline; the item is only a candidate

A query that names an item ("53", "vraag 53") scores 1.0: "Zeker". SURE_SCORE is a named constant so
it can be retuned when the engine's scores are recalibrated; pure code takes both thresholds as
arguments. Measured on every labelled query (shared dev and train, tests/queries): of the answers
scoring ≥ 0.80, 96.5% are the expected item (0.75: 95.1%, 0.50: 90.2%), see README "Certainty".
"""

from __future__ import annotations

from enum import StrEnum

from bot.search.types import Outcome
from bot.settings import DEFAULT_MIN_SCORE

SURE_SCORE = 0.80
"""At or above this score an answer is shown as "Zeker" and posted where it was asked."""


class Certainty(StrEnum):
    SURE = "Zeker"
    LIKELY = "Waarschijnlijk"
    UNSURE = "Onzeker"


def certainty(score: float, *, min_score: float = DEFAULT_MIN_SCORE, sure_score: float = SURE_SCORE) -> Certainty:
    """The word for a `score`; `min_score` is the decline threshold (`KAMERVRAAG_MIN_SCORE`)."""
    if score >= max(sure_score, min_score):
        return Certainty.SURE
    if score >= min_score:
        return Certainty.LIKELY
    return Certainty.UNSURE


def is_sure(score: float, *, min_score: float = DEFAULT_MIN_SCORE, sure_score: float = SURE_SCORE) -> bool:
    return certainty(score, min_score=min_score, sure_score=sure_score) is Certainty.SURE


def outcome_certainty(outcome: Outcome, *, min_score: float, sure_score: float = SURE_SCORE) -> Certainty:
    """Of the answer an outcome presents: an item named by number is sure, a decline unsure, a best
    match by its score (at least "Waarschijnlijk": the engine chose to answer)."""
    best = outcome.best
    if outcome.by_reference and outcome.answered:
        return Certainty.SURE
    if not outcome.answered or best is None:
        return Certainty.UNSURE
    word = certainty(best.score, min_score=min_score, sure_score=sure_score)
    return Certainty.LIKELY if word is Certainty.UNSURE else word


def result_certainties(outcome: Outcome, *, min_score: float, sure_score: float = SURE_SCORE) -> list[Certainty]:
    """One word per hit: the presented answer's as above, every other candidate's by its own score."""
    words = [certainty(h.score, min_score=min_score, sure_score=sure_score) for h in outcome.hits]
    if words:
        words[0] = outcome_certainty(outcome, min_score=min_score, sure_score=sure_score)
    return words
