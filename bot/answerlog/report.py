"""What the answer log says, for curators: pure functions from entries and votes to figures.

`kamervraag report` lays these out as text, JSON lines or an HTML page; nothing here reads a database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.answerlog.records import Entry, Vote, VoteValue
from bot.corpus.store import ItemKey

MOST_ASKED = 10


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    questions: int
    answered: int

    @property
    def rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


@dataclass(frozen=True, slots=True)
class Disliked:
    """One answer someone marked 👎, with their reason and comment, and what was asked if it was logged."""

    key: ItemKey
    vote: Vote
    query: str | None


@dataclass(frozen=True, slots=True)
class DocumentReport:
    document: str
    answered: int
    most_asked: tuple[tuple[ItemKey, int], ...]
    disliked: tuple[Disliked, ...]


@dataclass(frozen=True, slots=True)
class Report:
    questions: int
    answered: int
    declined: tuple[Entry, ...]
    """Newest first."""
    documents: tuple[DocumentReport, ...]
    days: tuple[Day, ...]
    up: int
    down: int

    @property
    def rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


def feedback_of(votes: Iterable[Vote]) -> dict[str, VoteValue]:
    """Per answer: `down` when anyone disliked it (what a curator must see), else `up`."""
    out: dict[str, VoteValue] = {}
    for v in votes:
        if out.get(v.answer_id) != "down":
            out[v.answer_id] = v.vote
    return out


def iso_time(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def json_lines(entries: Sequence[Entry], votes: Sequence[Vote]) -> list[dict[str, Any]]:
    """`report --json`: one object per logged question, oldest first."""
    feedback = feedback_of(votes)
    return [
        {
            "time": iso_time(e.time),
            "query": e.query,
            "answered": e.answered,
            "document": e.document,
            "number": e.number,
            "score": e.score,
            "feedback": feedback.get(e.id),
            "kind": e.kind,
            "certainty": e.certainty,
        }
        for e in entries
    ]


def build_report(entries: Sequence[Entry], votes: Sequence[Vote]) -> Report:
    asked: dict[str, Counter[ItemKey]] = defaultdict(Counter)
    for e in entries:
        if e.answered and e.document is not None and e.number is not None:
            asked[e.document][ItemKey(e.document, e.number)] += 1
    queries = {e.id: e.query for e in entries}
    disliked: dict[str, list[Disliked]] = defaultdict(list)
    for v in sorted(votes, key=lambda v: v.time, reverse=True):
        if v.vote == "down":
            disliked[v.document].append(Disliked(ItemKey(v.document, v.number), v, queries.get(v.answer_id)))
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for e in entries:
        counts = per_day[e.time.date()]
        counts[0] += 1
        counts[1] += int(e.answered)
    documents = tuple(
        DocumentReport(
            document=doc,
            answered=sum(asked[doc].values()),
            most_asked=tuple(sorted(asked[doc].items(), key=lambda kv: (-kv[1], kv[0].number))[:MOST_ASKED]),
            disliked=tuple(disliked[doc]),
        )
        for doc in sorted(set(asked) | set(disliked))
    )
    return Report(
        questions=len(entries),
        answered=sum(e.answered for e in entries),
        declined=tuple(sorted((e for e in entries if not e.answered), key=lambda e: e.time, reverse=True)),
        documents=documents,
        days=tuple(Day(d, q, a) for d, (q, a) in sorted(per_day.items())),
        up=sum(v.vote == "up" for v in votes),
        down=sum(v.vote == "down" for v in votes),
    )
