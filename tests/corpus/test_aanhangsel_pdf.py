"""The 14 Aanhangsel PDFs: the committed corpus files are the unedited ingest output, checked against the print."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.corpus import CorpusDocument
from bot.corpus.ingest import corpus_json
from bot.corpus.ingest.pdf import ingest_pdf
from tests.cli_support import run_cli
from tests.corpus.corpus_support import ROOT

SOURCES = sorted((ROOT / "corpus" / "sources").glob("ah-tk-*.pdf"))
FURNITURE = re.compile(r"ISSN|’s-Gravenhage|Tweede Kamer, vergaderjaar|ah-tk-\d|\(cid:\d+\)|\uFFFD")


@pytest.fixture(scope="module")
def ingested() -> dict[str, CorpusDocument]:
    return {path.stem: ingest_pdf(path.read_bytes())[0] for path in SOURCES}


def test_fourteen_sources() -> None:
    assert len(SOURCES) == 14


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_file_is_the_ingest_output(source: Path, ingested: dict[str, CorpusDocument]) -> None:
    committed = ROOT / "corpus" / f"{source.stem}.json"
    assert corpus_json(ingested[source.stem]).encode("utf-8") == committed.read_bytes()


def test_cli_ingest_of_a_pdf_reproduces_its_committed_file(tmp_path: Path) -> None:
    source = ROOT / "corpus" / "sources" / "ah-tk-20232024-1984.pdf"
    out = tmp_path / "out.json"
    result = run_cli("ingest", str(source), "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert out.read_bytes() == (ROOT / "corpus" / "ah-tk-20232024-1984.json").read_bytes()


def test_every_document_is_numbered_from_one_without_gaps(ingested: dict[str, CorpusDocument]) -> None:
    for document in ingested.values():
        numbers = [item.number for item in document.questions]
        assert numbers == list(range(1, len(numbers) + 1)), document.document.id
    counts = {doc_id[-4:]: len(doc.questions) for doc_id, doc in ingested.items()}
    assert counts == {
        "1076": 5, "1178": 9, "1292": 10, "1314": 6, "1432": 6, "1771": 6, "1893": 7,
        "1980": 6, "1984": 11, "2129": 9, "2168": 10, "2271": 12, "2313": 10, "2395": 5,
    }  # fmt: skip


def test_metadata_of_1076_as_printed(ingested: dict[str, CorpusDocument]) -> None:
    doc = ingested["ah-tk-20232024-1076"].document
    assert (doc.id, doc.type, doc.number, doc.session_year, doc.dossier) == (
        "ah-tk-20232024-1076",
        "Aanhangsel van de Handelingen",
        "1076",
        "2023–2024",
        None,
    )
    assert doc.title == (
        "Vragen van het lid Van Haga (Groep Van Haga) aan de Ministers van Binnenlandse Zaken en "
        "Koninkrijksrelaties en van Justitie en Veiligheid over het afgelasten van diverse Sinterklaasintochten "
        "(ingezonden 20 november 2023)."
    )
    assert (doc.asked_by, doc.parties) == (("Van Haga",), ("Groep Van Haga",))
    assert doc.addressed_to == (
        "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "Minister van Justitie en Veiligheid",
    )
    assert doc.answered_by == ("Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties)",)
    assert (doc.date_submitted, doc.date) == (dt.date(2023, 11, 20), dt.date(2024, 2, 20))
    assert doc.see_also == ("Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 594",)
    assert doc.url == "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1076.html"


def test_metadata_variants_of_the_heading(ingested: dict[str, CorpusDocument]) -> None:
    def doc(number: str) -> object:
        return ingested[f"ah-tk-20232024-{number}"].document

    d1984, d2129, d1314, d2271, d1771 = (doc(n) for n in ("1984", "2129", "1314", "2271", "1771"))
    assert (d1984.asked_by, d1984.parties) == (("Van Eijk", "Aartsen"), ("VVD", "VVD"))  # type: ignore[attr-defined]
    assert d1984.date == dt.date(2024, 6, 14)  # type: ignore[attr-defined]  # "(ontvangen 14 juni 2024)" without a full stop
    assert d2129.addressed_to == (  # type: ignore[attr-defined]
        "Minister van Buitenlandse Zaken",
        "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
    )
    assert d2129.answered_by == (  # type: ignore[attr-defined]
        "Minister Bruins Slot (BZ)",
        "Minister Schreinemacher (Buitenlandse Handel en Ontwikkelingssamenwerking)",
    )
    assert (d1314.asked_by, d1314.parties) == (("Mutluer", "Kostić"), ("GroenLinks-PvdA", "PvdD"))  # type: ignore[attr-defined]
    assert d2271.addressed_to == (  # type: ignore[attr-defined]
        "Staatssecretaris van Volksgezondheid, Welzijn en Sport",
        "Minister van Volksgezondheid, Welzijn en Sport",
    )
    assert d1771.answered_by == (  # type: ignore[attr-defined]
        "Staatssecretaris Heijnen (Infrastructuur en Waterstaat), mede namens de Minister van Justitie en Veiligheid",
    )
    assert doc("1178").see_also == ("Aanhangsel Handelingen, vergaderjaar 2023–2024, 1028",)  # type: ignore[attr-defined]


def test_grouped_question_and_answer_of_1314(ingested: dict[str, CorpusDocument]) -> None:
    items = {item.number: item for item in ingested["ah-tk-20232024-1314"].questions}
    assert items[3].question == items[4].question == items[5].question
    assert items[3].question.startswith("Deelt u de mening dat als een provincie het predicaat regenboogprovincie")
    assert items[3].question.endswith("Zo nee, waarom niet?")
    assert items[3].answer == items[5].answer and items[4].joint_with == (3, 5)
    assert (items[2].joint_with, items[6].joint_with) == ((), ())


def test_joint_answer_of_1984(ingested: dict[str, CorpusDocument]) -> None:
    items = {item.number: item for item in ingested["ah-tk-20232024-1984"].questions}
    assert items[9].question == items[10].question and items[9].answer == items[10].answer
    assert (items[9].joint_with, items[10].joint_with) == ((10,), (9,))


def test_footnotes_of_1076_stand_where_printed(ingested: dict[str, CorpusDocument]) -> None:
    items = {item.number: item for item in ingested["ah-tk-20232024-1076"].questions}
    first, second = items[1].footnotes
    assert first.field == second.field == "question"
    assert items[1].question[: first.offset].endswith("door Kick Out Zwarte Piet (KOZP)?")
    assert items[1].question[first.offset :].startswith(" Bent u voorts bekend")
    assert second.offset == len(items[1].question)
    assert first.text == (
        "Hart van Nederland, 17 november 2023 (https://www.hartvannederland.nl/regio/overijssel/"
        "sinterklaasintocht-in-enter-afgelast-uit-angst-voor-acties-van-kozp)."
    )
    assert second.text.endswith(
        "(https://www.ad.nl/rijswijk/geen-vergunning-voor-intocht-met-zwarte-pieten-in-rijswijk~a946954a8/)."
    )
    (third,) = items[4].footnotes
    assert (third.number, third.field) == (3, "answer")
    assert items[4].answer[: third.offset].endswith("van de Rijksoverheid.")
    assert items[5].answer.endswith(
        "de burgemeester kan demonstraties beperken als dat noodzakelijk is. Ook is demonstreren geen vrijbrief "
        "voor wetsovertredingen."
    )


def test_a_word_split_over_a_page_with_footnotes_between_comes_back_whole(
    ingested: dict[str, CorpusDocument],
) -> None:
    text = " ".join(item.answer for item in ingested["ah-tk-20232024-1980"].questions)
    assert "zorgaanbieder" in text and "zorgaanbie-" not in text and "Kamerstukken II 2023–34" not in text


def test_bullets_and_numbered_lists_are_items_of_their_own(ingested: dict[str, CorpusDocument]) -> None:
    answer = ingested["ah-tk-20232024-1178"].questions[5].answer
    assert (
        "\n\n• Inzicht hebben in wat belangrijk is om te beschermen: de «kroonjuwelen»\n\n• De quantumdreiging"
        in answer
    )
    measures = ingested["ah-tk-20232024-1771"].questions[1].answer
    assert (
        "\n\n1. Alle producten met een «screamer» effect (fluitend geluid) niet meer in gaasverpakking vervoeren"
        in measures
    )


def test_table_rows_stay_rows(ingested: dict[str, CorpusDocument]) -> None:
    answer = ingested["ah-tk-20232024-1314"].questions[5].answer
    assert "\n\nGrond Meldingen in 2021 Meldingen in 2022 Meldingen in 2023\n\nGeslacht(Trans) 2 3 6\n\n" in answer
    assert "\n\nTOTAAL 12 17 40\n\n" in answer


def test_no_page_furniture_or_unmapped_glyph_anywhere(ingested: dict[str, CorpusDocument]) -> None:
    for document in ingested.values():
        for item in document.questions:
            for text in (item.question, item.answer, *(f.text for f in item.footnotes)):
                assert FURNITURE.search(text) is None, (document.document.id, item.number, text)


def test_every_marker_offset_stands_after_a_word_or_sentence(ingested: dict[str, CorpusDocument]) -> None:
    count = 0
    for document in ingested.values():
        for item in document.questions:
            for footnote in item.footnotes:
                text = item.question if footnote.field == "question" else item.answer
                assert footnote.offset is not None and 0 < footnote.offset <= len(text)
                assert not text[footnote.offset - 1].isspace()
                assert footnote.offset == len(text) or not text[footnote.offset].isalnum(), (
                    document.document.id,
                    item.number,
                )
                count += 1
    assert count == 75  # 72 footnotes; one shared by a grouped question or answer counts for each of its items


def test_a_broken_pdf_is_a_dutch_error_and_nothing_is_written(tmp_path: Path) -> None:
    source = tmp_path / "kapot.pdf"
    source.write_bytes(b"%PDF-1.4\n" + b"\x00" * 200)
    out = tmp_path / "out.json"
    result = run_cli("ingest", str(source), "-o", str(out))
    assert result.returncode == 2 and result.stdout == "" and not out.exists()
    assert result.stderr.startswith(f"Kan {source} niet inlezen:") and "Traceback" not in result.stderr


def test_meta_overrides_what_the_pdf_says(tmp_path: Path) -> None:
    meta = tmp_path / "meta.json"
    meta.write_text('{"title": "Eigen titel", "dossier": "36 200"}', encoding="utf-8")
    source = ROOT / "corpus" / "sources" / "ah-tk-20232024-1076.pdf"
    result = run_cli("ingest", str(source), "--meta", str(meta))
    assert result.returncode == 0
    assert '"title": "Eigen titel"' in result.stdout and '"dossier": "36 200"' in result.stdout
    assert '"id": "ah-tk-20232024-1076"' in result.stdout


def test_a_text_extract_still_needs_its_meta(tmp_path: Path) -> None:
    result = run_cli("ingest", str(ROOT / "corpus" / "sources" / "kst-27925-748.txt"))
    assert result.returncode == 2 and "--meta" in result.stderr


def test_ingest_into_a_folder_names_the_file_after_the_document(tmp_path: Path) -> None:
    source = ROOT / "corpus" / "sources" / "ah-tk-20232024-2395.pdf"
    result = run_cli("ingest", str(source), "-o", str(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    assert [p.name for p in tmp_path.iterdir()] == ["ah-tk-20232024-2395.json"]
    assert (tmp_path / "ah-tk-20232024-2395.json").read_bytes() == (
        ROOT / "corpus" / "ah-tk-20232024-2395.json"
    ).read_bytes()


def test_a_meta_that_is_not_json_is_a_dutch_error(tmp_path: Path) -> None:
    meta = tmp_path / "meta.json"
    meta.write_text("{titel: kapot", encoding="utf-8")
    out = tmp_path / "out.json"
    source = ROOT / "corpus" / "sources" / "ah-tk-20232024-1076.pdf"
    result = run_cli("ingest", str(source), "--meta", str(meta), "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    assert "--meta is geen JSON-object met velden van het document (regel 1)." in result.stderr
