"""From what the engine answered to a log entry: pure, shared by the command line and the Slack bot."""

from __future__ import annotations

from bot.answerlog.records import Entry, Kind, now
from bot.certainty import outcome_certainty
from bot.search.types import Outcome


def entry_for(outcome: Outcome, *, answer_id: str, kind: Kind, keep_query: bool, min_score: float) -> Entry:
    """`keep_query=False` (`KAMERVRAAG_LOG_QUERIES=0`): the question's text is not kept, the rest is.
    `min_score`: the decline threshold, for the certainty word the asker was shown."""
    best = outcome.best
    answered = bool(outcome.answered and best is not None)
    return Entry(
        id=answer_id,
        time=now(),
        kind=kind,
        query=outcome.query if keep_query else None,
        answered=answered,
        document=best.key.document if answered and best else None,
        number=best.key.number if answered and best else None,
        score=round(float(best.score), 4) if best else None,
        certainty=outcome_certainty(outcome, min_score=min_score).value,
    )
