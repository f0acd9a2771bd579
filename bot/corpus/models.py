"""The corpus format: these frozen models are the single source of truth (the JSON Schema is generated).

Tuples instead of lists keep every loaded item immutable, so the engine and the Slack layer can share
one corpus between threads without copies.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot import messages

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, pattern=r"\S")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Footnote(_Frozen):
    number: int = Field(ge=1)
    text: NonEmptyText


class Item(_Frozen):
    """One numbered question with its official answer, word for word."""

    number: int = Field(ge=1)
    question: NonEmptyText
    answer: NonEmptyText
    refers_to: tuple[int, ...] = ()
    joint_with: tuple[int, ...] = ()
    footnotes: tuple[Footnote, ...] = ()

    @model_validator(mode="after")
    def _never_itself(self) -> Item:
        if self.number in self.refers_to or self.number in self.joint_with:
            raise ValueError(messages.item_refers_to_itself(self.number))
        return self


class Document(_Frozen):
    """The official publication an item comes from; everything a citation needs."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    type: str | None = None
    dossier: NonEmptyText
    number: NonEmptyText
    session_year: NonEmptyText
    title: str | None = None
    date: dt.date | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


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
