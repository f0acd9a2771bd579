"""System and parser errors reach users in Dutch, not in the English of strerror or the JSON parser."""

from __future__ import annotations

import errno
import socket

import pytest

from bot import messages


@pytest.mark.parametrize(
    ("exc", "dutch"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "bestand of map niet gevonden"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "dit is een map, geen bestand"),
        (PermissionError(errno.EACCES, "Permission denied"), "geen toegang"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "geen UTF-8-tekst"),
        (OSError(errno.ENOSPC, "No space left on device"), "de schijf is vol"),
        (OSError(errno.EIO, "Input/output error"), "systeemfout EIO"),
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "onbekend adres"),
        (OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address"), "dit adres hoort niet bij deze computer"),
    ],
)
def test_os_problem_is_dutch(exc: BaseException, dutch: str) -> None:
    assert messages.os_problem(exc) == dutch


def test_invalid_json_keeps_only_the_position() -> None:
    assert messages.invalid_json("trailing characters at line 2 column 1") == "geen geldige JSON (regel 2, kolom 1)"
    assert messages.invalid_json("EOF while parsing a value") == "geen geldige JSON"


def test_citation_uses_ordinary_spaces_and_an_en_dash() -> None:
    got = messages.citation(dossier="27\u00a0925", number="748", session_year="2020-2021", item=53)
    assert got == "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53"
