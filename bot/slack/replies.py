"""What the bot says to a piece of text or a button: pure, shared by every listener."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from itertools import islice
from typing import Literal, Protocol

from bot import messages
from bot.answer import build_view
from bot.certainty import SURE_SCORE, Certainty, outcome_certainty
from bot.corpus.lookup import example_reference, needs_document, references_in
from bot.corpus.store import Corpus, ItemKey
from bot.render import slack as render
from bot.render.share import SharedAnswer
from bot.render.slack import Payload
from bot.search import Outcome
from bot.search.filters import ask_narrowed
from bot.settings import DEFAULT_MIN_SCORE
from bot.slack.text import is_help

EXAMPLE_CANDIDATES = 20
SHARED_QUERY_CHARS = 1000
"""What a share button carries of the query (a button value holds at most 2000 characters)."""
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
    """Help, declines, problems and answers not yet sure go only to the asker where Slack allows."""
    key: ItemKey | None = None
    """The item answered, if any."""
    answer: bool = False
    """An answer (by number or best match), as opposed to help, a decline or a notice."""
    outcome: Literal["answered", "declined", "help", "notice"] = "notice"
    """For the request log and the metrics."""
    score: float | None = None
    """The best match's score, for a question in words."""
    found: Outcome | None = None
    """What the engine made of free text or a number (for the answer log); None for help and buttons."""


class Replies:
    def __init__(
        self,
        corpus: Corpus,
        engine: AnswerEngine,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        sure_score: float = SURE_SCORE,
    ) -> None:
        self.corpus = corpus
        self.engine = engine
        self.min_score = min_score
        self.sure_score = sure_score
        self._help = Reply((render.help_message(corpus),), private=True, outcome="help")  # the same for every asker
        self.example = example_reference(corpus)
        self._example_question: str | None = None

    def example_question(self) -> str:
        """A question in words that gets a sure answer (App Home's example): the shortest of the first
        items' own questions that the engine answers with that item, sure; computed once."""
        if self._example_question is None:
            found: list[str] = []
            for key, item in islice(self.corpus, EXAMPLE_CANDIDATES):
                question = " ".join(item.question.split())
                outcome = self.engine.ask(question, top=1)
                best = outcome.best
                sure = outcome_certainty(outcome, min_score=self.min_score, sure_score=self.sure_score)
                if best is not None and best.key == key and sure is Certainty.SURE:
                    found.append(question)
            self._example_question = min(found, key=len) if found else self.example
        return self._example_question

    def help(self) -> Reply:
        return self._help

    def notice(self, text: str) -> Reply:
        return Reply((render.notice_message(text),), private=True)

    def for_text(
        self,
        text: str,
        *,
        private_until_sure: bool = False,
        thread_ts: str | None = None,
        shortcut: bool = False,
        answer_id: str | None = None,
    ) -> Reply:
        """Help, an answer (by number or best match), a Dutch problem, or the decline.

        `private_until_sure`: a best match below the sure level is private, with "Deel in kanaal"
        (posting in `thread_ts` when given). `shortcut`: every answer is private, with "Deel in thread".
        `answer_id`: the answer log's id for this answer, carried by its feedback buttons (None: no buttons).
        """
        if is_help(text):
            return self.help()
        query = text.strip()
        if query.strip().lower() in _DOCUMENTS:
            return Reply((render.documents_message(self.corpus),), private=True)
        ref = next(iter(references_in(query)), None)
        if ref is not None and needs_document(self.corpus, ref):
            return self.notice(messages.slack_document_needed(self.corpus.document_ids, ref.number))
        outcome = ask_narrowed(self.engine, self.corpus, query, top=5)
        if outcome.problem:
            return self.notice(outcome.problem)
        best = outcome.best
        if outcome.answered and len(outcome.named) > 1:
            return self._several(outcome, shortcut=shortcut, thread_ts=thread_ts, answer_id=answer_id)
        if outcome.answered and best is not None and best.key in self.corpus:
            echo = None if outcome.by_reference else text.strip()
            word = outcome_certainty(outcome, min_score=self.min_score, sure_score=self.sure_score)
            shown = None if outcome.by_reference else word.value
            also = tuple(h.key for h in outcome.also)
            if shortcut or (private_until_sure and word is not Certainty.SURE):
                share = SharedAnswer(best.key, _echo(echo), also, shown, thread_ts)
                label = messages.SHARE_IN_THREAD if shortcut else messages.SHARE_IN_CHANNEL
                note = messages.private_until_sure() if word is not Certainty.SURE else messages.shortcut_private()
                reply = self.for_key(
                    best.key,
                    query=echo,
                    also=also,
                    certainty=shown,
                    share=share,
                    label=label,
                    note=note,
                    answer_id=answer_id,
                )
            else:
                reply = self.for_key(best.key, query=echo, also=also, certainty=shown, answer_id=answer_id)
            return replace(reply, found=outcome, score=None if outcome.by_reference else best.score)
        candidates = [(h.key, self.corpus.item(h.key)) for h in outcome.candidates if h.key in self.corpus]
        message = render.decline_message(candidates, example=self.example)
        score = best.score if best else None
        return Reply((message,), private=True, outcome="declined", score=score, found=outcome)

    def _several(self, outcome: Outcome, *, shortcut: bool, thread_ts: str | None, answer_id: str | None) -> Reply:
        """Each item a message named ("vragen 31 en 32"), in full and in order; by a shortcut each privately
        with its own "Deel in thread"."""
        replies = [
            self.for_key(
                key,
                share=SharedAnswer(key, None, thread_ts=thread_ts),
                label=messages.SHARE_IN_THREAD,
                note=messages.shortcut_private(),
                answer_id=answer_id,
            )
            if shortcut
            else self.for_key(key, answer_id=answer_id)
            for key in outcome.named
            if key in self.corpus
        ]
        payloads = tuple(p for reply in replies for p in reply.messages)
        return Reply(payloads, private=shortcut, key=outcome.named[0], answer=True, outcome="answered", found=outcome)

    def for_key(
        self,
        key: ItemKey,
        *,
        query: str | None = None,
        also: tuple[ItemKey, ...] = (),
        certainty: str | None = None,
        share: SharedAnswer | None = None,
        label: str = "",
        note: str | None = None,
        shared_by: str | None = None,
        answer_id: str | None = None,
    ) -> Reply:
        if key not in self.corpus:
            return self.notice(messages.unknown_button())
        view = build_view(self.corpus, key, self.engine.related(key), also=also)
        payloads = render.answer_messages(
            view,
            query=query,
            certainty=certainty,
            share=share,
            share_label=label,
            private_note=note,
            shared_by=shared_by,
            feedback=render.feedback_value(key, answer_id) if answer_id is not None else None,
        )
        return Reply(tuple(payloads), private=share is not None, key=key, answer=True, outcome="answered")

    def private_item(self, key: ItemKey, *, thread_ts: str | None, answer_id: str | None = None) -> Reply:
        """An item chosen in a private message (a decline's candidate, another candidate): still private,
        with "Deel in kanaal" (in `thread_ts` when the private message was in a thread)."""
        share = SharedAnswer(key, None, thread_ts=thread_ts)
        return self.for_key(key, share=share, label=messages.SHARE_IN_CHANNEL, answer_id=answer_id)

    def shared(self, share: SharedAnswer, *, user: str | None) -> Reply:
        """The same answer as the private one, now for everyone, naming who shared it."""
        also = tuple(k for k in share.also if k in self.corpus)
        return self.for_key(share.key, query=share.query, also=also, certainty=share.certainty, shared_by=user)

    def other_candidates(self, share: SharedAnswer) -> Reply:
        """The other items the engine found for the same words, as buttons with their topics (private)."""
        if not share.query:
            return self.notice(messages.no_other_candidates())
        outcome = ask_narrowed(self.engine, self.corpus, share.query, top=6)
        others = [
            (h.key, self.corpus.item(h.key)) for h in outcome.candidates if h.key != share.key and h.key in self.corpus
        ]
        if not others:
            return self.notice(messages.no_other_candidates())
        return Reply((render.candidates_message(share.query, others),), private=True)


def _echo(query: str | None) -> str | None:
    """What a share button carries of the query: what the answer echoes, no more."""
    return None if query is None else query[:SHARED_QUERY_CHARS]
