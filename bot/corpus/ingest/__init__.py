"""Ingest: from an official source text and its metadata to a corpus document, word for word.

>>> doc = ingest_text(Path("corpus/sources/kst-27925-748.txt").read_text(), meta)
>>> doc.questions[52].number
53
"""

from __future__ import annotations

from pydantic import ValidationError

from bot import messages
from bot.corpus.ingest.errors import IngestError
from bot.corpus.ingest.footnotes import FootnoteBody
from bot.corpus.ingest.join import full_width, join_lines, join_lines_at
from bot.corpus.ingest.layout import content_lines, footer_pattern
from bot.corpus.ingest.meta import parse_meta
from bot.corpus.ingest.pdftext import ParsedItem, parse_items
from bot.corpus.ingest.references import answered_together, refers_to
from bot.corpus.ingest.serialize import corpus_json
from bot.corpus.loader import describe
from bot.corpus.models import CorpusDocument, Document, Footnote, Item

__all__ = ["IngestError", "corpus_json", "ingest_text", "parse_meta"]

Joined = tuple[str, list[int]]
"""A running text and where each of its printed lines starts in it."""


def ingest_text(text: str, meta: Document) -> CorpusDocument:
    """Raises IngestError (a Dutch sentence) for a text that does not parse as a list of questions."""
    parsed = parse_items(content_lines(text, footer_pattern(meta)))
    questions = full_width(p.question for p in parsed)
    answers = full_width(p.answer for p in parsed)
    pooled = full_width([*(p.question for p in parsed), *(p.answer for p in parsed)])
    texts = {
        p.number: (
            join_lines_at(p.question, width=questions or pooled),
            join_lines_at(p.answer, width=answers or pooled),
        )
        for p in parsed
    }
    joint = _joint_groups({n: answer for n, (_, (answer, _)) in texts.items()})
    items = [_item(p, *texts[p.number], joint.get(p.number, set())) for p in parsed]
    _check_references(items)
    try:
        return CorpusDocument(document=meta, questions=tuple(items))
    except ValidationError as exc:
        raise IngestError(messages.ingest_invalid(describe(exc, b""))) from None


def _joint_groups(answers: dict[int, str]) -> dict[int, set[int]]:
    """Answered together goes both ways: 21's "Antwoord op vragen 20 en 21:" also ties 20 to 21."""
    joint: dict[int, set[int]] = {}
    for number, answer in answers.items():
        group = answered_together(answer, number)
        for member in group:
            joint.setdefault(member, set()).update(group - {member})
    return joint


def _item(parsed: ParsedItem, question: Joined, answer: Joined, joint: set[int]) -> Item:
    return Item(
        number=parsed.number,
        question=question[0],
        answer=answer[0],
        refers_to=refers_to(answer[0], parsed.number),
        joint_with=tuple(sorted(joint)),
        footnotes=tuple(_footnote(f, len(parsed.question), question, answer) for f in parsed.footnotes),
    )


def _footnote(body: FootnoteBody, question_lines: int, question: Joined, answer: Joined) -> Footnote:
    """The body's text, and where its marker stood in the running text of the question or the answer."""
    in_question = body.marker_line < question_lines
    text, starts = question if in_question else answer
    line = body.marker_line if in_question else body.marker_line - question_lines
    return Footnote(
        number=body.number,
        text=join_lines(body.lines, width=None),
        field="question" if in_question else "answer",
        offset=min(starts[line] + body.marker_column, len(text)),
    )


def _check_references(items: list[Item]) -> None:
    numbers = {item.number for item in items}
    for item in items:
        for ref in (*item.refers_to, *item.joint_with):
            if ref not in numbers:
                raise IngestError(messages.ingest_unknown_reference(item.number, ref))
