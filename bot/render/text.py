"""Answers for a terminal: number, question, answer (wrapped), citation, related numbers with their topics."""

from __future__ import annotations

import textwrap

from bot import messages
from bot.answer import AnswerView
from bot.render.markers import with_markers

WIDTH = 88


def _wrap(text: str, indent: str = "") -> str:
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        textwrap.fill(
            p,
            width=WIDTH,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,  # a web address stays whole, so it can be copied
            break_on_hyphens=False,
        )
        for p in paragraphs
    )


def marker(number: int) -> str:
    """A footnote marker in terminal text, the same before the note: `[1]`."""
    return f"[{number}]"


def answer(view: AnswerView) -> str:
    item = view.item
    lines = [
        messages.item_title(item.number),
        _wrap(with_markers(item.question, item.footnotes, "question", marker), "  > "),
        "",
        _wrap(with_markers(item.answer, item.footnotes, "answer", marker)),
    ]
    for ref in view.referred:
        n = ref.item.number
        label = messages.included_answer_label(n) if ref.complete else messages.referred_answer_start(n)
        lines += ["", label, _wrap(with_markers(ref.text, ref.item.footnotes, "answer", marker))]
        if not ref.complete:
            lines.append(messages.ask_referred_rest(n))
    if view.footnotes:
        lines.append("")
        lines += [_wrap(f"{marker(fn.number)} {fn.text}") for fn in view.footnotes]
    if item.answered_by_letter:
        lines += ["", messages.answered_by_letter(item.answered_by_letter)]
    lines += ["", f"{view.citation} · {view.document.url}"]
    if view.document.is_written_questions:  # which written questions, by whom, answered by whom and when
        lines.append(_wrap(messages.document_source(view.document)))
    if view.related:
        here = view.key.document
        lines.append(messages.related_label() + ":")
        for k in view.related:
            ref_name = str(k.number) if k.document == here else messages.item_ref_elsewhere(*k)
            topic = view.topics.get(k)
            lines.append(f"  {ref_name} – {topic}" if topic else f"  {ref_name}")
    return "\n".join(lines)
