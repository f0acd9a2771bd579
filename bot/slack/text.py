"""Reading what people type in Slack: mentions, entities, follow-up questions. Pure."""

from __future__ import annotations

import re

from bot.corpus.lookup import references_in

HELP_WORDS = frozenset({"help", "hulp", "?", "uitleg"})

READ_SUBTYPES = frozenset({"thread_broadcast", "file_share"})
"""Message subtypes a person sends: a thread reply also sent to the channel, a message with files
(read by its text). Every other subtype (edits, deletions, joins, bots) gets no reply."""

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def from_a_person(event: dict[str, object]) -> bool:
    """A message a person wrote (plain, a broadcast thread reply, with files): not a bot's, not an edit."""
    subtype = event.get("subtype")
    return not event.get("bot_id") and (not subtype or subtype in READ_SUBTYPES)


def unescape(text: str) -> str:
    """Slack sends &, < and > as entities in message and command text."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def strip_mentions(text: str) -> str:
    """`<@U123> vraag 53` → `vraag 53` (also `<@U123|kamervraag>`)."""
    return " ".join(_MENTION.sub(" ", text).split())


def mentions_user(text: str, user_id: str | None) -> bool:
    return bool(user_id) and any(m.group(1) == user_id for m in _MENTION.finditer(text))


def mentions_others(text: str, user_id: str | None) -> bool:
    """A reply addressed to a colleague ("<@U42> kun jij dit checken?") is not for the bot."""
    return any(m.group(1) != user_id for m in _MENTION.finditer(text))


def is_help(text: str) -> bool:
    """Nothing, or a word asking for help ("help", "Hulp?", "uitleg!"): people punctuate."""
    word = text.strip().lower()
    return not word or word in HELP_WORDS or word.rstrip("?!.") in HELP_WORDS


def is_follow_up(text: str) -> bool:
    """In the bot's thread: a question ("…?") or a reference to an item ("vraag 54", "en 55?")."""
    stripped = text.strip()
    if not stripped:
        return False
    return stripped.endswith("?") or bool(references_in(stripped))
