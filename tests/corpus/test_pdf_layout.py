"""From printed lines (as the PDF reader gives them) to running lines: furniture out, footnotes apart."""

from __future__ import annotations

from bot.corpus.ingest.pdflayout import layout
from bot.corpus.ingest.pdfpages import PrintedLine, _text_and_markers

BODY, NOTE = 8.5, 6.9


def line(page: int, top: float, text: str, *, x0: float = 221, size: float = BODY, **extra: object) -> PrintedLine:
    return PrintedLine(
        page=page,
        text=text,
        x0=x0,
        x1=x0 + 5 * len(text),
        top=top,
        bottom=top + size,
        size=size,
        **extra,  # type: ignore[arg-type]
    )


def page(number: int, lines: list[PrintedLine]) -> list[PrintedLine]:
    footer = [
        line(number, 770, "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel", size=9.1),
        line(number, 770, str(number + 1), x0=535, size=9.1),
    ]
    return lines + footer


def test_furniture_goes_and_the_margin_keeps_the_id() -> None:
    printed = page(0, [
        line(0, 100, "Vragen van het lid A (B) over iets (ingezonden 1 maart 2024)."),
        line(0, 700, "ah-tk-20232024-1", x0=55, size=5.9),
        line(0, 706, "ISSN 0921 - 7398", x0=55, size=5.9),
    ])  # fmt: skip
    result = layout(printed)
    assert [run.text for run in result.lines] == ["Vragen van het lid A (B) over iets (ingezonden 1 maart 2024)."]
    assert "ah-tk-20232024-1" in result.margin and "ISSN 0921 - 7398" in result.margin


def test_a_footnote_running_over_to_the_next_page_stays_one_footnote() -> None:
    printed = [
        *page(0, [
            line(0, 100, "Vraag 1"),
            line(0, 110, "Kent u het bericht?", markers=((19, 1),)),
            line(0, 700, "Een lange voetnoot die doorloopt", size=NOTE, lead_number=1),
        ]),
        *page(1, [
            line(1, 60, "Antwoord 1"),
            line(1, 70, "Ja."),
            line(1, 690, "op de volgende bladzijde.", x0=227, size=NOTE),
            line(1, 700, "Een tweede voetnoot.", size=NOTE, lead_number=2),
        ]),
    ]  # fmt: skip
    result = layout(printed)
    assert [run.text for run in result.lines] == ["Vraag 1", "Kent u het bericht?", "Antwoord 1", "Ja."]
    assert result.footnotes == {
        1: ["Een lange voetnoot die doorloopt", "op de volgende bladzijde."],
        2: ["Een tweede voetnoot."],
    }


def test_cells_printed_side_by_side_are_one_table_row_and_a_page_starts_without_a_gap() -> None:
    printed = page(0, [
        line(0, 100, "Grond", size=NOTE),
        line(0, 100, "2023", x0=400, size=NOTE),
        line(0, 110, "Seksuele gerichtheid", size=NOTE),
        line(0, 110, "34", x0=400, size=NOTE),
        line(0, 140, "Daarna tekst."),
    ])  # fmt: skip
    rows = layout(printed).lines
    assert [(r.text, r.row) for r in rows] == [
        ("Grond 2023", True),
        ("Seksuele gerichtheid 34", True),
        ("Daarna tekst.", False),
    ]
    assert rows[0].page_start and rows[2].after_gap


def test_hyphen_characters_and_ligatures_read_as_plain_text() -> None:
    """A split word's hyphen printed as a soft hyphen (U+00AD) or U+2010, and "ﬁ" ligatures, as a reader reads them."""

    def read(text: str) -> str:
        return _text_and_markers([(char, BODY) for char in text], BODY)[0]

    assert read("de uitge\u00ad") == "de uitge-"
    assert read("ge\u00adwoon de anti\u2010ISIS") == "gewoon de anti-ISIS"
    assert read("ofﬁcieel beﬂ") == "officieel befl"
