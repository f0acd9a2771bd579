"""Curated phrasings: the words people actually used for an item, added by a curator so the next
person who asks that way gets the answer (`kamervraag curate add ID:N "…"`).

Data, reviewed in git like `corpus/lexicon/`: `phrasings/<document id>.tsv` beside the corpus's JSON
files, one `N<TAB>phrasing` per line (blank lines and `#` comments allowed). The engine indexes a
phrasing as extra question text of its item.
"""

from __future__ import annotations

from pathlib import Path

from bot import messages
from bot.corpus.store import ItemKey

FOLDER = "phrasings"

Phrasings = dict[ItemKey, tuple[str, ...]]


class PhrasingError(Exception):
    """A phrasings file that cannot be used; the message is one Dutch line naming file and line."""


def phrasings_dir(corpus_path: Path) -> Path:
    """`<corpus folder>/phrasings` (for a single corpus file: beside it)."""
    return (corpus_path if corpus_path.is_dir() else corpus_path.parent) / FOLDER


def phrasing_file(folder: Path, document: str) -> Path:
    return folder / f"{document}.tsv"


def clean(text: str) -> str:
    """One line of ordinary spaces: a tab or line break would break the file's format."""
    return " ".join(text.split())


def parse(text: str, *, path: str, numbers: frozenset[int], document: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        number, tab, phrasing = line.partition("\t")
        if not tab or not number.strip().isdigit() or not clean(phrasing):
            raise PhrasingError(messages.phrasing_line_invalid(path, line_no))
        n = int(number)
        if n not in numbers:
            raise PhrasingError(messages.phrasing_unknown_item(path, line_no, document, n))
        out.append((n, clean(phrasing)))
    return out


def load_phrasings(folder: Path, documents: dict[str, frozenset[int]]) -> Phrasings:
    """The phrasings of the loaded documents (`documents`: id → item numbers); other files are ignored."""
    found: dict[ItemKey, list[str]] = {}
    for document, numbers in documents.items():
        path = phrasing_file(folder, document)
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise PhrasingError(messages.corpus_error(str(path), messages.os_problem(exc))) from None
        for n, phrasing in parse(text, path=str(path), numbers=numbers, document=document):
            found.setdefault(ItemKey(document, n), []).append(phrasing)
    return {key: tuple(dict.fromkeys(values)) for key, values in found.items()}


def append_phrasing(folder: Path, key: ItemKey, phrasing: str) -> bool:
    """Append one line; False (and nothing written) when the item already has this phrasing."""
    path = phrasing_file(folder, key.document)
    text = clean(phrasing)
    existing = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    for line in existing.splitlines():
        number, _, known = line.partition("\t")
        if number.strip() == str(key.number) and clean(known).casefold() == text.casefold():
            return False
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        if existing and not existing.endswith("\n"):
            fh.write("\n")
        fh.write(f"{key.number}\t{text}\n")
    return True
