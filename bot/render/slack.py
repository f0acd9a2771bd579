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
    Option,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
)

from bot import messages
from bot.answer import AnswerView, Referred
from bot.certainty import Certainty
from bot.corpus.ingest.references import answered_together
from bot.corpus.models import Item
from bot.corpus.store import Corpus, ItemKey
from bot.render.markers import with_markers
from bot.render.share import ACTION_OTHER_CANDIDATES, ACTION_SHARE, SharedAnswer

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
SHOWN_BUTTONS = 5
"""Buttons in a row; more targets go into an overflow menu beside them."""
OVERFLOW_OPTIONS = 5
OPTION_VALUE_CHARS = 150

HOME_BLOCKS = 100
HOME_DOCUMENTS = 30

ACTION_SHOW = "kamervraag_show"
"""Prefix of every "show this item" button; the value is `document:number`."""
ACTION_SHOW_MORE = f"{ACTION_SHOW}:meer"
"""The overflow menu of more "show this item" targets; the chosen option's value is `document:number`."""
ACTION_SHOW_PATTERN = re.compile(rf"^{ACTION_SHOW}(?::\d+|:meer)?$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")
ACTION_FEEDBACK_UP = "feedback_up"
ACTION_FEEDBACK_DOWN = "feedback_down"

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
    escaped = escape(text)
    if len(escaped) <= limit and len(json.dumps(escaped)) - 2 <= json_limit:
        return len(text)  # the common case, at once: the loop below costs milliseconds per answer
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
    """A small context label and one actions block of "show item" buttons; past five, an overflow menu."""
    if not targets:
        return []
    elements: list[ButtonElement | OverflowMenuElement] = [
        ButtonElement(
            text=PlainTextObject(text=_shorten(text, BUTTON_CHARS), emoji=False),
            action_id=f"{ACTION_SHOW}:{i}",
            value=button_value(key),
        )
        for i, (key, text) in enumerate(targets[:SHOWN_BUTTONS])
    ]
    more = [(k, t) for k, t in targets[SHOWN_BUTTONS : SHOWN_BUTTONS + OVERFLOW_OPTIONS]]
    more = [(k, t) for k, t in more if len(button_value(k)) <= OPTION_VALUE_CHARS]
    if more:
        options = [Option(value=button_value(k), text=PlainTextObject(text=_shorten(t, BUTTON_CHARS))) for k, t in more]
        elements.append(OverflowMenuElement(action_id=ACTION_SHOW_MORE, options=options))
    return [ContextBlock(elements=[_mrkdwn(escape(label) + ":")]), ActionsBlock(elements=elements)]


def topic_label(title: str, topic: str | None) -> str:
    """ "Vraag 55 – Is er sprake van een toename van aanslagen…": which button to click."""
    return f"{title} – {topic}" if topic else title


def feedback_value(key: ItemKey, answer_id: str | None = None) -> str:
    """`document:number`, and `#<answer id>` when the answer is in the answer log."""
    return button_value(key) + (f"#{answer_id}" if answer_id else "")


def parse_feedback_value(value: str) -> tuple[ItemKey, str | None] | None:
    item, _, answer_id = value.partition("#")
    key = parse_button_value(item)
    return None if key is None else (key, answer_id or None)


def feedback_buttons(value: str) -> list[Block]:
    """👍 / 👎 under an answer (issue 13); `value` from `feedback_value`."""
    buttons = [
        ButtonElement(text=PlainTextObject(text=label, emoji=True), action_id=action, value=value)
        for label, action in (
            (messages.FEEDBACK_UP, ACTION_FEEDBACK_UP),
            (messages.FEEDBACK_DOWN, ACTION_FEEDBACK_DOWN),
        )
    ]
    return [ActionsBlock(block_id="feedback", elements=buttons)]


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


def _superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def _referred_blocks(ref: Referred) -> list[list[Block]]:
    """ "Antwoord op vraag 57:" and its answer; a long one only its first sentences, with a pointer to the rest."""
    number = ref.item.number
    label_text = messages.included_answer_label(number) if ref.complete else messages.referred_answer_start(number)
    label = SectionBlock(text=_mrkdwn("*" + escape(label_text) + "*"))
    first, *rest = _sections(with_markers(ref.text, ref.item.footnotes, "answer", _superscript))
    groups: list[list[Block]] = [[label, first], *([s] for s in rest)]
    if not ref.complete:
        groups[-1] = [*groups[-1], *_context(escape(messages.referred_answer_rest(number)))]
    return groups


def _footnote_blocks(view: AnswerView) -> list[Block]:
    """One note per marker shown, with the same superscript as its marker."""
    return _context(*(f"{_superscript(fn.number)} {escape(fn.text)}" for fn in view.footnotes))


def _item_blocks(view: AnswerView) -> list[list[Block]]:
    """Groups of blocks; a group stays in one message where it can."""
    item = view.item
    groups: list[list[Block]] = [
        [HeaderBlock(text=PlainTextObject(text=_shorten(messages.item_title(item.number), HEADER_CHARS)))],
        _sections(with_markers(item.question, item.footnotes, "question", _superscript), quote=True),
    ]
    shown = [item.answer, *(r.text for r in view.referred)]
    if item.joint_with and not any(answered_together(a, item.number) for a in shown):  # not said twice
        groups.append(_context(escape(messages.joint_answer(item.number, item.joint_with))))
    if item.answered_by_letter:
        groups.append(_context(escape(messages.answered_by_letter(item.answered_by_letter))))
    groups += [[s] for s in _sections(with_markers(item.answer, item.footnotes, "answer", _superscript))]
    for ref in view.referred:
        groups += _referred_blocks(ref)
    groups.append(_context(citation_line(view)))
    if view.footnotes:
        groups.append(_footnote_blocks(view))
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


def _title(view: AnswerView, key: ItemKey) -> str:
    same = key.document == view.key.document
    return messages.item_title(key.number) if same else messages.item_title_elsewhere(*key)


def _share_buttons(share: SharedAnswer, label: str) -> list[Block]:
    """ "Deel in kanaal" and, for a best match, "Andere kandidaten" (asked again with the same words)."""
    elements = [
        ButtonElement(
            text=PlainTextObject(text=label, emoji=False),
            action_id=ACTION_SHARE,
            value=share.to_value(),
            style="primary",
        )
    ]
    if share.query:
        elements.append(
            ButtonElement(
                text=PlainTextObject(text=messages.OTHER_CANDIDATES, emoji=False),
                action_id=ACTION_OTHER_CANDIDATES,
                value=share.to_value(),
            )
        )
    return [ActionsBlock(elements=elements)]


def answer_actions(
    view: AnswerView, also: Sequence[ItemKey], *, share: SharedAnswer | None = None, share_label: str = ""
) -> list[Sequence[Block]]:
    """Every action block of an answer, in one place: sharing, close runner-ups, related items."""
    groups: list[Sequence[Block]] = []
    if share is not None:
        groups.append(_share_buttons(share, share_label or messages.SHARE_IN_CHANNEL))
    related = [k for k in view.related if k not in also]  # one button per item
    if also:
        groups.append(
            _buttons(messages.ALSO_LIKE, [(k, topic_label(_title(view, k), view.topics.get(k))) for k in also])
        )
    if related:
        targets = [(k, topic_label(_title(view, k), view.topics.get(k))) for k in related]
        groups.append(_buttons(messages.related_label(), targets))
    return groups


def answer_messages(
    view: AnswerView,
    *,
    query: str | None = None,
    also: Sequence[ItemKey] | None = None,
    certainty: str | None = None,
    share: SharedAnswer | None = None,
    share_label: str = "",
    private_note: str | None = None,
    shared_by: str | None = None,
    feedback: str | None = None,
) -> list[Payload]:
    """The answer to one item, in one message or (for very long answers) several in a row.

    `query`: what the user typed, when the answer is a best match ("Beste match voor: …").
    `also`: close runner-ups ("Lijkt ook op: [Vraag 7 – …] [Vraag 8 – …]"); default the view's.
    `certainty`: the word for how sure the match is ("Zekerheid: Waarschijnlijk").
    `share`: a private answer's "Deel in kanaal" button (`share_label`); `private_note` says why it is private.
    `shared_by`: the Slack user id of who shared a private answer ("Gedeeld door @naam").
    `feedback`: the value of the 👍 / 👎 buttons (`feedback_value`); None: no buttons.
    """
    number = view.item.number
    groups: list[Sequence[Block]] = []
    if shared_by is not None and _USER_ID.match(shared_by):
        groups.append(_context(escape(messages.shared_by("@")).replace("@", f"<@{shared_by}>", 1)))
    if private_note:
        groups.append(_context(escape(private_note)))
    if query is not None:
        line = escape(messages.best_match_for(_shorten(query, QUERY_ECHO_CHARS)))
        if certainty:
            line += " · " + escape(messages.certainty_line(certainty))
        groups.append(_context(line))
    groups += _item_blocks(view)
    shown_also = [k for k in (view.also if also is None else also) if k != view.key]
    groups += answer_actions(view, shown_also, share=share, share_label=share_label)
    if feedback is not None:
        groups.append(feedback_buttons(feedback))

    def fallback(page: int) -> str:
        if page == 1:
            return _shorten(f"{messages.item_title(number)}: {view.item.question}", FALLBACK_CHARS)
        return messages.continued(number, page)

    return _pack(groups, fallback, lambda page: messages.continued(number, page))


def channel_answer_payload(view: AnswerView) -> Payload:
    """What `/kamervraag N` posts in the channel (the first message; every corpus answer fits in one),
    with the feedback buttons as they are without an answer-log id."""
    return answer_messages(view, feedback=feedback_value(view.key))[0]


def decline_message(candidates: Sequence[tuple[ItemKey, Item]], *, example: str = "53") -> Payload:
    """ "Ik heb hier geen goed antwoord op gevonden." with the nearest items as buttons and a tip."""
    targets = [
        (key, topic_label(messages.item_title(key.number), " ".join(item.question.split())))
        for key, item in candidates[:DECLINE_CANDIDATES]
    ]
    blocks: list[Block] = [SectionBlock(text=_mrkdwn(escape(messages.DECLINE)))]
    if targets:
        blocks += _buttons(messages.maybe_you_mean(), targets)
    blocks += _context(escape(messages.decline_tip(example)))
    return {"text": escape(messages.DECLINE), "blocks": [b.to_dict() for b in blocks]}


def candidates_message(query: str, candidates: Sequence[tuple[ItemKey, Item]]) -> Payload:
    """ "Andere kandidaten voor: “…”" with one button per item, its topic on it (more in an overflow menu)."""
    label = messages.other_candidates_for(_shorten(query, QUERY_ECHO_CHARS))
    targets = [
        (key, topic_label(messages.item_title(key.number), " ".join(item.question.split()))) for key, item in candidates
    ]
    blocks = _buttons(label, targets)
    return {"text": escape(label), "blocks": [b.to_dict() for b in blocks]}


def help_message(corpus: Corpus) -> Payload:
    """Three lines: what the bot knows, how to ask by number, how to ask in words."""
    known: list[tuple[str, int]] = []
    for doc in corpus.documents:
        d = doc.document
        known.append((messages.document_name(d.dossier, d.number, d.session_year, d.title), len(doc.questions)))
    lines = messages.help_lines(known)
    body = "\n".join(escape(line) for line in lines)
    return {"text": escape(lines[0]), "blocks": [SectionBlock(text=_mrkdwn(body)).to_dict()]}


def home_view(
    corpus: Corpus, *, example: str, question: str, visibility: str, min_score: float, sure_score: float
) -> dict[str, Any]:
    """App Home: what the bot knows (documents, titles, counts), how to ask (examples that work), and
    the settings that matter to a workspace admin."""
    documents = [
        messages.home_document(messages.document_name(d.dossier, d.number, d.session_year, d.title), len(doc.questions))
        for doc in corpus.documents
        for d in [doc.document]
    ]
    shown = documents[:HOME_DOCUMENTS]
    if len(documents) > len(shown):
        shown.append(messages.home_more_documents(len(documents) - len(shown)))
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=_shorten(messages.home_title(), HEADER_CHARS)))]
    blocks.append(HeaderBlock(text=PlainTextObject(text=messages.home_knows())))
    blocks += _sections("\n".join(f"• {line}" for line in shown))
    blocks.append(HeaderBlock(text=PlainTextObject(text=messages.home_how_to_ask())))
    examples = messages.home_examples(example, _shorten(question, QUERY_ECHO_CHARS))
    blocks += _sections("\n".join(f"• {line}" for line in examples))
    blocks += _context(escape(messages.home_certainty(Certainty.SURE, Certainty.LIKELY)))
    blocks.append(HeaderBlock(text=PlainTextObject(text=messages.home_admin())))
    settings = messages.home_settings(visibility, min_score, sure_score, len(corpus.documents))
    blocks += _sections("\n".join(f"• {line}" for line in settings))
    return {"type": "home", "blocks": [b.to_dict() for b in blocks[:HOME_BLOCKS]]}


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
