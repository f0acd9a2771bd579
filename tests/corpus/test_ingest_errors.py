"""Texts the parser cannot read end in IngestError with a Dutch sentence, and `kamervraag ingest` exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import Document
from bot.corpus.ingest import IngestError, ingest_text
from tests.corpus.corpus_support import META, Cli

GOOD = "1\nWaarom?\nDaarom.\n\n2\nHoe?\nZo.\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "geen genummerde vragen gevonden"),
        ("\n  \n", "geen genummerde vragen gevonden"),
        ("Inleiding\n\n1\nWaarom?\nDaarom.\n", "regel 1: tekst vóór de eerste vraag"),
        ("2\nWaarom?\nDaarom.\n", "regel 1: vraagnummer 2 staat niet op volgorde (verwacht: 1)"),
        ("1\nWaarom?\nDaarom.\n\n3\nHoe?\nZo.\n", "regel 5: vraagnummer 3 staat niet op volgorde (verwacht: 2)"),
        ("1\nWaarom?\nDaarom.\n\n1\nHoe?\nZo.\n", "vraagnummer 1 staat niet op volgorde (verwacht: 2)"),
        ("1\nWaarom\nDaarom.\n", "vraag 1 (regel 1): geen regel die op '?' eindigt"),
        ("1\nWaarom?\n\n2\nHoe?\nZo.\n", "vraag 1 (regel 1) heeft geen antwoord"),
        ("1\n\n2\nHoe?\nZo.\n", "vraag 1 (regel 1): geen regel die op '?' eindigt"),
        ("1\nWaarom?\nZie het antwoord op vraag 7.\n", "vraag 1 verwijst naar vraag 7, die niet in de tekst staat"),
        ("1\nWaarom?\nAntwoord op vragen 1 en 4: zo.\n", "vraag 1 verwijst naar vraag 4, die niet in de tekst staat"),
    ],
)
def test_unparsable_text_is_a_dutch_ingest_error(text: str, message: str, meta: Document) -> None:
    with pytest.raises(IngestError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        ingest_text(text, meta)


def test_a_footer_of_another_document_means_the_meta_is_wrong(meta: Document) -> None:
    text = "1\nWaarom?\nDaarom.\n\nTweede Kamer, vergaderjaar 1999–2000, 12 345, nr. 6 2\n\n2\nHoe?\nZo.\n"
    with pytest.raises(IngestError) as info:
        ingest_text(text, meta)
    assert str(info.value).startswith("regel 5: de voettekst 'Tweede Kamer, vergaderjaar 1999–2000, 12 345, nr. 6 2'")


def test_a_minimal_list_parses(meta: Document) -> None:
    doc = ingest_text(GOOD, meta)
    assert [(q.number, q.question, q.answer) for q in doc.questions] == [(1, "Waarom?", "Daarom."), (2, "Hoe?", "Zo.")]


def _ingest(cli: Cli, tmp_path: Path, source: bytes, meta: bytes | None = None) -> tuple[int, str, str, Path]:
    src = tmp_path / "bron.txt"
    src.write_bytes(source)
    meta_path = META
    if meta is not None:
        meta_path = tmp_path / "bron.meta.json"
        meta_path.write_bytes(meta)
    out = tmp_path / "uit.json"
    code, stdout, stderr = cli("ingest", str(src), "--meta", str(meta_path), "-o", str(out))
    return code, stdout, stderr, out


def test_cli_unparsable_source_exits_2_naming_the_file(cli: Cli, tmp_path: Path) -> None:
    code, stdout, stderr, out = _ingest(cli, tmp_path, b"1\nWaarom?\nDaarom.\n\n3\nHoe?\nZo.\n")
    assert code == 2 and stdout == ""
    assert (
        stderr
        == f"Kan {tmp_path / 'bron.txt'} niet inlezen: regel 5: vraagnummer 3 staat niet op volgorde (verwacht: 2).\n"
    )
    assert not out.exists()


def test_cli_source_that_is_not_utf8(cli: Cli, tmp_path: Path) -> None:
    code, _, stderr, _ = _ingest(cli, tmp_path, "1\nWaarom?\nGeïnformeerd.\n".encode("latin-1"))
    assert code == 2 and stderr == f"Kan {tmp_path / 'bron.txt'} niet inlezen: geen UTF-8-tekst (regel 3).\n"


def test_cli_meta_without_url(cli: Cli, tmp_path: Path) -> None:
    meta = b'{"id": "kst-1-2", "dossier": "1", "number": "2", "session_year": "2020-2021"}'
    code, _, stderr, _ = _ingest(cli, tmp_path, GOOD.encode(), meta)
    assert code == 2
    assert stderr == f"Fout in metadata {tmp_path / 'bron.meta.json'}: verplicht veld 'url' ontbreekt\n"


def test_cli_meta_with_unknown_field(cli: Cli, tmp_path: Path) -> None:
    meta = META.read_text(encoding="utf-8").replace('"id"', '"kleur": "rood", "id"')
    code, _, stderr, _ = _ingest(cli, tmp_path, GOOD.encode(), meta.encode())
    assert code == 2 and "onbekend veld 'kleur'" in stderr


def test_cli_missing_source(cli: Cli, tmp_path: Path) -> None:
    code, _, stderr = cli("ingest", str(tmp_path / "weg.txt"), "--meta", str(META))
    assert code == 2 and stderr.startswith(f"Kan {tmp_path / 'weg.txt'} niet lezen:")


def test_cli_unwritable_output(cli: Cli, tmp_path: Path) -> None:
    src = tmp_path / "bron.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "geen-map" / "uit.json"
    code, _, stderr = cli("ingest", str(src), "--meta", str(META), "-o", str(out))
    assert code == 2 and stderr.startswith(f"Kan {out} niet schrijven:")


def test_cli_without_output_writes_the_document_to_stdout(cli: Cli, tmp_path: Path) -> None:
    src = tmp_path / "bron.txt"
    src.write_text(GOOD, encoding="utf-8")
    code, stdout, stderr = cli("ingest", str(src), "--meta", str(META))
    assert code == 0 and stderr == ""
    assert '"question": "Waarom?"' in stdout and stdout.endswith("}\n")


def test_another_document_in_the_same_format(meta: Document) -> None:
    """The footer comes from the document's own META; a byte-order mark and CRLF line ends do no harm."""
    other = meta.model_copy(update={"id": "kst-36600-vii-12", "dossier": "36 600-VII", "number": "12"})
    text = (
        "\ufeff 1\r\nWat kost de\r\nregeling in 2023? En in 2024?\r\n"
        "In 2023 kost de regeling 12 miljoen euro; de kosten\r\n"
        "\r\nTweede Kamer, vergaderjaar 2020-2021, 36 600-VII, nr. 12 4\r\n\r\n\r\n"
        "voor 2024 zijn nog niet bekend.\r\n\r\n2\r\nWanneer komt de evaluatie?\r\nZie het antwoord op vraag 1.\r\n"
    )
    doc = ingest_text(text, other)
    assert doc.questions[0].question == "Wat kost de regeling in 2023? En in 2024?"
    assert (
        doc.questions[0].answer == "In 2023 kost de regeling 12 miljoen euro; de kosten voor 2024 zijn nog niet bekend."
    )
    assert doc.questions[1].refers_to == (1,)
    # The footer of a different document is not this document's furniture: it stays text.
    assert "Tweede Kamer" in ingest_text(text, meta).questions[0].answer
