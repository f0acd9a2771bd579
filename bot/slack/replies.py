"""What the bot says to a piece of text or a button: pure, shared by every listener."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from bot import messages
from bot.answer import build_view
from bot.corpus.lookup import example_reference, needs_document, parse_reference
from bot.corpus.store import Corpus, ItemKey
from bot.render import slack as render
from bot.render.slack import Payload
from bot.search import Outcome
from bot.search.filters import ask_narrowed
from bot.slack.text import is_help, query_for

_DOCUMENTS = {"documenten", "documents", "docs"}
"""`/kamervraag documenten`: which documents the bot knows."""


class AnswerEngine(Protocol):
    """What the Slack layer needs of `bot.search.Engine` (and nothing of its internals)."""

    def ask(self, query: str, *, top: int = 5, document: str | Collection[str] | None = None) -> Outcome: ...

    def related(self, key: ItemKey, *, limit: int = 5) -> tuple[ItemKey, ...]: ...


@dataclass(frozen=True, slots=True)
class Reply:
    messages: tuple[Payload, ...]
    private: bool
    """Help, declines and problems go only to the asker where Slack allows (slash commands)."""
    key: ItemKey | None = None
    """The item answered, if any."""


class Replies:
    def __init__(self, corpus: Corpus, engine: AnswerEngine) -> None:
        self.corpus = corpus
        self.engine = engine
        self._help = Reply((render.help_message(corpus),), private=True)  # the same for every asker
        self._example = example_reference(corpus)

    def help(self) -> Reply:
        return self._help

    def notice(self, text: str) -> Reply:
        return Reply((render.notice_message(text),), private=True)

    def for_text(self, text: str) -> Reply:
        """Help, an answer (by number or best match), a Dutch problem, or the decline."""
        if is_help(text):
            return self.help()
        query = query_for(text)
        if query.strip().lower() in _DOCUMENTS:
            return Reply((render.documents_message(self.corpus),), private=True)
        ref = parse_reference(query)
        if ref is not None and needs_document(self.corpus, ref):
            return self.notice(messages.slack_document_needed(self.corpus.document_ids, ref.number))
        outcome = ask_narrowed(self.engine, self.corpus, query, top=5)
        if outcome.problem:
            return self.notice(outcome.problem)
        best = outcome.best
        if outcome.answered and best is not None and best.key in self.corpus:
            echo = None if outcome.by_reference else text.strip()
            return self.for_key(best.key, query=echo, also=tuple(h.key for h in outcome.also))
        candidates = [(h.key, self.corpus.item(h.key)) for h in outcome.candidates if h.key in self.corpus]
        return Reply((render.decline_message(candidates, example=self._example),), private=True)

    def for_key(self, key: ItemKey, *, query: str | None = None, also: tuple[ItemKey, ...] = ()) -> Reply:
        if key not in self.corpus:
            return self.notice(messages.unknown_button())
        view = build_view(self.corpus, key, self.engine.related(key))
        return Reply(tuple(render.answer_messages(view, query=query, also=also)), private=False, key=key)
