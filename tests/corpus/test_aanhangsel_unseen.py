"""Ingest of written-questions PDFs the repository does not hold: typeset like the series (`aanhangsel_print`),
read back through the real ingest, and compared with what was written into them.

Whitespace aside, and a space after a line-final hyphen aside (the print cannot show whether "IT- beheer" had one).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.corpus.ingest.errors import IngestError
from bot.corpus.ingest.pdf import ingest_pdf
from bot.corpus.ingest.pdfpages import read_pdf
from bot.corpus.models import CorpusDocument, Item
from tests.cli_support import run_cli
from tests.corpus import aanhangsel_samples as samples
from tests.corpus.aanhangsel_print import BODY_TOP, NOTE_INDENT, NOTE_SIZE, Document, expected, render


def same(text: str) -> str:
    return " ".join(text.split()).replace("- ", "-")


def ingest(document: Document, **options: bool) -> CorpusDocument:
    result, warnings = ingest_pdf(render(document), **options)
    assert warnings == []
    return result


def by_number(document: CorpusDocument) -> dict[int, Item]:
    return {item.number: item for item in document.questions}


@pytest.fixture(scope="module")
def long_pdf() -> tuple[Document, bytes]:
    document = samples.long_document()
    return document, render(document)


@pytest.fixture(scope="module")
def long_ingested(long_pdf: tuple[Document, bytes]) -> tuple[Document, CorpusDocument, list[str]]:
    result, warnings = ingest_pdf(long_pdf[1])
    return long_pdf[0], result, warnings


def test_the_long_document_really_prints_the_hard_cases(long_pdf: tuple[Document, bytes]) -> None:
    """Text running over page breaks (furniture between), hyphenated line ends, a footnote running on."""
    lines = read_pdf(long_pdf[1])
    pages = sorted({line.page for line in lines})
    assert len(pages) >= 10
    body = [line for line in lines if line.size == 8.5 and line.x0 > 200]
    first_of_page = [
        next(line for line in body if line.page == page)
        for page in pages[1:]
        if any(line.page == page for line in body)
    ]
    assert sum(not re.fullmatch(r"(Vraag|Antwoord) \d+", line.text) for line in first_of_page) >= 5
    assert sum(re.search(r"[a-zë]-$", line.text) is not None for line in body) >= 10
    last_of_page = {[line for line in body if line.page == page][-1].text for page in {line.page for line in body}}
    assert {"Vraag 5", "Antwoord 17"} <= last_of_page  # a heading at a page bottom, its text overleaf
    assert any("capaciteitstekort12. Dit" in line.text for line in body)  # a marker printed as ordinary digits
    assert any(line.text.startswith("(cid:") for line in body)  # a bullet the font does not map
    notes = [line for line in lines if line.size == NOTE_SIZE]
    continued = [
        page for page in pages
        if (first := next((n for n in notes if n.page == page), None)) is not None and first.lead_number is None
    ]  # fmt: skip
    assert continued and all(
        next(n for n in notes if n.page == page).x0 == pytest.approx(NOTE_INDENT, abs=0.5) for page in continued
    )


def test_more_than_twenty_questions_word_for_word(long_ingested: tuple[Document, CorpusDocument, list[str]]) -> None:
    document, result, warnings = long_ingested
    assert warnings == []
    printed = dict(document.blocks)
    items = by_number(result)
    assert sorted(items) == list(range(1, 32))
    for n, item in items.items():
        assert same(item.question) == same(expected(printed[f"Vraag {n}"])), n
        assert same(item.answer) == same(expected(printed[f"Antwoord {n}"])), n
        assert item.joint_with == () and item.answered_by_letter is None


def test_every_footnote_of_the_long_document_where_its_marker_stood(
    long_ingested: tuple[Document, CorpusDocument, list[str]],
) -> None:
    document, result, _ = long_ingested
    printed = dict(document.blocks)
    found = {}
    for item in result.questions:
        for note in item.footnotes:
            source = printed[f"{'Vraag' if note.field == 'question' else 'Antwoord'} {item.number}"]
            text = item.question if note.field == "question" else item.answer
            mark = re.search(rf"\^\^?{note.number}(?!\d)", source)
            assert mark is not None and same(text[: note.offset]) == same(expected(source[: mark.start()]))
            found[note.number] = same(note.text)
    assert found == {n: same(text) for n, text in document.footnotes.items()}


def test_metadata_of_another_year_with_several_askers_and_two_answering(
    long_ingested: tuple[Document, CorpusDocument, list[str]],
) -> None:
    document, result, _ = long_ingested
    meta = result.document
    assert (meta.id, meta.number, meta.session_year, meta.type) == (
        "ah-tk-20242025-1234",
        "1234",
        "2024–2025",
        "Aanhangsel van de Handelingen",
    )
    assert meta.title == document.heading[0]
    assert (meta.asked_by, meta.parties) == (
        ("Bushoff", "Daniëlle Jansen", "Dijk"),
        ("GroenLinks-PvdA", "GroenLinks-PvdA", "SP"),
    )
    assert meta.addressed_to == (
        "Staatssecretaris van Jeugd, Preventie en Sport",
        "Minister van Volksgezondheid, Welzijn en Sport",
    )
    assert meta.answered_by == (
        "Staatssecretaris Karremans (Jeugd, Preventie en Sport)",
        "Minister Agema (Volksgezondheid, Welzijn en Sport)",
    )
    assert (meta.date_submitted, meta.date) == (dt.date(2024, 9, 3), dt.date(2024, 11, 28))
    assert meta.see_also == ("Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 612",)
    assert meta.url == "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-1234.html"


def test_grouped_questions_and_answers_as_printed() -> None:
    result = ingest(samples.grouped_document())
    items = by_number(result)
    assert sorted(items) == list(range(1, 14))
    printed = dict(samples.GROUPED_BLOCKS)
    for n in (1, 2, 3):
        assert items[n].question == expected(printed["Vraag 1, 2 en 3"])
        assert items[n].answer == expected(printed["Antwoord 1, 2 en 3"])
        assert items[n].joint_with == tuple(m for m in (1, 2, 3) if m != n)
        (note,) = items[n].footnotes
        assert items[n].question[: note.offset].endswith("herstel»?") and note.text == "Trouw, 10 januari 2020."
    assert (items[4].question, items[4].joint_with) == ("Hoeveel medewerkers werken aan de hersteloperatie?", ())
    assert items[4].answer == "Op dit moment werken 330 medewerkers aan de hersteloperatie."  # "…operatie.2"
    ((note_2),) = items[4].footnotes
    assert (note_2.number, note_2.field, note_2.offset) == (2, "answer", len(items[4].answer))
    assert (items[5].question, items[6].question) == (printed["Vraag 5"], printed["Vraag 6"])
    assert items[5].answer == items[6].answer == printed["Antwoord op vragen 5 en 6"]
    assert (items[5].joint_with, items[6].joint_with) == ((6,), (5,))
    for n in range(7, 12):
        assert items[n].question == printed["Vraag 7, 8, 9 10 en 11"]
        assert items[n].joint_with == tuple(m for m in range(7, 12) if m != n)
    assert items[7].answer == expected(printed["Antwoord 7, 8, 9 10 en 11"])  # "Vraag 3" in it stays text
    assert "\n\nMaand Meldingen Afgehandeld\n\nJanuari 1.204 310\n\n" in items[7].answer  # a table's rows stay rows
    assert items[7].refers_to == (2,)
    assert (items[12].answer, items[12].joint_with, items[13].joint_with) == ("Ja.", (13,), (12,))


def test_metadata_of_2019_2020_answered_mede_namens() -> None:
    meta = ingest(samples.grouped_document()).document
    assert (meta.id, meta.number, meta.session_year) == ("ah-tk-20192020-1650", "1650", "2019–2020")
    assert (meta.asked_by, meta.parties, meta.addressed_to) == (("Omtzigt",), ("CDA",), ("Minister van Financiën",))
    assert meta.answered_by == (
        "Staatssecretaris Van Huffelen (Financiën), mede namens de Minister van Sociale Zaken en Werkgelegenheid",
    )
    assert (meta.date_submitted, meta.date, meta.see_also) == (dt.date(2020, 1, 14), dt.date(2020, 2, 11), None)


def test_a_single_question_asked_mede_namens_and_answered_by_two() -> None:
    result = ingest(samples.single_question())
    (item,) = result.questions
    assert (item.number, item.question, item.answer) == (
        1,
        "Hoeveel bedrijven zijn dit jaar geruimd?",
        "Dit jaar zijn 14 bedrijven geruimd. De uitstoot van CO2 en het gebruik van H2O zijn gemeld.",
    )  # small digits printed lowered ("CO₂") are text, not footnote markers
    assert item.footnotes == ()
    meta = result.document
    assert meta.title == expected(samples.single_question().heading[0])
    assert (meta.number, meta.date_submitted, meta.date) == ("7", dt.date(2024, 9, 2), dt.date(2024, 9, 20))
    assert (meta.asked_by, meta.parties) == (("Kostic", "Van der Plas"), ("PvdD", "BBB"))
    assert meta.answered_by == (
        "Minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur)",
        "Staatssecretaris Rummenie (Landbouw, Visserij, Voedselzekerheid en Natuur)",
    )


@pytest.mark.parametrize("in_heading", [True, False], ids=["in-the-heading", "after-the-questions"])
def test_a_mededeling_answers_every_question_by_letter(in_heading: bool) -> None:
    result = ingest(samples.mededeling_document(in_heading=in_heading))
    assert [item.number for item in result.questions] == [1, 2]
    assert [item.question for item in result.questions] == ["Hoeveel bedrijven zijn geruimd?", "Wat kost dat?"]
    for item in result.questions:
        assert item.answer == samples.MEDEDELING
        assert item.answered_by_letter == "Kamerstuk 28 807, nr. 301"
    if in_heading:
        assert result.document.answered_by == ("Minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur)",)
        assert result.document.date == dt.date(2024, 11, 13)


@pytest.mark.parametrize(
    ("mededeling", "letter"),
    [
        (
            "De vragen zijn beantwoord in de Kamerbrief van 12 november 2024 over de vogelgriep (Kamerstukken II "
            "2024/25, 28 807, nr. 301).",
            "Kamerstukken II 2024/25, 28 807, nr. 301",
        ),
        (
            "De vragen zijn beantwoord met de brief van 12 november 2024, Kamerstuk 28 807, nr. 301.",
            "Kamerstuk 28 807, nr. 301",
        ),
        ("De vragen zijn beantwoord middels de brief van 12 november 2024.", "middels de brief van 12 november 2024"),
    ],
)
def test_the_letter_is_named_however_the_mededeling_cites_it(mededeling: str, letter: str) -> None:
    document = samples.mededeling_document()
    document.heading[1] = document.heading[1].replace(samples.MEDEDELING, mededeling)
    assert {item.answered_by_letter for item in ingest(document).questions} == {letter}


def test_a_postponement_notice_is_no_answer() -> None:
    document = samples.mededeling_document()
    document.heading[1] = document.heading[1].replace(
        samples.MEDEDELING,
        "De vragen kunnen tot mijn spijt niet binnen de gebruikelijke termijn van drie weken worden beantwoord.",
    )
    with pytest.raises(IngestError, match=r"^pagina 1, bij «Mededeling»: de mededeling noemt geen brief"):
        ingest_pdf(render(document))


def test_a_mededeling_without_the_questions_says_there_is_nothing_to_take() -> None:
    document = samples.mededeling_document()
    document.heading[1] = document.heading[1].replace(
        samples.MEDEDELING,
        "De vragen van het lid Kostic (PvdD) over de vogelgriep kunnen niet binnen de gebruikelijke termijn van drie "
        "weken worden beantwoord. Ik streef ernaar de vragen zo spoedig mogelijk te beantwoorden.",
    )
    document.blocks = []
    with pytest.raises(IngestError, match=r"^alleen een mededeling, zonder 'Vraag 1' en de vragen"):
        ingest_pdf(render(document))


def _broken(blocks: list[tuple[str, str]]) -> Document:
    document = samples.grouped_document()
    document.blocks = blocks
    return document


UNANSWERED = [(h, t) for h, t in samples.GROUPED_BLOCKS if h != "Antwoord 4"]
OUT_OF_ORDER = [
    ("Vraag 1", "Een?"),
    ("Antwoord 1", "A."),
    ("Vraag 3", "Drie?"),
    ("Antwoord 3", "C."),
    ("Vraag 4", "Vier?"),
    ("Antwoord 4", "D."),
]


@pytest.mark.parametrize(
    ("blocks", "problem"),
    [
        (UNANSWERED, "pagina 1, bij «Vraag 4»: geen antwoord gevonden op vraag 4."),
        (OUT_OF_ORDER, "pagina 1, bij «Vraag 3»: vraag 3 staat niet op volgorde (verwacht: vraag 2)."),
    ],
    ids=["question-without-answer", "numbers-out-of-order"],
)
def test_what_cannot_be_read_is_a_dutch_error_and_nothing_is_written(
    tmp_path: Path, blocks: list[tuple[str, str]], problem: str
) -> None:
    source = tmp_path / "ah-tk-20192020-1650.pdf"
    source.write_bytes(render(_broken(blocks)))
    out = tmp_path / "out.json"
    result = run_cli("ingest", str(source), "-o", str(out))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Kan {source} niet inlezen:") and problem in result.stderr
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == [source]


def test_allow_partial_writes_what_it_could_with_a_warning_per_gap(tmp_path: Path) -> None:
    blocks = [(h, t) for h, t in samples.GROUPED_BLOCKS if h not in ("Antwoord 4", "Antwoord 12 en 13")]
    source = tmp_path / "deels.pdf"
    source.write_bytes(render(_broken(blocks)))
    out = tmp_path / "out.json"
    result = run_cli("ingest", str(source), "-o", str(out), "--allow-partial")
    assert result.returncode == 0
    warnings = result.stderr.strip().splitlines()
    assert warnings == [
        "Waarschuwing: pagina 1, bij «Vraag 4»: geen antwoord gevonden op vraag 4. (overgeslagen; --allow-partial)",
        "Waarschuwing: pagina 2, bij «Vraag 12»: geen antwoord gevonden op vraag 12. (overgeslagen; --allow-partial)",
        "Waarschuwing: pagina 2, bij «Vraag 13»: geen antwoord gevonden op vraag 13. (overgeslagen; --allow-partial)",
    ]
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [item["number"] for item in written["questions"]] == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11]
    assert written["document"]["id"] == "ah-tk-20192020-1650"


@pytest.mark.parametrize("footer", ["Aanhangsel Handelingen II 2019/20, nr. 1650", "Staten-Generaal 2020"])
def test_a_running_footer_in_a_wording_never_seen_stays_out_of_the_text(footer: str) -> None:
    usual = ingest(samples.grouped_document())
    document = samples.grouped_document()
    document.footer = footer
    assert ingest(document).questions == usual.questions


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ({"unprinted_markers": frozenset({1})}, "pagina 1, voetnoot 1: geen voetnootteken 1 in de tekst gevonden."),
        (
            {"unprinted_notes": frozenset({1})},
            "vraag 1: voetnootteken 1 staat in de tekst, maar voetnoot 1 ontbreekt onderaan de pagina.",
        ),
    ],
    ids=["footnote-without-marker", "marker-without-footnote"],
)
def test_a_footnote_that_cannot_be_placed_is_named(broken: dict[str, frozenset[int]], problem: str) -> None:
    document = samples.grouped_document()
    for name, value in broken.items():
        setattr(document, name, value)
    with pytest.raises(IngestError) as caught:
        ingest_pdf(render(document))
    assert str(caught.value) == problem
    partial, warnings = ingest_pdf(render(document), allow_partial=True)
    assert warnings == [f"Waarschuwing: {problem} (overgeslagen; --allow-partial)"]
    assert len(partial.questions) == 13
    assert [(item.number, note.number) for item in partial.questions for note in item.footnotes] == [(4, 2)]


def test_text_between_the_heading_and_the_first_question_is_named() -> None:
    document = samples.single_question()
    document.heading.append("Deze zin hoort bij geen vraag.")
    with pytest.raises(IngestError, match=r"^pagina 1: tekst vóór de eerste vraag .*«Deze zin hoort bij geen vraag.»"):
        ingest_pdf(render(document))


def test_vraag_3_quoted_on_a_line_of_its_own_at_a_page_top_stays_text() -> None:
    usual = ingest(samples.grouped_document())
    document = samples.grouped_document()
    document.break_before = frozenset({"Vraag 3"})
    pdf = render(document)
    (line,) = [line for line in read_pdf(pdf) if line.text == "Vraag 3"]
    assert line.top == pytest.approx(BODY_TOP, abs=0.5)  # a page's first line
    assert ingest_pdf(pdf)[0].questions == usual.questions


def test_without_the_margin_column_the_id_is_built_from_the_printed_year_and_number() -> None:
    document = samples.single_question()
    document.margin = False
    meta = ingest(document).document
    assert (meta.id, meta.number, meta.session_year) == ("ah-tk-20242025-7", "7", "2024–2025")
    assert meta.url == "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-7.html"


def test_headings_with_a_full_stop_after_the_number() -> None:
    document = samples.grouped_document()
    document.blocks = [(f"{heading}.", text) for heading, text in samples.GROUPED_BLOCKS]
    assert ingest(document).questions == ingest(samples.grouped_document()).questions


@pytest.mark.parametrize(
    "numbers",
    [("1292", "1432", "1771"), ("1893", "1980", "2129"), ("2168", "2395", "1076"), ("1314", "1984")],
    ids="-".join,
)
def test_the_real_texts_of_the_series_come_back_word_for_word_in_another_layout(numbers: tuple[str, ...]) -> None:
    document = samples.real_texts_document(*numbers)
    result = ingest(document)
    printed = dict(document.blocks)
    assert [item.number for item in result.questions] == list(range(1, len(printed) // 2 + 1))
    for item in result.questions:
        assert same(item.question) == same(expected(printed[f"Vraag {item.number}"])), item.number
        assert same(item.answer) == same(expected(printed[f"Antwoord {item.number}"])), item.number
    notes = {note.number: same(note.text) for item in result.questions for note in item.footnotes}
    assert notes == {n: same(text) for n, text in document.footnotes.items()}


@pytest.mark.parametrize(
    "make",
    [samples.grouped_document, lambda: samples.real_texts_document("1178", "2395")],
    ids=["grouped", "real"],
)
def test_without_blank_lines_before_the_headings_the_same_items(make: Callable[[], Document]) -> None:
    """A tighter print: a heading then stands after a sentence, after a line that stopped early (an answer that
    ends without a full stop), or after "…operatie.2" (a marker in ordinary type)."""
    usual = ingest(make())
    tight = make()
    tight.heading_gap = 0.0
    assert ingest(tight).questions == usual.questions


def test_an_eerste_kamer_print_is_not_taken_for_a_tweede_kamer_document() -> None:
    """The series is the Tweede Kamer's (`ah-tk-…`); an `ah-ek-…` print gets no invented id, --meta can give one."""
    document = samples.single_question()
    document.chamber, document.id = "Eerste Kamer", "ah-ek-20242025-7"
    with pytest.raises(IngestError, match=r"^de kop van het document noemt geen id .*--meta"):
        ingest_pdf(render(document))
    meta = b'{"id": "ah-ek-20242025-7", "url": "https://zoek.officielebekendmakingen.nl/ah-ek-20242025-7.html"}'
    result, _ = ingest_pdf(render(document), meta)
    assert (result.document.id, result.document.session_year, len(result.questions)) == (
        "ah-ek-20242025-7",
        "2024–2025",
        1,
    )


def test_a_long_group_of_numbers_running_on_to_a_second_line() -> None:
    numbers = list(range(1, 25))
    label = ", ".join(map(str, numbers[:-1])) + f" en {numbers[-1]}"
    document = samples.single_question()
    document.blocks = [
        (f"Vraag {label}", "Kunt u alle vragen afzonderlijk beantwoorden?"),
        (f"Antwoord {label}", "Ja."),
    ]
    lines = [line.text for line in read_pdf(render(document)) if line.size == 8.5]
    assert f"Vraag {label}" not in lines and any(line.startswith("Vraag 1, 2, 3") for line in lines)
    items = ingest(document).questions
    assert [item.number for item in items] == numbers and {item.answer for item in items} == {"Ja."}
    assert items[0].joint_with == tuple(numbers[1:])
