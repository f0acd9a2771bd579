"""Fifteen documents for people: bare numbers, the short forms people type, the list of documents, and an
answer that names its document."""

from __future__ import annotations

import json

import pytest

from bot import messages
from bot.corpus import Corpus, ItemKey, load_corpus
from bot.corpus.lookup import MAX_NAMED, LookupProblem, Reference, parse_reference, references_in, resolve
from bot.corpus.models import Item
from tests.corpus.corpus_support import Cli


@pytest.fixture(scope="module")
def packaged() -> Corpus:
    return load_corpus()


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("53", ("kst-27925-748", 53)),
        ("vraag 53", ("kst-27925-748", 53)),
        ("ah-tk-20232024-1076:2", ("ah-tk-20232024-1076", 2)),
        ("1076 vraag 2", ("ah-tk-20232024-1076", 2)),
        ("aanhangsel 1076 vraag 2", ("ah-tk-20232024-1076", 2)),
        ("Aanhangsel 1076, vraag 2?", ("ah-tk-20232024-1076", 2)),
        ("1076:2", ("ah-tk-20232024-1076", 2)),
        ("27925-748:53", ("kst-27925-748", 53)),
        ("kamerstuk 27925-748 vraag 53", ("kst-27925-748", 53)),
        # the official citations, as an answer, a letter or a motion prints them
        ("Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53", ("kst-27925-748", 53)),
        ("Kamerstukken II 2020/21, 27 925, nr. 748, vraag 7", ("kst-27925-748", 7)),
        ("kst-27925-748 vraag 53", ("kst-27925-748", 53)),
        ("27 925 748 vraag 5", ("kst-27925-748", 5)),
        ("Aanhangsel Handelingen II 2023–2024, nr. 1076, vraag 2", ("ah-tk-20232024-1076", 2)),
        ("Aanhangsel van de Handelingen, vergaderjaar 2023-2024, nr. 1076, vraag 3", ("ah-tk-20232024-1076", 3)),
        ("Ah-TK 2023/24, 1076, vraag 1", ("ah-tk-20232024-1076", 1)),
        ("ah-tk-20232024-1076 vraag 3", ("ah-tk-20232024-1076", 3)),
        # the question first
        ("vraag 2 van aanhangsel 1076", ("ah-tk-20232024-1076", 2)),
        ("Vraag 5 uit Kamerstuk 27 925, nr. 748?", ("kst-27925-748", 5)),
    ],
)
def test_what_people_type_reaches_the_item(packaged: Corpus, typed: str, key: tuple[str, int]) -> None:
    ref = parse_reference(typed)
    assert ref is not None and resolve(packaged, ref) == ItemKey(*key)


def test_an_unknown_document_is_named_in_dutch(packaged: Corpus) -> None:
    ref = parse_reference("9999 vraag 2")
    assert ref is not None
    with pytest.raises(LookupProblem, match="Document '9999' is onbekend"):
        resolve(packaged, ref)


def test_every_citation_the_bot_prints_leads_back_to_its_item(packaged: Corpus) -> None:
    for key, _ in packaged:
        ref = parse_reference(packaged.citation(key))
        assert ref is not None and resolve(packaged, ref) == key, packaged.citation(key)


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("Kamerstuk 36 410, nr. 12, vraag 3", "kst-36410-12"),
        ("Aanhangsel Handelingen II 2019–2020, nr. 1076, vraag 2", "ah-tk-20192020-1076"),
        # the Eerste Kamer's written questions are other documents than the Tweede Kamer's of the same number
        ("Aanhangsel Handelingen I 2023–2024, nr. 1076, vraag 2", "ah-ek-20232024-1076"),
    ],
)
def test_a_cited_document_that_is_not_loaded_is_named_not_guessed(packaged: Corpus, typed: str, named: str) -> None:
    ref = parse_reference(typed)
    assert ref is not None
    with pytest.raises(LookupProblem, match=f"Document '{named}' is onbekend"):
        resolve(packaged, ref)


@pytest.mark.parametrize(
    "typed",
    [
        "Hoeveel troepen trekt de VS in 2021 terug?",
        "wat zei het kabinet in 2020 over vraag 3 en 4",
        "vraag 3 over Irak",
    ],
)
def test_a_question_with_numbers_in_it_is_no_reference(typed: str) -> None:
    assert parse_reference(typed) is None


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        # a sentence naming one item, with or without its document
        ("Wat zegt vraag 54 daarover?", [("kst-27925-748", 54)]),
        ("wat zegt vraag 3 van aanhangsel 1076 hierover?", [("ah-tk-20232024-1076", 3)]),
        ("Zie Kamerstuk 27 925, nr. 748, vraag 53.", [("kst-27925-748", 53)]),
        ("wat stond er in 2020 in vraag 3 van 2021?", [("kst-27925-748", 3)]),  # a year is no document
        # several items: a list, a range, two mentions, with their document before or after
        ("vragen 31 en 32", [("kst-27925-748", 31), ("kst-27925-748", 32)]),
        ("31 en 32?", [("kst-27925-748", 31), ("kst-27925-748", 32)]),
        ("vragen 31, 32 en 34", [("kst-27925-748", n) for n in (31, 32, 34)]),
        ("Vragen 31-33", [("kst-27925-748", n) for n in (31, 32, 33)]),
        ("vraag 31 t/m 33", [("kst-27925-748", n) for n in (31, 32, 33)]),
        ("wat is het verschil tussen vraag 14 en vraag 12?", [("kst-27925-748", 14), ("kst-27925-748", 12)]),
        ("Kamerstuk 27 925, nr. 748, vragen 3 en 4", [("kst-27925-748", 3), ("kst-27925-748", 4)]),
        ("wat zeggen vragen 2 en 3 van aanhangsel 1076?", [("ah-tk-20232024-1076", 2), ("ah-tk-20232024-1076", 3)]),
        ("vraag 5 en vraag 5", [("kst-27925-748", 5)]),
    ],
)
def test_the_items_a_message_names_are_found_in_its_order(
    packaged: Corpus, typed: str, keys: list[tuple[str, int]]
) -> None:
    found = list(dict.fromkeys(resolve(packaged, ref) for ref in references_in(typed)))
    assert found == [ItemKey(*key) for key in keys]


@pytest.mark.parametrize(
    "typed",
    ["Hoeveel troepen trekt de VS in 2021 terug?", "Wat gebeurt er in Q3 2024 in Irak?", "kamervraag over Irak"],
)
def test_free_text_names_no_item(typed: str) -> None:
    assert references_in(typed) == ()


def test_a_range_is_never_built_beyond_what_is_refused() -> None:
    assert len(references_in("vragen 1 t/m 999999999")) == MAX_NAMED + 1
    assert references_in("vragen 7 en 3") == (Reference(None, 7), Reference(None, 3))


def test_several_items_are_each_answered_in_full_in_the_cli(cli: Cli, packaged: Corpus) -> None:
    code, out, _ = cli("ask", "wat zeggen vragen 31 en 32?")
    assert code == 0
    for number in (31, 32):
        item = packaged.item(ItemKey("kst-27925-748", number))
        assert " ".join(item.answer.split()) in " ".join(out.split())
        assert f"Kamerstuk 27 925, nr. 748 (2020–2021), vraag {number}" in out
    assert out.index("vraag 31 ·") < out.index("vraag 32 ·")
    code, out, _ = cli("ask", "vragen 31 en 32", "--json")
    found = json.loads(out)
    assert found["answered"] and [(r["number"], r["score"]) for r in found["results"][:2]] == [(31, 1.0), (32, 1.0)]


def test_too_many_items_at_once_get_a_dutch_reason(cli: Cli) -> None:
    code, _, err = cli("ask", "vragen 1 t/m 69")
    assert code == 2 and messages.too_many_named(MAX_NAMED) in err


def test_a_pasted_citation_is_answered_by_reference_in_the_cli(cli: Cli) -> None:
    code, out, _ = cli("ask", "Kamerstuk 27 925, nr. 748 (2020–2021), vraag 1", "--json")
    found = json.loads(out)
    assert code == 0 and found["answered"] and found["results"][0]["number"] == 1
    assert found["results"][0]["document"] == "kst-27925-748" and found["results"][0]["score"] == 1.0


def test_the_default_document_comes_from_the_setting(packaged: Corpus) -> None:
    other = packaged.with_default("ah-tk-20232024-1076")
    ref = parse_reference("2")
    assert ref is not None and resolve(other, ref) == ItemKey("ah-tk-20232024-1076", 2)
    assert other.document_ids[0] == "ah-tk-20232024-1076"


def test_list_documents_shows_fifteen_with_kind_title_askers_answerers_date_and_count(cli: Cli) -> None:
    code, out, err = cli("list", "--documents")
    lines = out.splitlines()
    assert (code, err, len(lines)) == (0, "", 15)
    assert lines[0].startswith("kst-27925-748 · Lijst van vragen en antwoorden · Bestrijding internationaal terrorisme")
    assert lines[0].endswith("· 27 oktober 2020 · 69 vragen")
    (line,) = [line for line in lines if line.startswith("ah-tk-20232024-1984 ")]
    assert "· Aanhangsel van de Handelingen · Vragen van het lid Van Eijk en Aartsen (beiden VVD)" in line
    assert "gesteld door Van Eijk, Aartsen · beantwoord door Staatssecretaris Van Rij" in line
    assert line.endswith("· 14 juni 2024 · 11 vragen")


def test_list_documents_json_one_object_per_document(cli: Cli) -> None:
    code, out, _ = cli("list", "--documents", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 15
    assert all({"id", "type", "title", "session_year", "number", "items"} <= set(row) for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert by_id["ah-tk-20232024-1314"]["items"] == 6 and by_id["ah-tk-20232024-1314"]["asked_by"] == [
        "Mutluer",
        "Kostić",
    ]
    assert sum(row["items"] for row in rows) == 181


def test_an_answer_names_its_document_by_askers_subject_minister_and_date(cli: Cli) -> None:
    code, out, _ = cli("show", "1076 vraag 4")
    flat = " ".join(out.split())
    assert code == 0 and "Aanhangsel Handelingen II 2023–2024, nr. 1076, vraag 4" in flat
    assert (
        "Vragen van Van Haga (Groep Van Haga) over het afgelasten van diverse Sinterklaasintochten; "
        "antwoord van Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties), 20 februari 2024"
    ) in flat


def test_an_item_answered_by_letter_says_so_and_names_the_letter(packaged: Corpus) -> None:
    from bot.answer import build_view
    from bot.render import text

    source = packaged.corpus_document("ah-tk-20232024-1292")
    letter = "De vragen zijn beantwoord bij brief van 1 april 2024 (Kamerstuk 19 637, nr. 3200)."
    items = tuple(
        Item(number=i.number, question=i.question, answer=letter, answered_by_letter="Kamerstuk 19 637, nr. 3200")
        for i in source.questions
    )
    corpus = Corpus([source.model_copy(update={"questions": items})])
    shown = text.answer(build_view(corpus, ItemKey("ah-tk-20232024-1292", 2), ()))
    assert messages.answered_by_letter("Kamerstuk 19 637, nr. 3200") in shown and letter in shown
