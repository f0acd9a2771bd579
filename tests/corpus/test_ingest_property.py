"""Ingest on texts assembled from real fragments of the extract, laid out the way a PDF extract does it.

Paragraphs of real questions and answers are wrapped at random widths; words are split at line ends the
way a typesetter does it (a hyphen added inside a word, or a break after a hyphen the word already has);
page starts get their leading space, the running footer falls anywhere, footnote markers are glued to
words with their bodies printed further on. Whatever comes out, nothing may be lost or invented.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.corpus import CorpusDocument, Document
from bot.corpus.ingest import IngestError, ingest_text

PROPERTY = settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUESTIONS = [
    "Hoeveel troepen trekt de Verenigde Staten (VS) precies terug uit Irak? Welke planning hanteert de VS hiervoor?",
    "Zijn Nederlandse militairen in Irak op enig moment doelwit geweest van met Iran verbonden milities? Zo ja, "
    "hoe en hoe vaak? Hoe verhoudt de Iraakse regering zich tot deze milities?",
    "Is de hernieuwde Nederlandse inzet bij de anti-IS-bombardementen van invloed op het dreigingsniveau in Nederland?",
    "In het kader van operationele gereedheid zijn de negatieve effecten voor de krijgsmacht gering. Op welk vlak "
    "of in welke missie verliest de krijgsmacht aan operationele gereedheid of toegezegde stand-by verplichtingen, "
    "doordat het deze force protection eenheid inzet in de anti-IS-coalitie?",
    "Aangezien er gesproken wordt van een ″gemarginaliseerde soennitische bevolking groep’’, is er dan ook nog "
    "steeds sprake van een proces van marginalisering door andere groepen?",
    "Welke COVID-19 gerelateerde maatregelen worden toegepast op deze aanvullende missie?",
]
ANSWERS = [
    "Nee.",
    "Ja.",
    "Het is niet ondenkbaar dat verdere vermindering van troepen op de middellange termijn aan de orde komt, dit "
    "zal ook afhankelijk zijn van de wijze waarop de volgende fase in de strijd tegen ISIS vordert.",
    "Met de stationering van de force protection-eenheid neemt Nederland zelf niet deel aan het gebruik van "
    "geweld tegen ISIS in Irak en Noordoost-Syrië, maar biedt Nederland ondersteuning aan geweldgebruik door "
    "Belgische F-16’s.",
    "Op dit moment zijn er geen aanwijzingen dat leden van jihadistische netwerken in Nederland de "
    "anti-ISIS-bombardementen als aanleiding voor aanslagvoorbereiding beschouwen.",
    "Aanvallen op (pro-) Iraanse doelen door de VS geschieden buiten coalitieverband en kunnen niet door "
    "Nederland worden geduid.",
    "Het actuele dreigingsniveau, zoals beschreven in het 52e dreigingsbeeld, staat op 3 van de 5. Tevens "
    "leverde Nederland met liaison- en stafofficieren een kleine bijdrage, voor families uit Noord- en Oost-Syrië.",
    "De Iraakse ISIS-netwerken worden deels vanuit Syrië voorzien van middelen, waaronder wapens, munitie en "
    "grondstoffen voor geïmproviseerde explosieven.",
]
FOOTNOTES = [
    (
        "The Rise and Fall of IS, The Hague Centre for Strategic Studies: https://hcss.nl/sites/default/files/",
        "files/reports/The%20Rise%20and%20Fall%20of%20ISIS.pdf",
    ),
    (
        "Bron: Edith Lederer «UN over 10.000 Islamic State fighters active in Iraq, Syria», Associated",
        "Press 25 August 2020",
    ),
]
CONSONANTS = set("bcdfghjklmnpqrstvwxz")
NOISE = ["", " ", "12", " 7", "3 Bron: iets", "?", "Zie het antwoord op vraag 99.", "–", "woord-", "\f", "x1", "1 2 3"]


def footer(meta: Document, page: int) -> str:
    return f"Tweede Kamer, vergaderjaar {meta.session_year}, {meta.dossier}, nr. {meta.number} {page}"


@dataclass
class Assembled:
    lines: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    footnotes: dict[int, tuple[int, str]] = field(default_factory=dict)
    """footnote number → (item number, body as printed without its number)"""
    markers: dict[int, str] = field(default_factory=dict)
    """footnote number → the word its marker was glued to"""

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _splits(word: str) -> list[tuple[str, str]]:
    """Where a typesetter may break `word` so that the rule can restore it."""
    if "-" in word:
        return [
            (word[: i + 1], word[i + 1 :])
            for i, char in enumerate(word)
            if char == "-" and 0 < i < len(word) - 1 and ("-" in word[:i] or not word[i + 1].islower())
        ]
    # Dutch hyphenation starts the next line with a consonant: "uitge-voerd", "aanwe-zigheid", "middel-lange".
    return [
        (word[:i] + "-", word[i:]) for i in range(2, len(word) - 1) if word[i - 1].isalpha() and word[i] in CONSONANTS
    ]


@st.composite
def wrapped(draw: st.DrawFn, paragraph: str) -> list[str]:
    """The paragraph as printed lines of a random width, some words split at the line end."""
    width = draw(st.integers(25, 75))
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        if not current or len(current) + 1 + len(word) <= width:
            current = f"{current} {word}" if current else word
            continue
        splits = _splits(word)
        if splits and draw(st.booleans()):
            left, right = draw(st.sampled_from(splits))
            lines.append(f"{current} {left}")
            current = right
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


@st.composite
def assembled(draw: st.DrawFn, meta: Document) -> Assembled:
    doc = Assembled()
    count = draw(st.integers(1, 6))
    footnote_items = draw(st.lists(st.integers(1, count), max_size=2, unique=True).map(sorted))
    for number in range(1, count + 1):
        question = draw(st.sampled_from(QUESTIONS))
        answer = draw(st.lists(st.sampled_from(ANSWERS), min_size=1, max_size=3))
        doc.questions.append(question)
        doc.answers.append(" ".join(answer))
        printed = [*draw(wrapped(question)), *(line for paragraph in answer for line in draw(wrapped(paragraph)))]
        body = _paginate(draw, meta, printed)
        if number in footnote_items:
            _add_footnote(draw, doc, body, number)
        page_start = draw(st.booleans()) and len(doc.lines) > 0
        doc.lines += [] if page_start or not doc.lines else [""]
        doc.lines.append(f" {number}" if page_start else str(number))
        doc.lines += body
    return doc


def _starts_with_digit(line: str) -> bool:
    return line.strip()[:1].isdigit()


def _paginate(draw: st.DrawFn, meta: Document, printed: list[str]) -> list[str]:
    """Now and then a page ends before a line: the footer and blank lines, or just a leading space."""
    lines: list[str] = []
    for line in printed:
        if _starts_with_digit(line) or draw(st.integers(0, 9)) > 0:
            lines.append(line)
        elif draw(st.booleans()):
            lines += ["", footer(meta, draw(st.integers(1, 99))), "", "", line]
        else:
            lines.append(" " + line)
    return lines


def _is_text(line: str) -> bool:
    return bool(line) and not line.startswith("Tweede Kamer")


def _add_footnote(draw: st.DrawFn, doc: Assembled, body: list[str], item: int) -> None:
    """Glue the next marker to a word that ends in a letter; print the body at the bottom of a later line."""
    number = len(doc.footnotes) + 1
    spots = [
        (i, j)
        for i, line in enumerate(body)
        if _is_text(line)
        for j, word in enumerate(line.split(" "))
        if word and word[-1].isalpha() and not (j == len(line.split(" ")) - 1 and word.endswith("-"))
    ]
    i, j = draw(st.sampled_from(spots))
    words = body[i].split(" ")
    doc.markers[number] = words[j]
    words[j] += str(number)
    body[i] = " ".join(words)
    first, second = FOOTNOTES[draw(st.integers(0, 1))]
    doc.footnotes[number] = (item, first + ("" if first.endswith("/") else " ") + second)
    ends = [k for k in range(i, len(body)) if _is_text(body[k])]
    ends = [k for k in ends if k == len(body) - 1 or not _starts_with_digit(body[k + 1])]
    after = draw(st.sampled_from(ends))
    body[after + 1 : after + 1] = ["", f"{number} {first}", second]
    following = after + 4
    if following < len(body) and _is_text(body[following]) and not body[following].startswith(" "):
        body[following] = " " + body[following]  # the next page starts


def _words(text: str) -> list[str]:
    return text.split()


@given(data=st.data())
@PROPERTY
def test_assembled_lists_come_back_word_for_word(data: st.DataObject, meta: Document) -> None:
    doc = data.draw(assembled(meta))
    result = ingest_text(doc.text, meta)
    assert [q.number for q in result.questions] == list(range(1, len(doc.questions) + 1))
    for item, question, answer in zip(result.questions, doc.questions, doc.answers, strict=True):
        assert _words(item.question) == _words(question)
        assert _words(item.answer) == _words(answer)
    found = {f.number: (item.number, f.text) for item in result.questions for f in item.footnotes}
    assert found == doc.footnotes
    for item in result.questions:
        for footnote in item.footnotes:
            assert footnote.field is not None and footnote.offset is not None
            text = item.question if footnote.field == "question" else item.answer
            assert text[: footnote.offset].endswith(doc.markers[footnote.number])
            assert not text[footnote.offset : footnote.offset + 1].isalnum()


def _letters(text: str) -> Counter[str]:
    return Counter(char for char in text if char.isalpha())


def _output_letters(result: CorpusDocument) -> Counter[str]:
    return sum(
        (_letters(item.question + item.answer + "".join(f.text for f in item.footnotes)) for item in result.questions),
        Counter(),
    )


@given(data=st.data())
@PROPERTY
def test_noisy_texts_parse_or_fail_cleanly_and_lose_no_letter(data: st.DataObject, meta: Document) -> None:
    doc = data.draw(assembled(meta))
    lines = list(doc.lines)
    for _ in range(data.draw(st.integers(1, 4))):
        noise = data.draw(st.sampled_from(NOISE) | st.text(alphabet="abcXYZ019 -?.:\n", max_size=15))
        lines.insert(data.draw(st.integers(0, len(lines))), noise)
    text = "\n".join(lines)
    try:
        result = ingest_text(text, meta)
    except IngestError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return
    without_footers = "\n".join(line for line in text.split("\n") if not re.fullmatch(r"Tweede Kamer, .*", line))
    assert _output_letters(result) == _letters(without_footers)
