"""From what a person types ("53", "vraag 53", "kst-27925-748:53") to an item, or a Dutch reason why not."""

from __future__ import annotations

import re
from typing import NamedTuple

from bot import messages
from bot.corpus.store import Corpus, ItemKey

# A whole message that is only a reference: "53", "vraag 53", "Vraag 53?", "en 55?", "kst-27925-748:53",
# "27925-748:53", "ah-tk-20232024-1076:2".
_REFERENCE = re.compile(
    r"^\s*(?:en\s+)?(?:(?:vraag|vr\.?|nr\.?|nummer|question|q)\s*)?"
    r"(?:(?P<doc>[a-z0-9][a-z0-9-]*[a-z0-9])\s*:\s*)?"
    r"(?P<num>[+-]?\d+)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_SESSION = r"\d{4}\s*[-–/]\s*\d{2,4}"
"""A session year: "2020–2021", "2020/21"."""
_YEAR = r"(?P<y1>\d{4})\s*[-–/]\s*(?P<y2>\d{2,4})"
"""The same with its years named, where a citation of written questions spells its id with them (a name may
stand only once in a pattern)."""
_NR = r"(?:nr|no|nummer)\.?"
_LIST = r"\d+(?:\s*(?:,|&|\ben\b|t/m|tot\s+en\s+met|[-–])\s*\d+)*"
"""One number or several: "31", "31 en 32", "31, 32 en 34", "31-33", "31 t/m 33"."""
_ASK = r"(?:vra(?:ag|gen)|vr\.?|questions?|q)\s*(?P<num>" + _LIST + r")(?!\d)"
# A document as people cite it. The official citations, pasted back from an answer or a letter:
# "Kamerstuk 27 925, nr. 748 (2020–2021)", "Kamerstukken II 2020/21, 27 925, nr. 748",
# "Aanhangsel Handelingen II 2023–2024, nr. 1076", "Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 594";
# an id ("ah-tk-20232024-1076"); and the short forms "1076", "nr. 1076", "27925-748", "27 925 748".
_DOCUMENT = (
    r"(?:"
    r"(?P<kst>kamerstuk(?:ken)?(?:\s+(?:ii|i))?|kst)\s*(?:(?:vergaderjaar\s+)?" + _SESSION + r"\s*,?\s*)?"
    r"(?P<dossier>\d{1,3}(?:[ .]?\d{3})?(?:-(?:\d{1,2}|[a-z])(?![\da-z]))?)\s*[,-]?\s*(?:" + _NR + r")?\s*"
    r"(?P<kstnr>\d+)"
    r"|(?:aanhangsel(?:\s+van\s+de)?(?:\s+handelingen)?|ah)(?:[\s-]+(?P<chamber>ii|i|tk|ek))?\s*,?\s*"
    r"(?:(?:vergaderjaar\s+)?" + _YEAR + r"\s*,?\s*)?(?:" + _NR + r")?\s*(?P<ahnr>\d+)"
    r"|(?P<id>[a-z]+(?:-[a-z0-9]+)*-\d+)"
    r"|(?:" + _NR + r"\s*)?(?P<short>\d{1,5}(?:[- ]\d{1,5}){0,2})"
    r")(?:\s*\(" + _SESSION + r"\))?"
)
_CITED = (
    re.compile(rf"\s*{_DOCUMENT}\s*[,:]?\s*{_ASK}\s*[?.!]*\s*", re.IGNORECASE),
    re.compile(rf"\s*{_ASK}\s*(?:,|van|uit|in)?\s*(?:het\s+|de\s+)?{_DOCUMENT}\s*[?.!]*\s*", re.IGNORECASE),
)
"""The document first ("Kamerstuk 27 925, nr. 748, vraag 53"), or the question ("vraag 2 van aanhangsel 1076")."""
_STARTS = (
    re.compile(r"\b(?:kamerstuk(?:ken)?|kst|aanhangsel|ah)\b", re.IGNORECASE),
    re.compile(r"\b(?:vra(?:ag|gen)|vr\.?|questions?|q)\s*\d", re.IGNORECASE),
)
"""Where a citation inside a sentence can begin, per pattern of `_CITED`: only a document named as such counts
there ("vraag 3 van 2020" may mean a year)."""
_NAMED_DOCUMENT = _STARTS[0]
_WHOLE_LIST = re.compile(
    r"\s*(?:en\s+)?(?:(?:vra(?:ag|gen)|vr\.?|nrs?\.?|nummers?|questions?|q)\s*)?(?P<num>" + _LIST + r")\s*[?.!]*\s*",
    re.IGNORECASE,
)
"""A whole message naming several items of the default document: "31 en 32", "vragen 31-33"."""
_ASKED = re.compile(r"\b(?:vra(?:ag|gen)|vr\.?|questions?)\s+(?:nr\.?\s*)?(?P<num>" + _LIST + r")(?!\d)", re.IGNORECASE)
"""Items named in a sentence without their document ("wat zeggen vragen 12 en 14?"; not "Q3", a quarter)."""
MAX_NAMED = 5
"""Items answered for one message: more is a wall of text, not an answer."""
_LONGEST = 160
"""No citation is longer: each is read in a window this wide, so a 100 000-character message costs one pass."""


class Reference(NamedTuple):
    document: str | None
    number: int


class LookupProblem(Exception):
    """The user's reference does not name an item; the message says so in Dutch."""


def parse_reference(text: str) -> Reference | None:
    """A reference when the whole text is one, else None (free text goes to the search engine)."""
    m = _REFERENCE.match(text)
    if m:
        return Reference(m.group("doc").lower() if m.group("doc") else None, int(m.group("num")))
    refs = _cited(_CITED[0].fullmatch(text) or _CITED[1].fullmatch(text))
    return refs[0] if len(refs) == 1 else None


def references_in(text: str) -> tuple[Reference, ...]:
    """The items a message names, in order: the whole message as a reference or a list ("53", "vragen 31 en
    32", "Kamerstuk 27 925, nr. 748, vragen 3 en 4"), else a citation in a sentence ("wat zegt vraag 3 van
    aanhangsel 1076?"), else the items a sentence names ("en wat zegt vraag 54?"). Empty for free text; more
    than `MAX_NAMED` is for the caller to refuse."""
    ref = parse_reference(text)
    if ref is not None:
        return (ref,)
    whole = _CITED[0].fullmatch(text) or _CITED[1].fullmatch(text)
    if whole:
        return _cited(whole)
    listed = _WHOLE_LIST.fullmatch(text)
    if listed:
        return tuple(Reference(None, n) for n in _numbers(listed.group("num")))
    for pattern, starts in zip(_CITED, _STARTS, strict=True):
        for start in (m.start() for m in starts.finditer(text)):
            found = pattern.match(text, start, start + _LONGEST)
            if found and _NAMED_DOCUMENT.search(found.group()):
                return _cited(found)
    numbers = dict.fromkeys(n for m in _ASKED.finditer(text) for n in _numbers(m.group("num")))
    return tuple(Reference(None, n) for n in numbers)


def _cited(m: re.Match[str] | None) -> tuple[Reference, ...]:
    if m is None:
        return ()
    document = _document_name(m)
    return tuple(Reference(document, n) for n in _numbers(m.group("num")))


def _numbers(listed: str) -> list[int]:
    """ "31, 32 en 34" → [31, 32, 34]; "31-33", "31 t/m 33" → [31, 32, 33]. A range stops one past
    `MAX_NAMED`: "vragen 1-69" is refused whole, never built."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|&|\ben\b)\s*", listed.strip()):
        ends = [int(n) for n in re.split(r"\s*(?:t/m|tot\s+en\s+met|[-–])\s*", part) if n]
        if len(ends) == 2 and ends[0] < ends[1]:
            ends = list(range(ends[0], min(ends[1], ends[0] + MAX_NAMED) + 1))
        numbers += ends
    return list(dict.fromkeys(numbers))


def _document_name(m: re.Match[str]) -> str:
    """The id a citation spells out when it can ("kst-27925-748", "ah-tk-20232024-1076"), else what was typed
    ("1076"), which `document_for` matches against the loaded documents."""
    if m.group("kst"):
        dossier = re.sub(r"[ .]", "", m.group("dossier")).lower()
        return f"kst-{dossier}-{m.group('kstnr')}"
    if m.group("ahnr"):
        chamber = "ek" if (m.group("chamber") or "").lower() in ("i", "ek") else "tk"
        if m.group("y1"):
            first, second = m.group("y1"), m.group("y2")
            return f"ah-{chamber}-{first}{first[: 4 - len(second)]}{second}-{m.group('ahnr')}"
        return f"ah-{m.group('ahnr')}"
    return (m.group("id") or m.group("short")).lower()


def document_for(corpus: Corpus, name: str) -> str | None:
    """The document a person's name for it means: its id, or what they type for it ("27925-748", "1076",
    "27925 748"); None unless exactly one document fits."""
    if name in corpus.document_ids:
        return name
    kind = re.sub(r"\d.*", "", name)  # "ah-ek-…" never means a document of the Tweede Kamer
    ids = [doc_id for doc_id in corpus.document_ids if doc_id.startswith(kind)]
    digits = re.sub(r"\D+", "-", name).strip("-")
    fits = [doc_id for doc_id in ids if doc_id.endswith(f"-{digits}") or corpus.document(doc_id).number == digits]
    if not fits and "-" in digits:  # "27 925 748": the spaces may be in the dossier number or between it and nr.
        bare = digits.replace("-", "")
        fits = [doc_id for doc_id in ids if re.sub(r"\D", "", doc_id).endswith(bare)]
    return fits[0] if len(fits) == 1 else None


def needs_document(corpus: Corpus, ref: Reference, *, document: str | None = None) -> bool:
    """A bare number while several documents are loaded and none is the default: which one is meant cannot
    be guessed."""
    return ref.document is None and document is None and corpus.default_document is None


def resolve(corpus: Corpus, ref: Reference, *, document: str | None = None) -> ItemKey:
    """The item a reference names. With several documents loaded a bare number needs a document."""
    if needs_document(corpus, ref, document=document):
        raise LookupProblem(messages.document_needed(corpus.document_ids))
    doc_id = ref.document or document or corpus.default_document
    if doc_id is None:
        doc_id = corpus.document_ids[0]
    if doc_id not in corpus.document_ids:
        found = document_for(corpus, doc_id)
        if found is None:
            raise LookupProblem(messages.unknown_document(doc_id, corpus.document_ids))
        doc_id = found
    key = ItemKey(doc_id, ref.number)
    if key not in corpus:
        first, last = corpus.number_range(doc_id)
        raise LookupProblem(messages.unknown_item(ref.number, first, last))
    return key


def resolve_text(corpus: Corpus, text: str, *, document: str | None = None) -> ItemKey:
    """Like `resolve`, for text that must be a reference (`kamervraag show N`)."""
    ref = parse_reference(text)
    if ref is None:
        raise LookupProblem(messages.not_a_number(text.strip()))
    return resolve(corpus, ref, document=document)


def example_reference(corpus: Corpus) -> str:
    """What a tip can tell people to type: "53", or "kst-…:53" when a bare number would be ambiguous."""
    doc_id = corpus.default_document or corpus.document_ids[0]
    first, last = corpus.number_range(doc_id)
    number = 53 if ItemKey(doc_id, 53) in corpus else first
    return str(number) if corpus.default_document is not None else f"{doc_id}:{number}"
