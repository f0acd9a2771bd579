"""`ingest` of an official PDF: the written questions it prints, and the metadata read from its heading.

>>> document, warnings = ingest_pdf(Path("corpus/sources/ah-tk-20232024-1076.pdf").read_bytes())
>>> document.document.id, document.questions[1].number
('ah-tk-20232024-1076', 2)
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from bot import messages
from bot.corpus.ingest.aanhangsel import WrittenQuestions, parse_written_questions
from bot.corpus.ingest.errors import IngestError
from bot.corpus.ingest.pdflayout import layout
from bot.corpus.ingest.pdfpages import read_pdf
from bot.corpus.loader import describe
from bot.corpus.models import WRITTEN_QUESTIONS, CorpusDocument

_ID = re.compile(r"\b(ah-tk-(\d{4})(\d{4})-(\d+))\b")
_YEAR = re.compile(r"[Vv]ergaderjaar\s+(\d{4})\s*[-–]\s*(\d{4})")
_NUMBER = re.compile(r"\d{1,5}")
_SECOND_CHAMBER = re.compile(r"\bTweede Kamer\b")
URL = "https://zoek.officielebekendmakingen.nl/{id}.html"


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def ingest_pdf(
    data: bytes, meta: bytes | None = None, *, allow_partial: bool = False
) -> tuple[CorpusDocument, list[str]]:
    """The corpus document and the warnings (only with `allow_partial`). `meta`: a JSON object whose fields
    override what the PDF says. Raises IngestError (Dutch) for what cannot be read with confidence."""
    parsed = parse_written_questions(layout(read_pdf(data)), allow_partial=allow_partial)
    fields = _document_fields(parsed)
    if meta is not None:
        fields.update(_meta_object(meta))
    for required, what in (("id", "id (zoals ah-tk-20232024-1076)"), ("session_year", "vergaderjaar")):
        if not fields.get(required):
            raise IngestError(messages.ingest_meta_missing(what))
    fields.setdefault("url", URL.format(id=fields["id"]))
    try:
        raw = {"document": fields, "questions": [item.model_dump(mode="json") for item in parsed.items]}
        document = CorpusDocument.model_validate_json(json.dumps(raw, default=str))
    except ValidationError as exc:
        raise IngestError(messages.ingest_invalid(describe(exc, b""))) from None
    return document, list(parsed.warnings)


def _document_fields(parsed: WrittenQuestions) -> dict[str, Any]:
    heading = parsed.heading
    printed = " ".join(parsed.preamble)
    found = _ID.search(" ".join(parsed.margin)) or _ID.search(printed)
    year = _YEAR.search(printed) or _YEAR.search(" ".join(parsed.margin))
    fields: dict[str, Any] = {"type": WRITTEN_QUESTIONS}
    if found:
        fields |= {"id": found.group(1), "number": found.group(4), "session_year": f"{found.group(2)}–{found.group(3)}"}
    if year:
        fields["session_year"] = f"{year.group(1)}–{year.group(2)}"
    number = next((line for line in reversed(parsed.preamble) if _NUMBER.fullmatch(line)), None)
    if not found and year and number and _SECOND_CHAMBER.search(printed):
        # no id line in the margin: the id as the series builds it from the year and the number printed above the title
        fields |= {"id": f"ah-tk-{year.group(1)}{year.group(2)}-{number}", "number": number}
    if number and "number" not in fields:
        fields["number"] = number  # as printed above the title, when no id line gives it
    optional = {
        "title": heading.title,
        "date": heading.date,
        "asked_by": heading.asked_by,
        "parties": heading.parties,
        "addressed_to": heading.addressed_to,
        "answered_by": heading.answered_by,
        "date_submitted": heading.date_submitted,
        "see_also": heading.see_also,
    }
    return fields | {key: value for key, value in optional.items() if value is not None}


def _meta_object(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except UnicodeDecodeError:
        raise IngestError(messages.ingest_meta_not_json(None)) from None
    except json.JSONDecodeError as exc:
        raise IngestError(messages.ingest_meta_not_json(exc.lineno)) from None
    if not isinstance(value, dict):
        raise IngestError(messages.ingest_meta_not_json(None))
    return value
