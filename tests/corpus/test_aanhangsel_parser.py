"""The written-questions parser on running lines built by hand: the variants the series prints, and its errors.

A blank line in the text below is a blank line in print; `^3` is footnote marker 3 printed after a word.
"""

from __future__ import annotations

import re

import pytest

from bot.corpus.ingest.aanhangsel import WrittenQuestions, parse_written_questions, running_text
from bot.corpus.ingest.errors import IngestError
from bot.corpus.ingest.pdflayout import Layout, RunLine

HEAD = """Vragen van het lid Van Haga (Groep Van Haga) aan de Minister van Justitie en Veiligheid over
vuurwerk (ingezonden 20 november 2023).
Antwoord van Minister Yeşilgöz-Zegerius (Justitie en Veiligheid) (ontvangen 3 januari 2024).
"""


def run_lines(text: str) -> list[RunLine]:
    lines: list[RunLine] = []
    gap = False
    for raw in text.splitlines():
        if not raw.strip():
            gap = True
            continue
        markers: list[tuple[int, int]] = []
        out = ""
        for part in re.split(r"(\^\d+)", raw.strip()):
            if part.startswith("^"):
                markers.append((len(out), int(part[1:])))
            else:
                out += part
        lines.append(RunLine(text=out, page=1, after_gap=gap, page_start=not lines, markers=tuple(markers)))
        gap = False
    return lines


def parse(body: str, footnotes: dict[int, str] | None = None, *, allow_partial: bool = False) -> WrittenQuestions:
    notes = {n: [text] for n, text in (footnotes or {}).items()}
    layout = Layout(lines=run_lines(HEAD + "\n" + body), footnotes=notes, margin=["ah-tk-20232024-999"])
    return parse_written_questions(layout, allow_partial=allow_partial)


def test_one_item_per_number_with_question_and_answer() -> None:
    result = parse("Vraag 1\nWaarom?\n\nAntwoord 1\nDaarom.\n\nVraag 2\nHoe dan?\n\nAntwoord 2\nZo.\n")
    assert [(i.number, i.question, i.answer) for i in result.items] == [
        (1, "Waarom?", "Daarom."),
        (2, "Hoe dan?", "Zo."),
    ]
    assert result.warnings == ()


def test_grouped_questions_as_printed_each_number_gets_the_combined_question() -> None:
    body = (
        "Vraag 1\nEen?\n\nAntwoord 1\nA.\n\n"
        "Vraag 2, 3, 4 5 en 6\nTwee tot en met zes?\nEn verder?\n\nAntwoord 2, 3, 4 5 en 6\nSamen.\n"
    )
    items = {i.number: i for i in parse(body).items}
    assert sorted(items) == [1, 2, 3, 4, 5, 6]
    assert {items[n].question for n in range(2, 7)} == {"Twee tot en met zes? En verder?"}
    assert items[4].joint_with == (2, 3, 5, 6) and items[1].joint_with == ()


def test_grouped_answer_after_separate_questions() -> None:
    body = (
        "Vraag 1\nEen?\n\nVraag 2\nTwee?\n\nAntwoord op vragen 1 en 2\nBeide.\n\nVraag 3\nDrie?\n\nAntwoord 3\nDrie.\n"
    )
    items = {i.number: i for i in parse(body).items}
    assert (items[1].question, items[2].question) == ("Een?", "Twee?")
    assert items[1].answer == items[2].answer == "Beide."
    assert (items[1].joint_with, items[2].joint_with, items[3].joint_with) == ((2,), (1,), ())


def test_ranges_and_colons_in_headings() -> None:
    body = "Vragen 1 t/m 3:\nDrie vragen?\n\nAntwoord op de vragen 1 tot en met 3:\nEén antwoord.\n"
    assert [i.number for i in parse(body).items] == [1, 2, 3]


def test_hyphenation_paragraphs_and_refers_to() -> None:
    body = "Vraag 1\nIs dit uitge-\nvoerd, met een WIA-\nuitkering?\n\nAntwoord 1\nJa.\n\nVraag 2\nEn dit?\n\n"
    body += "Antwoord 2\nZie het antwoord op vraag 1.\n"
    items = {i.number: i for i in parse(body).items}
    assert items[1].question == "Is dit uitgevoerd, met een WIA-uitkering?"
    assert items[2].refers_to == (1,)


def test_footnote_goes_to_the_item_with_its_marker_at_the_printed_place() -> None:
    body = "Vraag 1\nKent u het bericht «Vuurwerk»?^1\n\nAntwoord 1\nJa, en de studie^2 ook.\n"
    (item,) = parse(body, {1: "NOS, 1 december 2023.", 2: "Studie."}).items
    question_note, answer_note = item.footnotes
    assert (question_note.number, question_note.field, question_note.offset) == (1, "question", len(item.question))
    assert item.answer[: answer_note.offset] == "Ja, en de studie" and answer_note.field == "answer"
    assert answer_note.text == "Studie."


def test_a_marker_in_the_title_belongs_to_no_item() -> None:
    layout = Layout(
        lines=run_lines(HEAD.replace("vuurwerk (", "vuurwerk^1 (") + "\nVraag 1\nWat?\n\nAntwoord 1\nDit.\n"),
        footnotes={1: ["NOS."]},
        margin=[],
    )
    result = parse_written_questions(layout)
    assert result.items[0].footnotes == () and result.heading.title is not None


def test_mededeling_answers_every_item_by_letter() -> None:
    head = HEAD.replace(
        "Antwoord van Minister Yeşilgöz-Zegerius (Justitie en Veiligheid) (ontvangen 3 januari 2024).",
        "Mededeling van Minister Yeşilgöz-Zegerius (Justitie en Veiligheid) (ontvangen 3 januari 2024).\n"
        "De vragen van het lid Van Haga zijn beantwoord bij brief van 2 januari 2024 (Kamerstuk 36 410 VI, nr. 12).",
    )
    layout = Layout(lines=run_lines(head + "\nVraag 1\nEen?\n\nVraag 2\nTwee?\n"), footnotes={}, margin=[])
    result = parse_written_questions(layout)
    assert [i.number for i in result.items] == [1, 2]
    for item in result.items:
        assert item.answered_by_letter == "Kamerstuk 36 410 VI, nr. 12"
        assert item.answer.startswith("De vragen van het lid Van Haga zijn beantwoord bij brief van 2 januari 2024")
    assert result.heading.answered_by == ("Minister Yeşilgöz-Zegerius (Justitie en Veiligheid)",)


def test_mededeling_printed_after_the_questions() -> None:
    body = "Vraag 1\nEen?\n\nMededeling\nDeze vragen zijn beantwoord bij brief van 5 maart 2024.\n"
    (item,) = parse(body).items
    assert item.answered_by_letter == "bij brief van 5 maart 2024"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Vraag 1\nEen?\n\nVraag 2\nTwee?\n\nAntwoord 1\nA.\n", "geen antwoord gevonden op vraag 2"),
        (
            "Vraag 1\nEen?\n\nAntwoord 1\nA.\n\nVraag 3\nDrie?\n\nAntwoord 3\nC.\n",
            "«Vraag 3»: vraag 3 staat niet op volgorde",
        ),
        ("Vraag 1\nEen?\n\nAntwoord 1\nA.\n\nAntwoord 2\nB.\n", "«Antwoord 2»: antwoord op vraag 2"),
        ("Vraag 1\nEen?\n\nAntwoord 1\n\nVraag 2\nTwee?\n\nAntwoord 2\nB.\n", "«Antwoord 1»: er staat geen tekst"),
        ("Vraag 1\nEen?^1\n\nAntwoord 1\nA.\n", "voetnootteken 1"),
    ],
)
def test_what_cannot_be_read_with_confidence_is_a_dutch_error_naming_the_place(body: str, expected: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse(body)
    assert expected in str(caught.value)


def test_a_footnote_without_its_marker_is_an_error() -> None:
    with pytest.raises(IngestError, match="voetnoot 2: geen voetnootteken 2"):
        parse("Vraag 1\nEen?\n\nAntwoord 1\nA.\n", {2: "Ergens."})


def test_allow_partial_keeps_what_it_could_read_with_a_warning_per_gap() -> None:
    body = "Vraag 1\nEen?\n\nAntwoord 1\nA.\n\nVraag 2\nTwee?\n\nVraag 3\nDrie?\n\nAntwoord 3\nC.\n"
    result = parse(body, allow_partial=True)
    assert [i.number for i in result.items] == [1, 3]
    assert len(result.warnings) == 1 and "vraag 2" in result.warnings[0]


def test_text_without_the_title_sentence_is_not_written_questions() -> None:
    layout = Layout(lines=run_lines("Lijst van vragen en antwoorden\n\n1\nWat?\nDit.\n"), footnotes={}, margin=[])
    with pytest.raises(IngestError, match="geen Aanhangsel van de Handelingen herkend"):
        parse_written_questions(layout)


def test_paragraphs_end_where_a_line_stops_early_or_a_list_item_starts() -> None:
    lines = [
        RunLine("De maatregelen zijn de volgende:", 1, room_left=200, size=8.5),
        RunLine("• Een eerste maatregel die", 1, size=8.5, item=True),
        RunLine("doorloopt.", 1, room_left=250, size=8.5),
        RunLine("1. Een kop zonder punt", 1, room_left=150, size=8.5, item=True),
        RunLine("Daarna de tekst die de regel vult en", 1, room_left=2, size=8.5),
        RunLine("verder gaat.", 1, size=8.5),
    ]
    assert running_text(lines).text == (
        "De maatregelen zijn de volgende:\n\n• Een eerste maatregel die doorloopt.\n\n"
        "1. Een kop zonder punt\n\nDaarna de tekst die de regel vult en verder gaat."
    )


def test_a_marker_printed_as_ordinary_digits_is_still_found() -> None:
    body = "Vraag 1\nKent u het bericht «Vuurwerk»?3 En het tweede?^4\n\nAntwoord 1\nJa.\n"
    (item,) = parse(body, {3: "NOS.", 4: "RTL."}).items
    assert item.question == "Kent u het bericht «Vuurwerk»? En het tweede?"
    third, fourth = item.footnotes
    assert (third.number, fourth.number) == (3, 4)
    assert item.question[: third.offset].endswith("«Vuurwerk»?") and item.question[third.offset :] == " En het tweede?"
    assert fourth.offset == len(item.question)


def test_text_in_the_heading_that_fits_nowhere_is_an_error() -> None:
    layout = Layout(
        lines=run_lines(HEAD + "Een zin die nergens bij hoort.\n\nVraag 1\nWat?\n\nAntwoord 1\nDit.\n"),
        footnotes={},
        margin=[],
    )
    with pytest.raises(IngestError, match="pagina 1: tekst vóór de eerste vraag .*«Een zin die nergens bij hoort.»"):
        parse_written_questions(layout)
    assert len(parse_written_questions(layout, allow_partial=True).warnings) == 1
