"""Every word of the 14 PDFs, as an independent reader (poppler's pdftotext) reads them, is in the corpus
and the corpus invents none: the heading and the page furniture aside, the two word counts must agree
to 99.5% (whitespace, hyphenation, footnote numbers and web addresses aside), and 98% of the words of
the questions and answers stand in the same order.

CI installs poppler-utils (`.ci/run`); without `pdftotext` these tests are skipped."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from bot.corpus.ingest.pdf import ingest_pdf
from tests.corpus.corpus_support import ROOT

SOURCES = sorted((ROOT / "corpus" / "sources").glob("ah-tk-*.pdf"))
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")

_FURNITURE = re.compile(
    r"ah-tk-\d{8}-\d+|ISSN 0921 - 7398|’s-Gravenhage \d{4}.*|Tweede Kamer, vergaderjaar.*Aanhangsel\s*\d*"
)
_HEADING = re.compile(r"(?:Vraag|Vragen|Antwoord)(?: op vragen)? [\d, en]+")


def _words(text: str) -> list[str]:
    """Words in lower case, without punctuation and without a number glued to their end (a footnote marker
    to pdftotext; both sides alike, so "F3" counts as "f"); lone numbers and web addresses left out:
    pdftotext breaks an address where the line breaks, the corpus joins it."""
    words = []
    for token in text.split():
        if re.search(r"https?:|www\.|[/%=~]|(?:-\w+){3}", token):
            continue
        word = re.sub(r"(?<=[^\W\d])\d{1,2}$", "", re.sub(r"\W+", "", token).lower())
        if word and not word.isdigit():
            words.append(word)
    return words


def _reference(path: Path) -> list[str]:
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    body = raw[raw.index("\nVraag 1\n") :]
    lines = [line for line in body.splitlines() if not _FURNITURE.fullmatch(line.strip())]
    lines = [line for line in lines if not _HEADING.fullmatch(line.strip())]
    return _words(re.sub(r"(\w)-\n(?=[a-z])", r"\1", "\n".join(lines)))  # a word split at a line end


def _ours(path: Path, *, notes: bool = True) -> list[str]:
    document, _ = ingest_pdf(path.read_bytes())
    texts: list[str] = []
    bodies: dict[int, str] = {}
    for previous, item in zip((None, *document.questions), document.questions, strict=False):
        grouped = previous is not None and previous.number in item.joint_with
        if not (grouped and previous.question == item.question):  # printed once for the group
            texts.append(item.question)
        if not (grouped and previous.answer == item.answer):
            texts.append(item.answer)
        bodies |= {f.number: f.text for f in item.footnotes}
    return _words(" ".join([*texts, *(bodies[n] for n in sorted(bodies) if notes)]))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_same_words_as_an_independent_reader(source: Path) -> None:
    reference, ours = _reference(source), _ours(source)
    common = sum((Counter(reference) & Counter(ours)).values())
    assert common >= 0.995 * len(reference), (Counter(reference) - Counter(ours)).most_common(10)
    assert common >= 0.995 * len(ours), (Counter(ours) - Counter(reference)).most_common(10)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_in_the_same_order(source: Path) -> None:
    """The questions and answers, footnotes aside (pdftotext prints those at each page bottom)."""
    ours = _ours(source, notes=False)
    matcher = difflib.SequenceMatcher(None, _reference(source), ours, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    assert in_order >= 0.98 * len(ours)
