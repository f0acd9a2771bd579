"""What a "Deel in kanaal" button carries: enough to post the same answer again, in public.

Pure. The value travels through Slack (at most 2000 characters per button value), so the echoed
query is already cut to what the answer shows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bot.certainty import Certainty
from bot.corpus.store import ItemKey

ACTION_SHARE = "share_answer"
"""Public contract (contracts.md): posts a private answer in the channel or thread."""
ACTION_OTHER_CANDIDATES = "other_candidates"
"""Shows the other candidates of a private best match (in place of it, still private)."""
VALUE_CHARS = 2000
_TS = re.compile(r"\d{1,12}\.\d{1,9}")


@dataclass(frozen=True, slots=True)
class SharedAnswer:
    key: ItemKey
    query: str | None
    """What was asked, as the answer echoes it (None for an item asked by number)."""
    also: tuple[ItemKey, ...] = ()
    certainty: str | None = None
    thread_ts: str | None = None
    """The thread to post in (a mention, a shortcut's message); None: the channel itself."""

    def to_value(self) -> str:
        data = {
            "k": _key(self.key),
            "q": self.query,
            "a": [_key(k) for k in self.also],
            "c": self.certainty,
            "t": self.thread_ts,
        }
        value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if len(value) > VALUE_CHARS and self.query:  # only a query of escapes (&&&…) can get here
            return SharedAnswer(
                self.key, self.query[: len(self.query) // 2], self.also, self.certainty, self.thread_ts
            ).to_value()
        return value

    @classmethod
    def from_value(cls, value: str) -> SharedAnswer | None:
        """None for anything this bot did not write (a forged or outdated button)."""
        try:
            data = json.loads(value)
            key = _parse_key(data["k"])
            also = tuple(_parse_key(k) for k in data.get("a") or [])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        query, certainty, thread = data.get("q"), data.get("c"), data.get("t")
        if key is None or None in also or not all(v is None or isinstance(v, str) for v in (query, certainty, thread)):
            return None
        if certainty not in (None, *Certainty) or (thread is not None and not _TS.fullmatch(thread)):
            return None  # only what this bot writes: a certainty word, a message timestamp
        return cls(key, query, tuple(k for k in also if k is not None), certainty, thread)


def _key(key: ItemKey) -> str:
    return f"{key.document}:{key.number}"


def _parse_key(value: object) -> ItemKey | None:
    if not isinstance(value, str):
        return None
    doc, _, number = value.rpartition(":")
    return ItemKey(doc, int(number)) if doc and number.isdigit() else None
