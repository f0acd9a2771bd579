"""The metadata of written questions, read from the heading every Aanhangsel publication prints:

    Vragen van het lid Van Haga (Groep Van Haga) aan de Ministers van Binnenlandse Zaken en
    Koninkrijksrelaties en van Justitie en Veiligheid over het afgelasten van diverse
    Sinterklaasintochten (ingezonden 20 november 2023).
    Antwoord van Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties) (ontvangen 20 februari
    2024). Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 594.

A Mededeling ("the questions were answered by letter") takes the place of "Antwoord van …".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}
_DATE = r"(\d{1,2})\s+([a-z]+)\s+(\d{4})"
_TITLE = re.compile(r"Vragen van .*?\(ingezonden\s+" + _DATE + r"\s*\)\.?", re.IGNORECASE | re.DOTALL)
_TITLE_WITHOUT_DATE = re.compile(r"Vragen van .*?(?=\s+(?:Antwoord|Mededeling) van\s)", re.DOTALL)
_ASKERS = re.compile(r"^Vragen van (?:het lid|de leden|lid|leden)\s+(?P<who>.*?\)),?\s*aan\s+(?P<rest>.*)$", re.DOTALL)
_ON_BEHALF = re.compile(r",?\s+mede\s+namens\s+(?:het\s+lid|de\s+leden)\s+", re.IGNORECASE)
"""`Dassen (Volt), mede namens het lid Sneller (D66), aan …`: the member named "mede namens" asks too."""
_ADDRESSED = re.compile(r"^(?:de|het)\s+(?P<to>.*?)\s+over\s+", re.DOTALL)
_ASKER_GROUP = re.compile(r"\s*(?:,|\ben\b)?\s*(?P<names>[^()]+?)\s*\((?P<party>[^()]*)\)")
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+en\s+")
_ANSWER = re.compile(
    r"(?P<kind>Antwoord|Mededeling) van\s+(?P<who>.*?)\s*\(ontvangen\s+" + _DATE + r"\s*\)\.?", re.DOTALL
)
_SEE_ALSO = re.compile(r"Zie ook\s+(?P<what>.*?)(?:(?<!\bnr)(?<!\bnrs)\.(?=\s|$)|$)", re.DOTALL)
_PERSON_SPLIT = re.compile(
    r"(?<=\))\s*(?:,\s*)?(?:(?:en|van)\s+)*(?=(?:Minister|Staatssecretaris|Minister-President)\b)", re.IGNORECASE
)
_OFFICE = r"(?:Minister-President|Ministers?|Staatssecretaris(?:sen)?)"
_OFFICE_SPLIT = re.compile(rf",?\s+en\s+(?:de\s+|het\s+)?(?={_OFFICE}\b)", re.IGNORECASE)
_PORTFOLIO_SPLIT = re.compile(r"\s+en\s+(?=(?:van|voor)\s)")
_PLURAL = {"ministers": "minister", "staatssecretarissen": "staatssecretaris"}
"""A plural office names one office per portfolio; the case stays as printed."""


@dataclass(frozen=True)
class Heading:
    title: str | None = None
    asked_by: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None
    addressed_to: tuple[str, ...] | None = None
    answered_by: tuple[str, ...] | None = None
    date_submitted: dt.date | None = None
    date: dt.date | None = None
    see_also: tuple[str, ...] | None = None
    mededeling: str | None = None
    """The text of a Mededeling printed in the heading (after "Mededeling van … (ontvangen …)")."""
    left_over: str | None = None
    """Text after "Antwoord van … (ontvangen …)." that is no "Zie ook …": nothing it could be read as."""


def _date(day: str, month: str, year: str) -> dt.date | None:
    number = _MONTHS.get(month.lower())
    try:
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def parse_heading(text: str) -> Heading:
    """Whatever of the metadata the heading states; None for what it does not."""
    text = " ".join(text.split())
    title_match = _TITLE.search(text) or _TITLE_WITHOUT_DATE.search(text)
    title = title_match.group(0).strip() if title_match else None
    submitted = _date(*title_match.groups()[:3]) if title_match and title_match.lastindex else None
    asked_by, parties, addressed = _askers(title) if title else (None, None, None)
    answer = _ANSWER.search(text)
    answered_by = _people(answer.group("who")) if answer else None
    received = _date(*answer.groups()[2:5]) if answer else None
    rest = text[answer.end() :] if answer else ""
    see_also = tuple(m.group("what").strip() for m in _SEE_ALSO.finditer(rest)) or None
    mededeling = left_over = None
    if answer and answer.group("kind") == "Mededeling":
        mededeling = _SEE_ALSO.sub("", rest).strip() or None
    elif answer:
        left_over = _SEE_ALSO.sub("", rest).strip() or None
    return Heading(
        title=title,
        asked_by=asked_by,
        parties=parties,
        addressed_to=addressed,
        answered_by=answered_by,
        date_submitted=submitted,
        date=received,
        see_also=see_also,
        mededeling=mededeling,
        left_over=left_over,
    )


def _askers(title: str) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...] | None]:
    """`Van Eijk en Aartsen (beiden VVD)` → (Van Eijk, Aartsen), (VVD, VVD): one party per member."""
    match = _ASKERS.match(title)
    if match is None:
        return None, None, None
    names: list[str] = []
    parties: list[str] = []
    for group in _ASKER_GROUP.finditer(_ON_BEHALF.sub(" en ", match.group("who"))):
        party = re.sub(r"^(?:beiden|allen|beide)\s+", "", group.group("party").strip())
        members = [name for name in _NAME_SPLIT.split(group.group("names").strip()) if name]
        names += members
        parties += [party] * len(members)
    addressed = _ADDRESSED.match(match.group("rest"))
    return (
        tuple(names) or None,
        tuple(parties) or None,
        _addressees(addressed.group("to")) if addressed else None,
    )


def _addressees(text: str) -> tuple[str, ...]:
    """`Ministers van BZK en van JenV` → (Minister van BZK, Minister van JenV); `Staatssecretaris en de Minister
    van VWS` → (Staatssecretaris van VWS, Minister van VWS)."""
    found: list[str] = []
    for part in _OFFICE_SPLIT.split(text):
        office, _, portfolio = part.partition(" ")
        plural = _PLURAL.get(office.lower())
        single = office if plural is None else office[0] + plural[1:]
        if plural is not None and portfolio:
            found += [f"{single} {p}" for p in _PORTFOLIO_SPLIT.split(portfolio)]
        else:
            found.append(f"{single} {portfolio}".strip())
    # "de Staatssecretaris en de Minister van VWS": an office without its portfolio shares the next one's
    for i in range(len(found) - 2, -1, -1):
        if " " not in found[i] and " " in found[i + 1]:
            found[i] = f"{found[i]} {found[i + 1].split(' ', 1)[1]}"
    return tuple(found)


def _people(text: str) -> tuple[str, ...]:
    """`Minister Bruins Slot (BZ) van Minister Schreinemacher (BHO)` → both; "mede namens …" stays attached."""
    return tuple(person.strip(" ,") for person in _PERSON_SPLIT.split(text) if person.strip(" ,"))
