"""`kamervraag show N` and `kamervraag list` on the packaged corpus, as contracts.md fixes them."""

from __future__ import annotations

import json

import pytest

from tests.corpus.corpus_support import Cli

FIELDS = {"number", "question", "answer", "refers_to", "joint_with", "footnotes", "document", "citation"}


def test_show_json_shape(cli: Cli) -> None:
    code, out, err = cli("show", "53", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert out == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact, one line, UTF-8
    assert set(data) == FIELDS
    assert data["number"] == 53 and data["document"] == "kst-27925-748"
    assert data["citation"] == "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53"
    assert data["question"].startswith("Is de hernieuwde Nederlandse inzet bij de anti-IS-bombardementen")
    assert data["answer"].startswith("Het actuele dreigingsniveau, zoals beschreven in het 52e dreigingsbeeld")
    assert (data["refers_to"], data["joint_with"], data["footnotes"]) == ([], [], [])


def test_show_json_of_an_item_with_footnote_and_joint_answer(cli: Cli) -> None:
    data = json.loads(cli("show", "21", "--json")[1])
    assert data["joint_with"] == [20]
    assert data["footnotes"][0]["number"] == 1 and data["footnotes"][0]["text"].startswith("The Rise and Fall of IS")
    assert json.loads(cli("show", "vraag 52", "--json")[1])["refers_to"] == [55, 57]


def test_show_text_has_the_answer_and_the_citation(cli: Cli) -> None:
    code, out, _ = cli("show", "14")
    assert code == 0
    assert "Hoe wordt de capaciteit van de TSC en PED ingezet voor" in out
    assert "Zie het antwoord op vraag 13." in out
    assert "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 14" in out


def test_show_text_of_a_pointer_answer_includes_the_answer_it_points_to_with_its_footnote(cli: Cli) -> None:
    code, out, _ = cli("show", "20", "--json")
    twenty = json.loads(out)
    twenty_one = json.loads(cli("show", "21", "--json")[1])
    assert twenty["refers_to"] == [21] and twenty_one["footnotes"]  # what this test stands on

    code, out, _ = cli("show", "20")
    assert code == 0
    assert "Zie het antwoord op vraag 21." in out and "Antwoord op vraag 21:" in out
    assert " ".join(twenty_one["answer"].split()) in " ".join(out.split())
    assert f"[1] {twenty_one['footnotes'][0]['text']}" in " ".join(out.split())


def test_list_json_gives_all_items_the_default_documents_69_first_in_order(cli: Cli) -> None:
    code, out, err = cli("list", "--json")
    assert (code, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len({(row["document"], row["number"]) for row in rows}) == len(rows) > 69
    assert [row["document"] for row in rows[:69]] == ["kst-27925-748"] * 69
    assert [row["number"] for row in rows[:69]] == list(range(1, 70))
    assert all(set(row) == FIELDS for row in rows)
    assert rows[43]["answer"].endswith("Ook worden netwerken in Irak versterkt met strijders uit Syrië.")
    assert rows[68]["citation"] == "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 69"


def test_list_text_one_line_per_item(cli: Cli) -> None:
    code, out, _ = cli("list")
    lines = out.splitlines()
    code_json, out_json, _ = cli("list", "--json")
    assert code == code_json == 0 and len(lines) == len(out_json.splitlines()) > 69
    assert "Kunnen de Nederlandse militairen zich op de militaire basis in Jordanië" in lines[68]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("0", "Vraag 0 bestaat niet; dit document heeft vragen 1 tot en met 69."),
        ("-1", "Vraag -1 bestaat niet; dit document heeft vragen 1 tot en met 69."),
        ("99", "Vraag 99 bestaat niet; dit document heeft vragen 1 tot en met 69."),
        ("abc", "'abc' is geen vraagnummer; geef een geheel getal, bijvoorbeeld 53."),
    ],
)
def test_show_rejects_what_is_not_an_item(cli: Cli, number: str, message: str) -> None:
    assert cli("show", number) == (2, "", message + "\n")
