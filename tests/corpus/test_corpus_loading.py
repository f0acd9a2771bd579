"""A corpus is loaded whole or not at all: each defect gives one Dutch line naming the file, exit 2."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli_support import run_cli
from tests.corpus.corpus_support import CORPUS_FILE, Cli, corpus_data, write_json


def _without_answer_3(data: dict[str, Any]) -> None:
    del data["questions"][2]["answer"]


def _unknown_field(data: dict[str, Any]) -> None:
    data["questions"][2]["kleur"] = "rood"


def _duplicate_number(data: dict[str, Any]) -> None:
    data["questions"][3]["number"] = 3


def _empty_question(data: dict[str, Any]) -> None:
    data["questions"][4]["question"] = "  "


def _missing_reference(data: dict[str, Any]) -> None:
    data["questions"][4]["refers_to"] = [99]


def _refers_to_itself(data: dict[str, Any]) -> None:
    data["questions"][4]["joint_with"] = [5]


def _without_url(data: dict[str, Any]) -> None:
    del data["document"]["url"]


def _no_questions(data: dict[str, Any]) -> None:
    data["questions"] = []


def _number_as_text(data: dict[str, Any]) -> None:
    data["questions"][0]["number"] = "1"


def _number_zero(data: dict[str, Any]) -> None:
    data["questions"][0]["number"] = 0


def _date_as_written(data: dict[str, Any]) -> None:
    data["document"]["date"] = "27-10-2020"


def _id_with_slash(data: dict[str, Any]) -> None:
    data["document"]["id"] = "kst/27925"


def _document_null(data: dict[str, Any]) -> None:
    data["document"] = None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_without_answer_3, "verplicht veld 'questions[2] (vraag 3).answer' ontbreekt"),
        (_unknown_field, "onbekend veld 'questions[2] (vraag 3).kleur'"),
        (_duplicate_number, "vraagnummer 3 komt twee keer voor"),
        (_empty_question, "veld 'questions[4] (vraag 5).question' is leeg"),
        (_missing_reference, "vraag 5 verwijst naar vraag 99, die niet bestaat"),
        (_refers_to_itself, "vraag 5 verwijst naar zichzelf"),
        (_without_url, "verplicht veld 'document.url' ontbreekt"),
        (_no_questions, "veld 'questions' is leeg"),
        (_number_as_text, "veld 'questions[0] (vraag 1).number' is ongeldig (geen geheel getal)\n"),
        (_number_zero, "veld 'questions[0] (vraag 0).number' is ongeldig (moet minstens 1 zijn)\n"),
        (_date_as_written, "veld 'document.date' is ongeldig (geen datum zoals 2020-10-27)\n"),
        (
            _id_with_slash,
            "veld 'document.id' is ongeldig (alleen kleine letters, cijfers en streepjes, zoals kst-27925-748)\n",
        ),
        (_document_null, "veld 'document' is ongeldig (geen object)\n"),
    ],
)
def test_invalid_corpus_file_is_one_dutch_line(
    cli: Cli, tmp_path: Path, change: Callable[[dict[str, Any]], None], problem: str
) -> None:
    data = corpus_data()
    change(data)
    path = write_json(tmp_path / "kapot.json", data)
    code, out, err = cli("show", "1", "--corpus", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"Fout in corpus {path}: {problem}")
    assert err.count("\n") == 1


def test_bad_json(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "kapot.json"
    path.write_text('{"document": ', encoding="utf-8")
    code, _, err = cli("list", "--corpus", str(path))
    assert code == 2 and err.startswith(f"Fout in corpus {path}: geen geldige JSON (")


def test_empty_folder_and_missing_path(cli: Cli, tmp_path: Path) -> None:
    assert cli("show", "1", "--corpus", str(tmp_path)) == (
        2,
        "",
        f"Fout in corpus {tmp_path}: geen corpusbestanden (*.json) gevonden.\n",
    )
    missing = tmp_path / "weg"
    assert cli("show", "1", "--corpus", str(missing)) == (
        2,
        "",
        f"Fout in corpus {missing}: bestand of map niet gevonden.\n",
    )


def test_one_bad_file_in_a_folder_stops_the_whole_load(cli: Cli, tmp_path: Path) -> None:
    shutil.copy(CORPUS_FILE, tmp_path / "a.json")
    data = corpus_data()
    data["document"]["id"] = "kst-1-2"
    _duplicate_number(data)
    write_json(tmp_path / "b.json", data)
    code, out, err = cli("list", "--corpus", str(tmp_path))
    assert (code, out) == (2, "") and err.startswith(f"Fout in corpus {tmp_path / 'b.json'}: vraagnummer 3")


def test_cli_process_exits_2_on_a_bad_corpus(tmp_path: Path) -> None:
    path = tmp_path / "kapot.json"
    path.write_text("[]", encoding="utf-8")
    result = run_cli("show", "53", "--corpus", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Fout in corpus {path}: ") and "Traceback" not in result.stderr


def _marked_copy(folder: Path, answer: str) -> Path:
    """A copy of the corpus whose answer 53 says which copy was loaded."""
    folder.mkdir(exist_ok=True)
    data = corpus_data()
    data["questions"][52]["answer"] = answer
    return write_json(folder / "kst-27925-748.json", data)


@pytest.mark.parametrize("as_folder", [False, True], ids=["file", "folder"])
def test_corpus_option_and_environment_variable(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_folder: bool
) -> None:
    by_option = _marked_copy(tmp_path / "optie", "Antwoord uit --corpus.")
    by_env = _marked_copy(tmp_path / "omgeving", "Antwoord uit KAMERVRAAG_CORPUS.")
    monkeypatch.setenv("KAMERVRAAG_CORPUS", str(by_env.parent if as_folder else by_env))
    assert '"answer":"Antwoord uit KAMERVRAAG_CORPUS."' in cli("show", "53", "--json")[1]
    option = str(by_option.parent if as_folder else by_option)
    assert '"answer":"Antwoord uit --corpus."' in cli("show", "53", "--json", "--corpus", option)[1]


def test_environment_variable_in_a_real_process(tmp_path: Path) -> None:
    path = _marked_copy(tmp_path / "omgeving", "Antwoord uit KAMERVRAAG_CORPUS.")
    result = run_cli("show", "53", "--json", env={"KAMERVRAAG_CORPUS": str(path)})
    assert result.returncode == 0 and '"answer":"Antwoord uit KAMERVRAAG_CORPUS."' in result.stdout


def test_two_documents_need_a_document_for_a_bare_number(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(CORPUS_FILE, tmp_path / "kst-27925-748.json")
    other = corpus_data()
    other["document"] |= {"id": "kst-27925-749", "number": "749"}
    other["questions"][52]["answer"] = "Het andere document."
    write_json(tmp_path / "kst-27925-749.json", other)

    code, out, _ = cli("show", "53", "--json", "--corpus", str(tmp_path))  # the default document
    assert code == 0 and '"document":"kst-27925-748"' in out

    monkeypatch.setenv("KAMERVRAAG_DEFAULT_DOCUMENT", "kst-27925-749")
    code, out, err = cli("show", "53", "--corpus", str(tmp_path))
    assert code == 0 and "Het andere document." in out
    monkeypatch.delenv("KAMERVRAAG_DEFAULT_DOCUMENT")

    no_default = tmp_path / "no-default"
    no_default.mkdir()
    shutil.move(tmp_path / "kst-27925-749.json", no_default)
    write_json(no_default / "kst-27925-750.json", other | {"document": other["document"] | {"id": "kst-27925-750"}})
    code, out, err = cli("show", "53", "--corpus", str(no_default))
    assert (code, out) == (2, "")
    assert "--document" in err and "kst-27925-749" in err and "kst-27925-750" in err
    shutil.move(no_default / "kst-27925-749.json", tmp_path)

    code, out, _ = cli("show", "53", "--json", "--corpus", str(tmp_path), "--document", "kst-27925-749")
    assert code == 0 and '"answer":"Het andere document."' in out and '"document":"kst-27925-749"' in out
    assert "Kamerstuk 27 925, nr. 749 (2020–2021), vraag 53" in out

    code, out, _ = cli("show", "kst-27925-749:53", "--json", "--corpus", str(tmp_path))
    assert code == 0 and '"answer":"Het andere document."' in out

    code, out, _ = cli("list", "--json", "--corpus", str(tmp_path))
    assert code == 0 and len(out.splitlines()) == 138
