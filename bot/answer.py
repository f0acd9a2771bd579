"""What is shown for one item, independent of where it is shown (terminal or Slack).

Pure: built from the corpus and the related keys the engine chose; renderers only lay it out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.corpus.ingest.references import POINTER
from bot.corpus.models import Document, Footnote, Item
from bot.corpus.store import Corpus, ItemKey

_PUNCTUATION_AFTER = re.compile(r"^\s*[.,;]")
"""The end of the pointer's own sentence ("… vraag 13." or "…, vraag 13; …"), which is no further text."""
# Besides its pointer an answer may hold one short sentence ("Ja.", "Nee.") and still count as a pointer.
SHORT_SENTENCE_CHARS = 60


@dataclass(frozen=True, slots=True)
class AnswerView:
    key: ItemKey
    document: Document
    item: Item
    citation: str
    included: tuple[Item, ...]
    """Answers shown in full under "Antwoord op vraag N:", because this answer only points to them."""
    related: tuple[ItemKey, ...]

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """The item's footnotes, then those of the answers shown with it: every marker shown has its note."""
        return (*self.item.footnotes, *(fn for inc in self.included for fn in inc.footnotes))


def is_pointer_answer(answer: str) -> bool:
    """True for "Zie het antwoord op vraag 13." and "Ja. Zie het antwoord op vraag 12."."""
    m = POINTER.search(answer)
    if not m:
        return False
    after = _PUNCTUATION_AFTER.sub("", answer[m.end() :])
    rest = (answer[: m.start()] + " " + after).strip()
    if not rest:
        return True
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", rest) if s.strip()]
    return len(sentences) <= 1 and len(rest) <= SHORT_SENTENCE_CHARS


def build_view(corpus: Corpus, key: ItemKey, related: Sequence[ItemKey] = ()) -> AnswerView:
    item = corpus.item(key)
    included: tuple[Item, ...] = ()
    if is_pointer_answer(item.answer):
        included = tuple(
            corpus.item(ItemKey(key.document, n)) for n in item.refers_to if ItemKey(key.document, n) in corpus
        )
    shown = {ItemKey(key.document, inc.number) for inc in included}  # in full already: no button for them
    return AnswerView(
        key=key,
        document=corpus.document(key.document),
        item=item,
        citation=corpus.citation(key),
        included=included,
        related=tuple(r for r in related if r != key and r not in shown),
    )
