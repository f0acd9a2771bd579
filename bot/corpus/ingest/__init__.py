"""Ingest: from an official source text and its metadata to a corpus document, word for word.

>>> doc = ingest_text(Path("corpus/sources/kst-27925-748.txt").read_text(), meta)
>>> doc.questions[52].number
53
"""

from __future__ import annotations

from pydantic import ValidationError

from bot import messages
from bot.corpus.ingest.errors import IngestError
from bot.corpus.ingest.join import full_width, join_lines
from bot.corpus.ingest.layout import content_lines, footer_pattern
from bot.corpus.ingest.meta import parse_meta
from bot.corpus.ingest.pdftext import ParsedItem, parse_items
from bot.corpus.ingest.references import answered_together, refers_to
from bot.corpus.ingest.serialize import corpus_json
from bot.corpus.loader import describe
from bot.corpus.models import CorpusDocument, Document, Footnote, Item

__all__ = ["IngestError", "corpus_json", "ingest_text", "parse_meta"]


def ingest_text(text: str, meta: Document) -> CorpusDocument:
    """Raises IngestError (a Dutch sentence) for a text that does not parse as a list of questions."""
    parsed = parse_items(content_lines(text, footer_pattern(meta)))
    questions = full_width(p.question for p in parsed)
    answers = full_width(p.answer for p in parsed)
    pooled = full_width([*(p.question for p in parsed), *(p.answer for p in parsed)])
    texts = {
        p.number: (
            join_lines(p.question, width=questions or pooled),
            join_lines(p.answer, width=answers or pooled),
        )
        for p in parsed
    }
    joint = _joint_groups({n: answer for n, (_, answer) in texts.items()})
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


def _item(parsed: ParsedItem, question: str, answer: str, joint: set[int]) -> Item:
    return Item(
        number=parsed.number,
        question=question,
        answer=answer,
        refers_to=refers_to(answer, parsed.number),
        joint_with=tuple(sorted(joint)),
        footnotes=tuple(Footnote(number=f.number, text=join_lines(f.lines, width=None)) for f in parsed.footnotes),
    )


def _check_references(items: list[Item]) -> None:
    numbers = {item.number for item in items}
    for item in items:
        for ref in (*item.refers_to, *item.joint_with):
            if ref not in numbers:
                raise IngestError(messages.ingest_unknown_reference(item.number, ref))
