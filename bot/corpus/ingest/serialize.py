"""The corpus file as written to disk: pretty, stable, UTF-8, so diffs of a re-ingest are readable."""

from __future__ import annotations

import json

from bot.corpus.models import CorpusDocument


def corpus_json(document: CorpusDocument) -> str:
    """Fields a kind of document does not have (None) are left out rather than written as null."""
    return json.dumps(document.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"
