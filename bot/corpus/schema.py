"""The JSON Schema of a corpus file, generated from the models (which stay the single source of truth).

    python -m bot.corpus.schema            # writes corpus/schema/corpus-document.schema.json
    python -m bot.corpus.schema OUT.json   # or anywhere else

A test regenerates it and compares, so the committed schema cannot drift from the models.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.corpus.loader import default_corpus_path
from bot.corpus.models import CorpusDocument

SCHEMA_NAME = "corpus-document.schema.json"


def corpus_schema() -> dict[str, Any]:
    schema = CorpusDocument.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    return json.dumps(corpus_schema(), ensure_ascii=False, indent=2) + "\n"


def default_schema_path() -> Path:
    return default_corpus_path() / "schema" / SCHEMA_NAME


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else default_schema_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8", newline="\n")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
