"""The metadata file next to a source: what the extract itself does not print (id, date, url, …)."""

from __future__ import annotations

from pydantic import ValidationError

from bot.corpus.ingest.errors import IngestError
from bot.corpus.loader import describe
from bot.corpus.models import Document


def parse_meta(raw: bytes) -> Document:
    try:
        return Document.model_validate_json(raw)
    except ValidationError as exc:
        raise IngestError(describe(exc, raw)) from None
