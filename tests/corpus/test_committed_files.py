"""The committed corpus and schema are exactly what the tools produce now."""

from __future__ import annotations

from pathlib import Path

from bot.corpus import CorpusDocument, load_corpus
from bot.corpus.ingest import corpus_json
from bot.corpus.schema import SCHEMA_NAME, main, schema_text
from tests.cli_support import run_cli
from tests.corpus.corpus_support import CORPUS_FILE, META, ROOT, SOURCE

SCHEMA_FILE = ROOT / "corpus" / "schema" / SCHEMA_NAME


def test_committed_corpus_is_the_ingest_output(ingested: CorpusDocument) -> None:
    assert corpus_json(ingested).encode("utf-8") == CORPUS_FILE.read_bytes()


def test_cli_ingest_reproduces_the_committed_corpus_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "kst-27925-748.json"
    result = run_cli("ingest", str(SOURCE), "--meta", str(META), "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert out.read_bytes() == CORPUS_FILE.read_bytes()


def test_committed_corpus_is_pretty_utf8_with_a_trailing_newline() -> None:
    raw = CORPUS_FILE.read_bytes()
    assert raw.endswith(b"}\n") and "Syrië".encode() in raw and b"\\u" not in raw
    assert raw.startswith(b'{\n  "document": {\n    "id": "kst-27925-748",')


def test_committed_corpus_loads(ingested: CorpusDocument) -> None:
    corpus = load_corpus(CORPUS_FILE)
    assert corpus.corpus_document("kst-27925-748") == ingested


def test_schema_file_is_the_generated_schema(tmp_path: Path) -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    out = tmp_path / "schema.json"
    assert main([str(out)]) == 0
    assert out.read_bytes() == SCHEMA_FILE.read_bytes()


def test_schema_forbids_unknown_fields_and_requires_the_contract_fields() -> None:
    import json

    schema = json.loads(schema_text())
    item, document = schema["$defs"]["Item"], schema["$defs"]["Document"]
    assert schema["additionalProperties"] is False and item["additionalProperties"] is False
    assert set(item["required"]) == {"number", "question", "answer"}
    # `dossier` is required too, but only for a Kamerstuk: the model checks it (written questions have none)
    assert set(document["required"]) == {"id", "number", "session_year", "url"}
