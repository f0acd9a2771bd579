"""Assertions shared by the Slack tests: what a user would see in a recorded call."""

from __future__ import annotations

from fake_slack import Call

from bot.corpus import Corpus, ItemKey
from bot.corpus.lookup import LookupProblem, parse_reference, resolve
from bot.render.slack import escape
from bot.search import Hit, Outcome


def key(corpus: Corpus, number: int) -> ItemKey:
    return ItemKey(corpus.document_ids[0], number)


def answer_start(corpus: Corpus, number: int) -> str:
    """The first words of the official answer, as they appear (escaped) in a section."""
    return escape(corpus.item(key(corpus, number)).answer[:60])


def shows_answer(call: Call, corpus: Corpus, number: int) -> bool:
    """The message has the header "Vraag N" and a section that starts with the official answer."""
    texts = call.block_texts()
    header = [b["text"]["text"] for b in call.blocks if b.get("type") == "header"]
    return header == [f"Vraag {number}"] and any(t.startswith(answer_start(corpus, number)) for t in texts)


def all_text(call: Call) -> str:
    return "\n".join([str(call.params.get("text", "")), *call.block_texts()])


class FixedEngine:
    """A stand-in for the answering engine with a fixed verdict, to test the Slack layer alone.

    Numbers still resolve like the real engine does; free text gets `answer` (or a decline
    with `candidates`), with `also` as close runner-ups.
    """

    def __init__(
        self,
        corpus: Corpus,
        *,
        answer: int | None,
        candidates: tuple[int, ...] = (12, 50, 65),
        also: tuple[int, ...] = (),
    ) -> None:
        self.corpus = corpus
        self.answer = answer
        self.candidates = candidates
        self.also = also

    def ask(self, query: str, *, top: int = 5, document: str | None = None) -> Outcome:
        ref = parse_reference(query)
        if ref is not None:
            try:
                found = resolve(self.corpus, ref, document=document)
            except LookupProblem as exc:
                return Outcome(query=query, answered=False, hits=(), by_reference=True, problem=str(exc))
            return Outcome(query=query, answered=True, hits=(Hit(found, 1.0),), by_reference=True)
        if self.answer is None:
            hits = tuple(Hit(key(self.corpus, n), 0.1) for n in self.candidates)
            return Outcome(query=query, answered=False, hits=hits[:top])
        best = Hit(key(self.corpus, self.answer), 0.9)
        also = tuple(Hit(key(self.corpus, n), 0.85) for n in self.also)
        return Outcome(query=query, answered=True, hits=(best, *also)[:top], also=also)

    def related(self, item: ItemKey, *, limit: int = 5) -> tuple[ItemKey, ...]:
        return ()
