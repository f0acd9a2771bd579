"""Written-questions publications the repository does not hold, printed like the series (`aanhangsel_print`).

The long one reuses real question and answer texts of three packaged documents (renumbered into one
publication of more than 20 questions, their footnote markers put back where they were printed), so the
typeset lines carry the real series' vocabulary, quotes, lists and numbers.
"""

from __future__ import annotations

import json
import re

from tests.corpus.aanhangsel_print import SOFT, Document
from tests.corpus.corpus_support import ROOT

_LONG_WORD = re.compile(r"(?<![\w-])([A-Za-zäëïöüé][a-zäëïöüé]{12,})(?![\w-])")


def hyphenable(text: str) -> str:
    """Long lower-case words get two places where the typesetter may split them at a line end."""

    def mark(match: re.Match[str]) -> str:
        word = match.group(1)
        third = len(word) // 3
        return word[:third] + SOFT + word[third : 2 * third] + SOFT + word[2 * third :]

    return _LONG_WORD.sub(mark, text)


def _with_markers(text: str, notes: list[tuple[int, int]]) -> str:
    for offset, number in sorted(notes, reverse=True):
        text = f"{text[:offset]}^{number}{text[offset:]}"
    return text


def real_items(*numbers: str) -> tuple[list[tuple[str, str, str]], dict[int, str]]:
    """(question, answer) texts of packaged documents, renumbered from 1, markers as `^n`; the footnote bodies."""
    items: list[tuple[str, str, str]] = []
    footnotes: dict[int, str] = {}
    for number in numbers:
        document = json.loads((ROOT / "corpus" / f"ah-tk-20232024-{number}.json").read_text(encoding="utf-8"))
        seen: dict[int, int] = {}
        for item in document["questions"]:
            if item["joint_with"]:
                continue  # grouped items have their own document below
            marks: dict[str, list[tuple[int, int]]] = {"question": [], "answer": []}
            for note in item["footnotes"]:
                if note["number"] not in seen:
                    seen[note["number"]] = len(footnotes) + 1
                    footnotes[seen[note["number"]]] = note["text"]
                marks[note["field"]].append((note["offset"], seen[note["number"]]))
            question = _with_markers(item["question"], marks["question"])
            answer = _with_markers(item["answer"], marks["answer"])
            items.append((f"{number}:{item['number']}", question, answer))
    return items, footnotes


def real_texts_document(*numbers: str, max_note_lines: int = 2) -> Document:
    """The real texts of packaged documents as one unseen publication; few footnote lines a page, so many run on."""
    items, footnotes = real_items(*numbers)
    blocks: list[tuple[str, str]] = []
    for n, (_, question, answer) in enumerate(items, start=1):
        blocks += [(f"Vraag {n}", hyphenable(question)), (f"Antwoord {n}", hyphenable(answer))]
    document = long_document()
    document.blocks, document.footnotes, document.max_note_lines = blocks, footnotes, max_note_lines
    document.break_after = frozenset()
    return document


def long_document() -> Document:
    """2024–2025, 31 questions over many pages; three askers of two parties; a minister and a staatssecretaris
    answer together; a footnote too long for its page runs on at the next one."""
    items, footnotes = real_items("2271", "2313", "1178")
    blocks: list[tuple[str, str]] = []
    for n, (_, question, answer) in enumerate(items, start=1):
        blocks += [(f"Vraag {n}", hyphenable(question)), (f"Antwoord {n}", hyphenable(answer))]
    # two markers printed in the text's own type, glued to what they follow ("capaciteitstekort12.", "lezen.21")
    blocks = [(heading, re.sub(r"\^(12|21)(?!\d)", r"^^\1", text)) for heading, text in blocks]
    return Document(
        id="ah-tk-20242025-1234",
        year="2024–2025",
        place_year="2025",
        heading=[
            "Vragen van de leden Bushoff, Daniëlle Jansen (beiden GroenLinks-PvdA) en Dijk (SP) aan de "
            "Staatssecretaris van Jeugd, Preventie en Sport en de Minister van Volksgezondheid, Welzijn en Sport "
            "over «eetstoornissen, wachttijden en quantumveilige cryptografie» (ingezonden 3 september 2024).",
            "Antwoord van Staatssecretaris Karremans (Jeugd, Preventie en Sport) en Minister Agema "
            "(Volksgezondheid, Welzijn en Sport) (ontvangen 28 november 2024). Zie ook Aanhangsel Handelingen, "
            "vergaderjaar 2024–2025, nr. 612.",
        ],
        blocks=blocks,
        footnotes=footnotes,
        max_note_lines=5,
        break_after=frozenset({"Vraag 5", "Antwoord 17"}),
    )


HEADING_2019 = [
    "Vragen van het lid Omtzigt (CDA) aan de Minister van Financiën over de uitvoering van de "
    "kinderopvangtoeslag (ingezonden 14 januari 2020).",
    "Antwoord van Staatssecretaris Van Huffelen (Financiën), mede namens de Minister van Sociale Zaken en "
    "Werkgelegenheid (ontvangen 11 februari 2020).",
]

GROUPED_BLOCKS = [
    (
        "Vraag 1, 2 en 3",
        "Bent u bekend met het bericht «Ouders wachten nog altijd op herstel»?^1 Hoeveel ouders wachten nog? "
        "Wanneer krijgen zij duidelijkheid?",
    ),
    (
        "Antwoord 1, 2 en 3",
        "Ja. Op 1 januari 2020 wachtten 4.512 ouders op een beslissing van de Belastingdienst/Toeslagen. Ik "
        "verwacht dat alle ouders voor de zomer duidelijkheid hebben.",
    ),
    ("Vraag 4", "Hoeveel medewerkers werken aan de herstel­operatie?"),
    ("Antwoord 4", "Op dit moment werken 330 medewerkers aan de hersteloperatie.^^2"),
    ("Vraag 5", "Wat kost de hersteloperatie tot nu toe?"),
    ("Vraag 6", "Welk deel daarvan is uitgegeven aan externe inhuur?"),
    (
        "Antwoord op vragen 5 en 6",
        "De uitvoeringskosten bedroegen in 2019 € 12 miljoen, waarvan € 4 miljoen voor externe inhuur.",
    ),
    ("Vraag 7, 8, 9 10 en 11", "Kunt u per provincie aangeven hoeveel ouders zich hebben gemeld?"),
    (
        "Antwoord 7, 8, 9 10 en 11",
        "Die cijfers worden niet per provincie bijgehouden.\n\n"
        "Vraag 3 van het lid Omtzigt van 2 december 2019 ging over hetzelfde onderwerp; zie het antwoord op "
        "vraag 2.\n\nVraag 3\n\nDe tabel hieronder geeft de meldingen per maand.\n\n"
        "|Maand|Meldingen|Afgehandeld\n\n|Januari|1.204|310\n\n|Februari|982|644\n\n|TOTAAL|2.186|954\n\n"
        "Het aantal meldingen neemt af.",
    ),
    ("Vraag 12", "Kunt u deze vragen beantwoorden voor het debat?"),
    ("Vraag 13", "Wilt u de Kamer blijven informeren?"),
    ("Antwoord 12 en 13", "Ja."),
]
GROUPED_NOTES = {1: "Trouw, 10 januari 2020.", 2: "Kamerstuk 31 066, nr. 600."}


def grouped_document() -> Document:
    """2019–2020: "Vraag 1, 2 en 3" first, a grouped answer after separate questions in both wordings, the five
    numbers printed "7, 8, 9 10 en 11", a marker printed in ordinary type, an answer that prints "Vraag 3" as a
    citation and on a line of its own and a table, and a running footer worded otherwise, an even page's number
    before it."""
    return Document(
        id="ah-tk-20192020-1650",
        year="2019–2020",
        place_year="2020",
        heading=HEADING_2019,
        blocks=GROUPED_BLOCKS,
        footnotes=GROUPED_NOTES,
        footer="{chamber}, vergaderjaar {year}, Aanhangsel nr. 1650",
        even_number_left=True,
    )


def single_question() -> Document:
    """One question; a footnote marker in the title (it belongs to no item)."""
    return Document(
        id="ah-tk-20242025-7",
        year="2024–2025",
        heading=[
            "Vragen van het lid Kostic (PvdD), mede namens het lid Van der Plas (BBB), aan de Minister van Landbouw, "
            "Visserij, Voedselzekerheid en Natuur over het bericht «Weer vogelgriep op pluimveebedrijf»^1 (ingezonden "
            "2 september 2024).",
            "Antwoord van Minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur) en van Staatssecretaris "
            "Rummenie (Landbouw, Visserij, Voedselzekerheid en Natuur) (ontvangen 20 september 2024).",
        ],
        blocks=[
            ("Vraag 1", "Hoeveel bedrijven zijn dit jaar geruimd?"),
            (
                "Antwoord 1",
                "Dit jaar zijn 14 bedrijven geruimd. De uitstoot van CO_{2} en het gebruik van H_{2}O zijn gemeld.",
            ),
        ],
        footnotes={1: "NOS, 1 september 2024."},
    )


MEDEDELING = (
    "De vragen van het lid Kostic (PvdD) over de vogelgriep zijn beantwoord bij brief van 12 november 2024 "
    "(Kamerstuk 28 807, nr. 301)."
)


def mededeling_document(*, in_heading: bool = True) -> Document:
    """Answered by letter: a Mededeling where the answer would stand (in the heading, or after the questions)."""
    questions = [("Vraag 1", "Hoeveel bedrijven zijn geruimd?"), ("Vraag 2", "Wat kost dat?")]
    title = (
        "Vragen van het lid Kostic (PvdD) aan de Minister van Landbouw, Visserij, Voedselzekerheid en Natuur "
        "over de vogelgriep (ingezonden 2 oktober 2024)."
    )
    if in_heading:
        heading = [
            title,
            "Mededeling van Minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur) (ontvangen 13 november "
            "2024). " + MEDEDELING,
        ]
        return Document(id="ah-tk-20242025-402", year="2024–2025", heading=heading, blocks=questions)
    return Document(
        id="ah-tk-20242025-402",
        year="2024–2025",
        heading=[title],
        blocks=[*questions, ("Mededeling", MEDEDELING)],
    )
