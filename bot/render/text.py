"""Answers for a terminal: number, question, answer (wrapped), citation, related numbers."""

from __future__ import annotations

import textwrap

from bot import messages
from bot.answer import AnswerView

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


def answer(view: AnswerView) -> str:
    item = view.item
    lines = [
        messages.item_title(item.number),
        _wrap(item.question, "  > "),
        "",
        _wrap(item.answer),
    ]
    for inc in view.included:
        lines += ["", messages.included_answer_label(inc.number), _wrap(inc.answer)]
    if view.footnotes:
        lines.append("")
        lines += [_wrap(f"[{fn.number}] {fn.text}") for fn in view.footnotes]
    if item.answered_by_letter:
        lines += ["", messages.answered_by_letter(item.answered_by_letter)]
    lines += ["", f"{view.citation} · {view.document.url}"]
    if view.document.is_written_questions:  # which written questions, by whom, answered by whom and when
        lines.append(_wrap(messages.document_source(view.document)))
    if view.related:
        here = view.key.document
        refs = (str(k.number) if k.document == here else messages.item_ref_elsewhere(*k) for k in view.related)
        lines.append(messages.related_label() + ": " + ", ".join(refs))
    return "\n".join(lines)
