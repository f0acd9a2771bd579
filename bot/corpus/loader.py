"""Reading corpus files strictly: either everything loads, or one Dutch line says what is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot import messages
from bot.corpus.models import CorpusDocument
from bot.corpus.phrasings import PhrasingError, load_phrasings, phrasings_dir
from bot.corpus.store import Corpus


class CorpusError(Exception):
    """A corpus that cannot be used; the message is the one Dutch line shown to the user."""


def default_corpus_path() -> Path:
    """The corpus packaged in the wheel, or the repository's `corpus/` when running from source."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_corpus"
    return packaged if packaged.is_dir() else here.parent / "corpus"


def corpus_files(path: Path) -> list[Path]:
    """A folder is read non-recursively, `*.json` only, in name order (so results are stable)."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.is_file())
    return [path]


def load_corpus(path: Path | None = None) -> Corpus:
    path = path if path is not None else default_corpus_path()
    if not path.exists():
        raise CorpusError(messages.corpus_missing(str(path)))
    files = corpus_files(path)
    if not files:
        raise CorpusError(messages.corpus_empty(str(path)))
    documents = [load_document(f) for f in files]
    seen: set[str] = set()
    for f, doc in zip(files, documents, strict=True):
        if doc.document.id in seen:
            raise CorpusError(messages.corpus_duplicate_document(str(f), doc.document.id))
        seen.add(doc.document.id)
    numbers = {d.document.id: frozenset(q.number for q in d.questions) for d in documents}
    try:
        phrasings = load_phrasings(phrasings_dir(path), numbers)
    except PhrasingError as exc:
        raise CorpusError(str(exc)) from None
    return Corpus(documents, source=path, phrasings=phrasings)


def load_document(path: Path) -> CorpusDocument:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(messages.corpus_error(str(path), messages.os_problem(exc))) from None
    try:
        return CorpusDocument.model_validate_json(raw)
    except ValidationError as exc:
        raise CorpusError(messages.corpus_error(str(path), describe(exc, raw))) from None


def describe(exc: ValidationError, raw: bytes) -> str:
    """The first problem of a validation error, in Dutch, with the field's path (`questions[3].answer`)."""
    err = exc.errors(include_url=False)[0]
    kind = err["type"]
    where = _location(err["loc"], raw)
    if kind == "json_invalid":
        return messages.invalid_json(str(err.get("ctx", {}).get("error", err["msg"])))
    if kind == "missing":
        return messages.field_missing(where)
    if kind == "extra_forbidden":
        return messages.field_unknown(where)
    value = err.get("input")
    if kind == "too_short" or (
        kind in ("string_too_short", "string_pattern_mismatch") and isinstance(value, str) and not value.strip()
    ):
        return messages.field_empty(where)
    if kind == "value_error":
        return str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    field = str(err["loc"][-1]) if err["loc"] else ""
    return messages.field_invalid(where, messages.field_problem(kind, field, err.get("ctx", {})))


def _location(loc: tuple[int | str, ...], raw: bytes) -> str:
    """`questions.3.answer` → `vraag 4 (questions[3]).answer`: people count items by their number."""
    parts: list[str] = []
    numbers = _item_numbers(raw)
    for i, part in enumerate(loc):
        if isinstance(part, int):
            label = f"[{part}]"
            if i > 0 and loc[i - 1] == "questions" and part < len(numbers) and numbers[part] is not None:
                label += messages.item_in_path(numbers[part])
            parts.append(label)
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "document"


def _item_numbers(raw: bytes) -> list[Any]:
    try:
        data = json.loads(raw)
        return [q.get("number") if isinstance(q, dict) else None for q in data.get("questions", [])]
    except (ValueError, AttributeError):
        return []
