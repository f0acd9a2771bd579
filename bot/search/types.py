"""What the engine answers; shared by the command line and the Slack layer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.corpus.store import ItemKey


@dataclass(frozen=True, slots=True)
class Hit:
    key: ItemKey
    score: float
    """In [0, 1]; comparable with `KAMERVRAAG_MIN_SCORE`."""


@dataclass(frozen=True, slots=True)
class Outcome:
    query: str
    answered: bool
    """True when `hits[0]` is presented as the answer; False for a decline."""
    hits: tuple[Hit, ...]
    """The top K candidates, best first, whether or not the bot answers."""
    also: tuple[Hit, ...] = ()
    """Close runner-ups, shown as "Lijkt ook op" beside an answer."""
    by_reference: bool = False
    """The query named an item ("53", "vraag 53")."""
    named: tuple[ItemKey, ...] = ()
    """Every item the query named, in its order ("vragen 31 en 32"): each is answered in full."""
    problem: str | None = None
    """A Dutch sentence when the query named an item that does not exist."""

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    @property
    def candidates(self) -> tuple[Hit, ...]:
        """The hits that matched anything at all (score > 0): what a decline may suggest."""
        return tuple(h for h in self.hits if h.score > 0)
