"""Answers, declines, help and errors as Slack messages: Block Kit plus a plain `text` fallback.

Pure: no Slack calls. Every Slack limit lives here, so the listeners can post whatever comes out.
Official text is escaped (&, <, >) because sections are mrkdwn, and split only at paragraph,
sentence or word boundaries, never inside a word. What a user typed is escaped as well, so
`<!channel>` in a query notifies nobody.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot import messages
from bot.answer import AnswerView
from bot.corpus.ingest.references import answered_together
from bot.corpus.models import Item
from bot.corpus.store import Corpus, ItemKey

Payload = dict[str, Any]
"""One message: `{"text": fallback, "blocks": [...]}` (plus Slack fields the caller adds)."""

# --- Slack's limits (slack-platform.md) ----------------------------------------------------------
SECTION_CHARS = 3000
SECTION_JSON_CHARS = 3900
"""Keeps three full sections under the per-message budget even with escaped quotes or accents."""
HEADER_CHARS = 150
BUTTON_CHARS = 75
MAX_BLOCKS = 50
MAX_BLOCKS_JSON = 12000
"""`len(json.dumps(blocks))` per message; Slack reports `msg_blocks_too_long` near 13k."""
CONTEXT_ELEMENTS = 10
FALLBACK_CHARS = 300
QUERY_ECHO_CHARS = 200
DECLINE_CANDIDATES = 3

ACTION_SHOW = "kamervraag_show"
"""Prefix of every "show this item" button; the value is `document:number`."""
ACTION_SHOW_PATTERN = re.compile(rf"^{ACTION_SHOW}(?::\d+)?$")

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_ESCAPE_COST = {"&": 5, "<": 4, ">": 4}
_SENTENCE_END = re.compile(r"[.!?;:][\"'”’)\]]*(?=\s)")


# --- text ----------------------------------------------------------------------------------------
def escape(text: str) -> str:
    """mrkdwn escaping: only &, < and > (Slack's rule); neutralises `<!channel>` and `<@U…>`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def button_value(key: ItemKey) -> str:
    return f"{key.document}:{key.number}"


def parse_button_value(value: str) -> ItemKey | None:
    doc, _, number = value.rpartition(":")
    if not doc or not number.isdigit():
        return None
    return ItemKey(doc, int(number))


def _fits_prefix(text: str, limit: int, json_limit: int) -> int:
    """Length of the longest prefix whose escaped form fits both limits."""
    size = json_size = 0
    for i, ch in enumerate(text):
        size += _ESCAPE_COST.get(ch, 1)
        json_size += len(json.dumps(escape(ch))) - 2
        if size > limit or json_size > json_limit:
            return i
    return len(text)


def _cut(window: str) -> int:
    """Where to end a chunk inside `window`: paragraph, else sentence, else word boundary."""
    para = window.rfind("\n\n")
    if para > 0:
        return para
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        return ends[-1]
    space = max(window.rfind(" "), window.rfind("\n"))
    if space > 0:
        return space
    return len(window)  # one "word" longer than a section: nothing else fits


def split_text(text: str, limit: int = SECTION_CHARS, json_limit: int = SECTION_JSON_CHARS) -> list[str]:
    """Chunks of `text` whose escaped form fits a section; joined with spaces they give every word back.

    Only the whitespace at a cut disappears (it is the gap between two sections).
    """
    chunks: list[str] = []
    rest = text.strip()
    while rest:
        fit = _fits_prefix(rest, limit, json_limit)
        if fit >= len(rest):
            chunks.append(rest)
            break
        # One character past the fit, so a boundary right at the fit (a space) is seen too.
        cut = min(_cut(rest[: fit + 1]), fit)
        if cut <= 0:
            cut = max(fit, 1)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [c for c in chunks if c]


def _shorten(text: str, limit: int) -> str:
    """A one-line summary at a word boundary (for fallbacks and labels, never for official text)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:") + "…"


# --- blocks --------------------------------------------------------------------------------------
def _mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text)


def _sections(text: str, *, quote: bool = False) -> list[Block]:
    out: list[Block] = []
    limit = SECTION_CHARS - 200 if quote else SECTION_CHARS  # room for the "> " of each line
    for chunk in split_text(text, limit):
        body = escape(chunk)
        if quote:
            body = "\n".join("> " + line if line.strip() else ">" for line in body.split("\n"))
        out.append(SectionBlock(text=_mrkdwn(body)))
    return out


def _context(*texts: str) -> list[Block]:
    """Context blocks (max 10 elements each) holding already-escaped mrkdwn texts."""
    parts = [chunk for t in texts for chunk in ([t] if len(t) <= SECTION_CHARS else _rechunk(t))]
    return [
        ContextBlock(elements=[_mrkdwn(p) for p in parts[i : i + CONTEXT_ELEMENTS]])
        for i in range(0, len(parts), CONTEXT_ELEMENTS)
    ]


def _rechunk(escaped: str) -> list[str]:
    # Already-escaped text: cut at spaces only, so an entity such as &amp; stays whole.
    out: list[str] = []
    rest = escaped
    while len(rest) > SECTION_CHARS:
        cut = rest.rfind(" ", 0, SECTION_CHARS)
        cut = cut if cut > 0 else SECTION_CHARS
        out.append(rest[:cut])
        rest = rest[cut:].lstrip()
    return [*out, rest] if rest else out


def _buttons(label: str, targets: Sequence[tuple[ItemKey, str]]) -> list[Block]:
    """A small context label and one actions block of "show item" buttons (max 25 per block)."""
    if not targets:
        return []
    buttons = [
        ButtonElement(
            text=PlainTextObject(text=_shorten(text, BUTTON_CHARS), emoji=False),
            action_id=f"{ACTION_SHOW}:{i}",
            value=button_value(key),
        )
        for i, (key, text) in enumerate(targets[:25])
    ]
    return [ContextBlock(elements=[_mrkdwn(escape(label) + ":")]), ActionsBlock(elements=buttons)]


def _link(url: str) -> str:
    host = urlsplit(url).hostname or url
    labels = host.split(".")
    short = ".".join(labels[-2:]) if len(labels) > 2 else host
    return f"<{escape(url)}|{escape(short)}>"


def citation_line(view: AnswerView) -> str:
    """`Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53 · Lijst van …, vastgesteld … · <link>`."""
    doc = view.document
    parts = [escape(view.citation)]
    described = messages.document_source(doc)
    if described:
        parts.append(escape(described))
    parts.append(_link(doc.url))
    return " · ".join(parts)


def _item_blocks(view: AnswerView) -> list[list[Block]]:
    """Groups of blocks; a group stays in one message where it can."""
    item = view.item
    groups: list[list[Block]] = [
        [HeaderBlock(text=PlainTextObject(text=_shorten(messages.item_title(item.number), HEADER_CHARS)))],
        _sections(item.question, quote=True),
    ]
    shown = [item.answer, *(inc.answer for inc in view.included)]
    if item.joint_with and not any(answered_together(a, item.number) for a in shown):  # not said twice
        groups.append(_context(escape(messages.joint_answer(item.number, item.joint_with))))
    if item.answered_by_letter:
        groups.append(_context(escape(messages.answered_by_letter(item.answered_by_letter))))
    groups += [[s] for s in _sections(item.answer)]
    for inc in view.included:
        label = SectionBlock(text=_mrkdwn("*" + escape(messages.included_answer_label(inc.number)) + "*"))
        first, *rest = _sections(inc.answer)
        groups.append([label, first])
        groups += [[s] for s in rest]
    groups.append(_context(citation_line(view)))
    if view.footnotes:
        notes = (f"{str(fn.number).translate(_SUPERSCRIPT)} {escape(fn.text)}" for fn in view.footnotes)
        groups.append(_context(*notes))
    return groups


# --- messages ------------------------------------------------------------------------------------
def _blocks_json_size(blocks: Sequence[dict[str, Any]]) -> int:
    return len(json.dumps(blocks))


def _pack(
    groups: Iterable[Sequence[Block]], fallback: Callable[[int], str], continued: Callable[[int], str]
) -> list[Payload]:
    """Blocks into as few messages as the limits allow; later messages start with a "vervolg" line."""
    pages: list[list[dict[str, Any]]] = [[]]

    def fits(page: list[dict[str, Any]], extra: list[dict[str, Any]]) -> bool:
        return len(page) + len(extra) <= MAX_BLOCKS and _blocks_json_size(page + extra) <= MAX_BLOCKS_JSON

    for group in groups:
        dicts = [b.to_dict() for b in group]
        pieces = [dicts] if fits([], dicts) else [[d] for d in dicts]
        for piece in pieces:
            if not fits(pages[-1], piece):
                header = [b.to_dict() for b in _context(escape(continued(len(pages) + 1)))]
                pages.append(header)
            pages[-1].extend(piece)
    return [{"text": escape(fallback(i + 1)), "blocks": page} for i, page in enumerate(pages) if page]


def answer_messages(
    view: AnswerView,
    *,
    query: str | None = None,
    also: Sequence[ItemKey] = (),
) -> list[Payload]:
    """The answer to one item, in one message or (for very long answers) several in a row.

    `query`: what the user typed, when the answer is a best match ("Beste match voor: …").
    `also`: close runner-ups ("Lijkt ook op: [Vraag 7] [Vraag 8]").
    """
    number = view.item.number
    groups: list[Sequence[Block]] = []
    if query is not None:
        groups.append(_context(escape(messages.best_match_for(_shorten(query, QUERY_ECHO_CHARS)))))
    groups += _item_blocks(view)
    also = [k for k in also if k != view.key]
    related = [k for k in view.related if k not in also]  # one button per item

    def title(k: ItemKey) -> str:
        same = k.document == view.key.document
        return messages.item_title(k.number) if same else messages.item_title_elsewhere(*k)

    if also:
        groups.append(_buttons(messages.ALSO_LIKE, [(k, title(k)) for k in also]))
    if related:
        groups.append(_buttons(messages.related_label(), [(k, title(k)) for k in related]))

    def fallback(page: int) -> str:
        if page == 1:
            return _shorten(f"{messages.item_title(number)}: {view.item.question}", FALLBACK_CHARS)
        return messages.continued(number, page)

    return _pack(groups, fallback, lambda page: messages.continued(number, page))


def channel_answer_payload(view: AnswerView) -> Payload:
    """What `/kamervraag N` posts in the channel (the first message; every corpus answer fits in one)."""
    return answer_messages(view)[0]


def decline_message(candidates: Sequence[tuple[ItemKey, Item]], *, example: str = "53") -> Payload:
    """ "Ik heb hier geen goed antwoord op gevonden." with the nearest items as buttons and a tip."""
    targets = [
        (key, f"{messages.item_title(key.number)} – {' '.join(item.question.split())}")
        for key, item in candidates[:DECLINE_CANDIDATES]
    ]
    blocks: list[Block] = [SectionBlock(text=_mrkdwn(escape(messages.DECLINE)))]
    if targets:
        blocks += _buttons(messages.maybe_you_mean(), targets)
    blocks += _context(escape(messages.decline_tip(example)))
    return {"text": escape(messages.DECLINE), "blocks": [b.to_dict() for b in blocks]}


def help_message(corpus: Corpus) -> Payload:
    """Three lines: what the bot knows, how to ask by number, how to ask in words."""
    known: list[tuple[str, int]] = []
    for doc in corpus.documents:
        d = doc.document
        known.append((messages.document_name(d.dossier, d.number, d.session_year, d.title), len(doc.questions)))
    lines = messages.help_lines(known)
    body = "\n".join(escape(line) for line in lines)
    return {"text": escape(lines[0]), "blocks": [SectionBlock(text=_mrkdwn(body)).to_dict()]}


def documents_message(corpus: Corpus) -> Payload:
    """`/kamervraag documenten`: one section per document (a Slack section holds 3000 characters)."""
    blocks = [SectionBlock(text=_mrkdwn(escape(messages.documents_header()))).to_dict()]
    for d in corpus.documents:
        line = messages.document_list_line(d.document, len(d.questions))
        block = SectionBlock(text=_mrkdwn(escape(_shorten(line, SECTION_CHARS)))).to_dict()
        if len(blocks) == MAX_BLOCKS or len(json.dumps([*blocks, block])) > MAX_BLOCKS_JSON:
            break  # the rest would not fit one message; `kamervraag list --documents` shows them all
        blocks.append(block)
    return {"text": escape(messages.documents_header()), "blocks": blocks}


def notice_message(text: str) -> Payload:
    """One short Dutch sentence (an error, a range, a hint) as its own small message."""
    safe = escape(text)
    return {"text": safe, "blocks": [SectionBlock(text=_mrkdwn(safe)).to_dict()]}
