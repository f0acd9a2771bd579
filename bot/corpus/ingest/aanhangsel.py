"""Written questions and their answers (Aanhangsel van de Handelingen), from the running lines of the PDF.

    Vraag 1 / Vraag 3, 4 en 5 / Vragen 7, 8, 9 10 en 11     a question (or several asked together)
    Antwoord 1 / Antwoord 5 en 6 / Antwoord op vragen 5 en 6   an answer (or one for several)
    Mededeling                                               the questions were answered by letter

Each heading stands on a line of its own after a blank line; at a page top or after a paragraph's last line
only when its numbers come next (else it is a "Vraag 3" quoted in an answer). Every question number
gets its own item: asked together, each gets the combined question; answered together, each gets the
answer and `joint_with` the others. Numbers must run 1, 2, 3, … and every question needs an answer;
what cannot be read with confidence is an error naming the place, or with `allow_partial` a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from bot import messages
from bot.corpus.ingest.aanhangsel_meta import Heading, parse_heading
from bot.corpus.ingest.errors import IngestError
from bot.corpus.ingest.footnotes import without_marker
from bot.corpus.ingest.join import PARAGRAPH, ends_sentence, join_lines, join_lines_at
from bot.corpus.ingest.pdflayout import Layout, RunLine
from bot.corpus.ingest.references import refers_to
from bot.corpus.models import Footnote, Item

_NUMBERS = r"\d{1,3}(?:\s*(?:,|\ben\b|\bt/m\b|\btot en met\b|[-–])?\s*\d{1,3})*"
_QUESTION = re.compile(rf"Vra(?:ag|gen)\s+(?P<n>{_NUMBERS})\s*[:.]?")
_ANSWER = re.compile(rf"Antwoord(?:en)?(?:\s+op\s+(?:de\s+)?vra(?:ag|gen))?\s+(?P<n>{_NUMBERS})\s*[:.]?", re.IGNORECASE)
_MEDEDELING = re.compile(r"Mededeling\b.*")
_TITLE_START = re.compile(r"Vragen van (?:het lid|de leden|lid|leden)\b")
_RANGE = re.compile(r"(\d+)\s*(?:t/m|tot en met|[-–])\s*(\d+)")
_LETTER_REFERENCE = re.compile(
    r"\((?P<ref>(?:Kamerstuk(?:ken)?|kenmerk)\b[^()]*)\)"
    r"|(?<![\w(])(?P<bare>Kamerstuk(?:ken)?\b[^()]{0,60}?\bnr\.\s*\d+)",
    re.IGNORECASE,
)
"""The letter's reference as printed: "(Kamerstuk 36 410 VI, nr. 12)", or without brackets "…, Kamerstuk 36 410 VI,
nr. 12."; else its date names it."""
_LETTER_DATE = re.compile(
    r"(?:bij|per|in|met|middels|via)\s+(?:de\s+|mijn\s+|onze\s+|haar\s+|zijn\s+)?(?:Kamer)?brief\s+van\s+"
    r"(?:\w+\s+)?\d{1,2}\s+[a-z]+\s+\d{4}",
    re.IGNORECASE,
)

_LABEL = r"(?:Vra(?:ag|gen)|Antwoord(?:en)?(?:\s+op\s+(?:de\s+)?vra(?:ag|gen))?)"
_HEADING_BROKEN = re.compile(rf"{_LABEL}\s+{_NUMBERS}(?P<joiner>\s*(?:,|\ben))?")
_HEADING_REST = re.compile(rf"(?P<joiner>en\s+)?{_NUMBERS}\s*[:.]?")
"""A long group of numbers that ran on to the next line: "Vraag 1, 2, …, 17 en" / "18", "… 17" / "en 18"."""
_TRAILING_NUMBER = re.compile(r"(?<=[.?!:»”)])\d{1,3}$")
"""A footnote number printed in ordinary type after a sentence: "…hersteloperatie.2"."""

Kind = Literal["question", "answer", "mededeling"]


@dataclass
class _Block:
    kind: Kind
    numbers: tuple[int, ...]
    heading: str
    page: int
    lines: list[RunLine] = field(default_factory=list)

    @property
    def place(self) -> str:
        return messages.ingest_place(self.page, self.heading)


@dataclass(frozen=True)
class Text:
    """A running text and its footnote markers: (offset right after the word they follow, number)."""

    text: str
    markers: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class WrittenQuestions:
    heading: Heading
    preamble: tuple[str, ...]
    """The lines above the title (the year, the number as printed)."""
    margin: tuple[str, ...]
    """What the margin column and the running footer printed (the id)."""
    items: tuple[Item, ...]
    warnings: tuple[str, ...] = ()


def _numbers(text: str) -> tuple[int, ...]:
    """`3, 4 en 5` → (3, 4, 5); `7, 8, 9 10 en 11` (as printed) → (7, 8, 9, 10, 11); `5 t/m 7` → (5, 6, 7)."""
    expanded = _RANGE.sub(lambda m: " ".join(str(n) for n in range(int(m[1]), int(m[2]) + 1)), text)
    return tuple(int(n) for n in re.findall(r"\d+", expanded))


def _heading(line: RunLine, previous: RunLine | None, blocks: list[_Block]) -> tuple[Kind, tuple[int, ...]] | None:
    """A heading stands after a blank line; or at a page top, after a sentence or after a line that stopped early,
    and there (no blank line to tell) only when its numbers are the ones that come next: "Vraag 3" quoted on a
    line of its own inside an answer is text, also when the line happens to open a page."""
    set_apart = previous is None or line.after_gap
    if not line.text[:1].isupper():
        return None
    if not (set_apart or line.page_start or (previous is not None and _ends_paragraph(previous, line))):
        return None
    found = _heading_kind(line)
    if found is None or set_apart or _comes_next(found, blocks):
        return found
    return None


def _ends_paragraph(previous: RunLine, line: RunLine) -> bool:
    """A sentence ends there (a footnote number printed in ordinary type after it aside), or the next word would
    still have fitted."""
    return ends_sentence(_TRAILING_NUMBER.sub("", previous.text)) or previous.would_fit(line.text.split(" ", 1)[0])


def _comes_next(found: tuple[Kind, tuple[int, ...]], blocks: list[_Block]) -> bool:
    kind, numbers = found
    asked = [n for block in blocks if block.kind == "question" for n in block.numbers]
    if kind == "question":
        expected = max(asked, default=0) + 1
        return numbers == tuple(range(expected, expected + len(numbers)))
    if kind == "answer":
        answered = {n for block in blocks if block.kind == "answer" for n in block.numbers}
        return bool(numbers) and all(n in asked and n not in answered for n in numbers)
    return True


def _heading_kind(line: RunLine) -> tuple[Kind, tuple[int, ...]] | None:
    if match := _QUESTION.fullmatch(line.text):
        return "question", _numbers(match.group("n"))
    if match := _ANSWER.fullmatch(line.text):
        return "answer", _numbers(match.group("n"))
    if _MEDEDELING.fullmatch(line.text) and (line.text == "Mededeling" or " van " in line.text):
        return "mededeling", ()
    return None


def _whole_headings(lines: list[RunLine]) -> list[RunLine]:
    """A heading whose numbers ran on to the next line, back on one line."""
    whole: list[RunLine] = []
    for line in lines:
        previous = whole[-1] if whole else None
        broken = _HEADING_BROKEN.fullmatch(previous.text) if previous is not None else None
        rest = _HEADING_REST.fullmatch(line.text)
        if previous is not None and broken and rest and (broken.group("joiner") or rest.group("joiner")):
            whole[-1] = replace(previous, text=f"{previous.text} {line.text}")
        else:
            whole.append(line)
    return whole


def running_text(lines: list[RunLine]) -> Text:
    """The official running text: paragraphs where the print leaves a blank line, starts a list item or a table
    row, or stops a line the next word would still have fitted on; the markers' places in it."""
    paragraphs: list[list[RunLine]] = []
    for i, line in enumerate(lines):
        previous = lines[i - 1] if i else None
        if previous is None or _breaks(previous, line):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    text = ""
    markers: list[tuple[int, int]] = []
    for paragraph in paragraphs:
        if text:
            text += PARAGRAPH
        joined, starts = join_lines_at([line.text for line in paragraph], width=None)
        markers += [
            (len(text) + start + col, n)
            for line, start in zip(paragraph, starts, strict=True)
            for col, n in line.markers
        ]
        text += joined
    return Text(text, tuple(markers))


def _breaks(previous: RunLine, line: RunLine) -> bool:
    if line.after_gap or line.item or line.row or previous.row:
        return True
    first = line.text.split(" ", 1)[0]
    # a line that stopped while the next word would have fitted ended its paragraph: after a full stop, or
    # before a capital (a heading without one: "1. De Gezondheidsraad adviseert … van eetstoornissen")
    return previous.would_fit(first) and (ends_sentence(previous.text) or first[:1].isupper())


def parse_written_questions(layout: Layout, *, allow_partial: bool = False) -> WrittenQuestions:
    """Raises IngestError (Dutch, naming the place) for what it cannot read with confidence."""
    lines = _whole_headings(layout.lines)
    title_at = next((i for i, line in enumerate(lines) if _TITLE_START.match(line.text)), None)
    if title_at is None:
        raise IngestError(messages.ingest_no_written_questions())
    preamble = tuple(line.text for line in lines[:title_at])
    header: list[RunLine] = []
    blocks: list[_Block] = []
    for i in range(title_at, len(lines)):
        line = lines[i]
        found = _heading(line, lines[i - 1] if i > title_at else None, blocks)
        if found is not None and found[0] == "mededeling" and not blocks:
            found = None  # "Mededeling van Minister … (ontvangen …)" in the heading, where "Antwoord van" stands
        if found is not None:
            blocks.append(_Block(found[0], found[1], line.text, line.page))
        elif blocks:
            blocks[-1].lines.append(line)
        else:
            header.append(line)
    header_text = running_text(header)
    heading = parse_heading(header_text.text)
    if not any(block.kind == "question" for block in blocks):
        if heading.mededeling is not None or any(block.kind == "mededeling" for block in blocks):
            raise IngestError(messages.ingest_pdf_only_mededeling())  # a postponement notice, say
        raise IngestError(messages.ingest_no_written_questions())
    in_heading = {n for _, n in header_text.markers}
    assembler = _Assembler(layout.footnotes, heading, allow_partial, in_heading, note_pages=layout.note_pages)
    items = assembler.assemble(blocks)
    return WrittenQuestions(heading, preamble, tuple(layout.margin), items, tuple(assembler.warnings))


@dataclass
class _Assembler:
    bodies: dict[int, list[str]]
    heading: Heading
    allow_partial: bool
    in_heading: set[int]
    """Footnotes whose marker stands in the heading (the title): they belong to no item."""
    warnings: list[str] = field(default_factory=list)
    questions: dict[int, Text] = field(default_factory=dict)
    answers: dict[int, Text] = field(default_factory=dict)
    joint: dict[int, tuple[int, ...]] = field(default_factory=dict)
    letter: dict[int, str] = field(default_factory=dict)
    note_pages: dict[int, int] = field(default_factory=dict)
    """The page each footnote body starts on."""
    asked_at: dict[int, str] = field(default_factory=dict)
    """Where each question was printed: a missing answer is reported there."""
    unplaced: set[int] = field(default_factory=set)
    """Markers already reported without a footnote body."""

    def problem(self, message: str) -> None:
        if not self.allow_partial:
            raise IngestError(message)
        self.warnings.append(messages.ingest_partial_warning(message))

    def assemble(self, blocks: list[_Block]) -> tuple[Item, ...]:
        if self.heading.left_over:
            self.problem(messages.ingest_pdf_text_before_first_question(1, self.heading.left_over))
        mededeling: tuple[str, str] | None = None
        if self.heading.mededeling:
            mededeling = self._mededeling(Text(self.heading.mededeling), messages.ingest_place(1, "Mededeling"))
        for block in blocks:
            text = running_text(block.lines)
            if not text.text.strip() and block.kind != "mededeling":
                self.problem(messages.ingest_pdf_empty(block.place))
                continue
            if block.kind == "question":
                self._question(block, text)
            elif block.kind == "answer":
                self._answer(block, text)
            elif text.text.strip():
                mededeling = self._mededeling(text, block.place) or mededeling
        unanswered = [n for n in self.questions if n not in self.answers]
        if mededeling is not None:
            for n in unanswered:
                self.answers[n], self.letter[n] = Text(mededeling[0]), mededeling[1]
        else:
            for place in dict.fromkeys(self.asked_at[n] for n in unanswered):  # one per heading, in print order
                numbers = [n for n in unanswered if self.asked_at[n] == place]
                self.problem(messages.ingest_pdf_no_answer(place, ", ".join(map(str, numbers))))
        self._glued_markers()
        return self._items()

    def _glued_markers(self) -> None:
        """A footnote whose marker was not printed smaller (so `pdfpages` read it as text, "bericht?3"): its
        number glued to the end of a word, in the first text that has it, is the marker."""
        marked = {n for t in (*self.questions.values(), *self.answers.values()) for _, n in t.markers}
        for number in sorted(set(self.bodies) - marked - self.in_heading):
            texts = [t for n in sorted(self.questions) for t in (self.questions[n], self.answers.get(n))]
            found = next((t for t in texts if t is not None and without_marker(t.text, number)), None)
            if found is None:
                continue
            cleaned, at = without_marker(found.text, number) or (found.text, 0)
            cut = len(str(number))
            shifted = tuple((o - cut if o > at else o, n) for o, n in found.markers)
            fixed = Text(cleaned, tuple(sorted((*shifted, (at, number)))))
            for texts_by_number in (self.questions, self.answers):
                for n, text in texts_by_number.items():
                    if text is found:
                        texts_by_number[n] = fixed

    def _question(self, block: _Block, text: Text) -> None:
        expected = max(self.questions, default=0) + 1
        wanted = tuple(range(expected, expected + len(block.numbers)))
        if block.numbers != wanted:
            self.problem(messages.ingest_pdf_out_of_order(block.place, ", ".join(map(str, block.numbers)), expected))
            if any(n in self.questions for n in block.numbers):
                return
        for n in block.numbers:
            self.questions[n] = text
            self.asked_at[n] = block.place

    def _answer(self, block: _Block, text: Text) -> None:
        known = [n for n in block.numbers if n in self.questions and n not in self.answers]
        if len(known) != len(block.numbers):
            self.problem(messages.ingest_pdf_answer_unknown(block.place, ", ".join(map(str, block.numbers))))
        for n in known:
            self.answers[n] = text
            self.joint[n] = tuple(m for m in known if m != n)

    def _mededeling(self, text: Text, place: str) -> tuple[str, str] | None:
        reference = _LETTER_REFERENCE.search(text.text)
        if reference is not None:
            return text.text, reference.group("ref") or reference.group("bare")
        dated = _LETTER_DATE.search(text.text)
        if dated is None:
            self.problem(messages.ingest_mededeling_without_letter(place))
            return None
        return text.text, dated.group()

    def _items(self) -> tuple[Item, ...]:
        used: set[int] = set()
        items: list[Item] = []
        for n in sorted(n for n in self.questions if n in self.answers):
            question, answer = self.questions[n], self.answers[n]
            footnotes = [*self._footnotes(question, "question", n), *self._footnotes(answer, "answer", n)]
            used |= {f.number for f in footnotes}
            items.append(
                Item(
                    number=n,
                    question=question.text,
                    answer=answer.text,
                    refers_to=tuple(r for r in refers_to(answer.text, n) if r in self.questions and r in self.answers),
                    joint_with=tuple(sorted(m for m in self.joint.get(n, ()) if m in self.answers)),
                    footnotes=tuple(sorted(footnotes, key=lambda f: f.number)),
                    answered_by_letter=self.letter.get(n),
                )
            )
        for number in sorted(set(self.bodies) - used - self.in_heading):
            self.problem(messages.ingest_pdf_footnote_without_marker(number, self.note_pages.get(number)))
        return tuple(items)

    def _footnotes(self, text: Text, where: Literal["question", "answer"], item: int) -> list[Footnote]:
        found: list[Footnote] = []
        for offset, number in text.markers:
            body = self.bodies.get(number)
            if body is None:
                if number not in self.unplaced:  # once, at the first item: a grouped text is every item's
                    self.unplaced.add(number)
                    self.problem(messages.ingest_pdf_marker_without_footnote(number, where == "question", item))
                continue
            found.append(Footnote(number=number, text=join_lines(body, width=None), field=where, offset=offset))
        return found
