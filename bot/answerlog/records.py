"""What one logged question and one vote hold: frozen values, no database in sight."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

Kind = Literal["channel", "thread", "dm", "cli"]
"""Where a question was asked: a channel (slash command or a mention that starts a thread), a
follow-up in a thread, a direct message, or the command line."""
VoteValue = Literal["up", "down"]
Reason = Literal["wrong", "incomplete", "outdated", "other"]
"""verkeerd antwoord, onvolledig, verouderd, anders."""


def new_answer_id() -> str:
    """A fresh id for one answer: carried by its feedback buttons before anything is written."""
    return uuid.uuid4().hex


def now() -> datetime:
    """UTC, without tzinfo: how both databases store and compare it."""
    return datetime.now(UTC).replace(tzinfo=None)


def voter(user_id: str) -> str:
    """A Slack user id as the log keeps it: pseudonymous, but the same person gives the same value,
    which is all one-vote-per-person needs."""
    return hashlib.sha256(("kamervraag-voter\0" + user_id).encode()).hexdigest()[:32]


class Entry(BaseModel):
    """One question and what the bot did with it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    time: datetime
    kind: Kind
    query: str | None
    """None when `KAMERVRAAG_LOG_QUERIES=0`."""
    answered: bool
    document: str | None = None
    number: int | None = None
    """The item answered; None for a decline."""
    score: float | None = None
    """The best candidate's score, also for a decline."""
    certainty: str | None = None


class Vote(BaseModel):
    """One person's 👍 or 👎 on one answer; a later vote of the same person replaces it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    answer_id: str
    voter: str
    time: datetime
    vote: VoteValue
    document: str
    number: int
    reason: Reason | None = None
    comment: str | None = None
