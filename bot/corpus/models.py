"""The corpus format: these frozen models are the single source of truth (the JSON Schema is generated).

Tuples instead of lists keep every loaded item immutable, so the engine and the Slack layer can share
one corpus between threads without copies.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot import messages

WRITTEN_QUESTIONS = "Aanhangsel van de Handelingen"
"""The `type` of answers to written questions; their citation names no dossier."""

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, pattern=r"\S")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Footnote(_Frozen):
    number: int = Field(ge=1)
    text: NonEmptyText
    field: Literal["question", "answer"] | None = None
    """Which text of the item carries the marker (None: not recorded, as in older corpus files)."""
    offset: int | None = Field(default=None, ge=0)
    """Where the marker stands in that text: the character index right after the word or sentence it
    follows, so renderers can put ¹ back exactly where the official text has it."""


class Item(_Frozen):
    """One numbered question with its official answer, word for word."""

    number: int = Field(ge=1)
    question: NonEmptyText
    answer: NonEmptyText
    refers_to: tuple[int, ...] = ()
    joint_with: tuple[int, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    answered_by_letter: str | None = None
    """Set when the government answered by letter instead (an Aanhangsel "Mededeling"): the letter's
    reference as printed; `answer` then holds the mededeling's own text."""

    @model_validator(mode="after")
    def _never_itself(self) -> Item:
        if self.number in self.refers_to or self.number in self.joint_with:
            raise ValueError(messages.item_refers_to_itself(self.number))
        return self


class Document(_Frozen):
    """The official publication an item comes from; everything a citation needs."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    type: str | None = None
    """The kind of document, as printed: `Lijst van vragen en antwoorden`, `Aanhangsel van de Handelingen`."""
    dossier: NonEmptyText | None = None
    """Required for a Kamerstuk (its citation names it); written questions have none."""
    number: NonEmptyText
    session_year: NonEmptyText
    title: str | None = None
    date: dt.date | None = None
    """A list: the date it was "vastgesteld"; written questions: the date the answer was received."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    # Written questions (Aanhangsel van de Handelingen); None where a kind has no such thing.
    asked_by: tuple[NonEmptyText, ...] | None = None
    """The members' surnames as printed ("Van Haga")."""
    parties: tuple[NonEmptyText, ...] | None = None
    """Their parties as printed ("Groep Van Haga", "GroenLinks-PvdA")."""
    addressed_to: tuple[NonEmptyText, ...] | None = None
    """Whom the questions were put to ("Minister van Volksgezondheid, Welzijn en Sport")."""
    answered_by: tuple[NonEmptyText, ...] | None = None
    """Who answered ("Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties)", "mede namens" included)."""
    date_submitted: dt.date | None = None
    """The date the questions were sent in ("ingezonden")."""
    see_also: tuple[NonEmptyText, ...] | None = None
    """Earlier publications it names ("Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 594")."""

    @property
    def is_written_questions(self) -> bool:
        return self.type == WRITTEN_QUESTIONS

    @model_validator(mode="after")
    def _dossier_unless_written_questions(self) -> Document:
        if self.dossier is None and not self.is_written_questions:
            raise ValueError(messages.field_missing("document.dossier"))
        return self


class CorpusDocument(_Frozen):
    """One corpus file: a document and its items."""

    document: Document
    questions: tuple[Item, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent_numbers(self) -> CorpusDocument:
        seen: set[int] = set()
        for item in self.questions:
            if item.number in seen:
                raise ValueError(messages.item_number_twice(item.number))
            seen.add(item.number)
        for item in self.questions:
            for ref in (*item.refers_to, *item.joint_with):
                if ref not in seen:
                    raise ValueError(messages.item_refers_to_missing(item.number, ref))
        return self
