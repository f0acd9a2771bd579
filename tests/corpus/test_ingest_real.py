"""Exact checks of the ingest of Kamerstuk 27 925, nr. 748 against the printed text."""

from __future__ import annotations

import re

from bot.corpus import CorpusDocument, Footnote, Item

ANSWER_44 = (
    "Er zijn thans geen aanwijzingen dat ISIS door een land wordt gesteund. ISIS genereert met criminele "
    "activiteiten financiële armslag om haar ondergrondse strijd te kunnen bekostigen. Munitie en "
    "grondstoffen worden via smokkel en andere illegale activiteiten verkregen. De Iraakse ISIS-netwerken "
    "worden deels vanuit Syrië voorzien van middelen, waaronder wapens, munitie en grondstoffen voor "
    "geïmproviseerde explosieven. Ook worden netwerken in Irak versterkt met strijders uit Syrië."
)
FOOTNOTE_1 = (
    "The Rise and Fall of IS, The Hague Centre for Strategic Studies: "
    "https://hcss.nl/sites/default/files/files/reports/The%20Rise%20and%20Fall%20of%20ISIS.pdf"
)
FOOTNOTE_2 = (
    "Bron: Edith Lederer «UN over 10.000 Islamic State fighters active in Iraq, Syria», Associated Press 25 August 2020"
)


def test_sixty_nine_items_numbered_in_order(ingested: CorpusDocument) -> None:
    assert [item.number for item in ingested.questions] == list(range(1, 70))


def test_document_comes_from_the_meta(ingested: CorpusDocument) -> None:
    doc = ingested.document
    assert (doc.id, doc.dossier, doc.number, doc.session_year) == ("kst-27925-748", "27 925", "748", "2020–2021")
    assert str(doc.date) == "2020-10-27"


def test_answer_44_is_whole_and_without_the_footnote_printed_inside_it(items: dict[int, Item]) -> None:
    assert items[44].answer == ANSWER_44
    assert items[44].footnotes == ()


def test_footnote_2_belongs_to_43_which_carries_its_marker(items: dict[int, Item]) -> None:
    assert items[43].footnotes == (Footnote(number=2, text=FOOTNOTE_2, field="answer", offset=114),)
    assert items[43].answer.endswith(
        "Volgens recente VN-inschattingen betreft het zelfs meer dan 10.000 actieve strijders."
    )


def test_footnote_1_belongs_to_21_with_its_address_joined(items: dict[int, Item]) -> None:
    assert items[21].footnotes == (Footnote(number=1, text=FOOTNOTE_1, field="answer", offset=218),)
    assert "Center for Strategic Studies heeft ISIS" in items[21].answer


def test_footnote_markers_stand_right_after_the_word_they_follow_in_print(items: dict[int, Item]) -> None:
    # the printed text: "… Center for Strategic / Studies1 heeft ISIS …" and "… recente VN-inschattingen2 …"
    answer_21, answer_43 = items[21].answer, items[43].answer
    assert answer_21[:218].endswith("The Hague Center for Strategic Studies") and answer_21[218:].startswith(" heeft")
    assert answer_43[:114].endswith("Volgens recente VN-inschattingen") and answer_43[114:].startswith(" betreft")


def test_only_43_and_21_have_footnotes(items: dict[int, Item]) -> None:
    assert sorted(n for n, item in items.items() if item.footnotes) == [21, 43]


def test_20_and_21_are_answered_together(items: dict[int, Item]) -> None:
    assert items[20].joint_with == (21,)
    assert items[21].joint_with == (20,)
    assert items[21].answer.startswith("Antwoord op vragen 20 en 21: het kabinet ziet de aanvallen op het westen")
    assert items[20].answer == "Zie het antwoord op vraag 21."
    assert [n for n, item in items.items() if item.joint_with] == [20, 21]


def test_refers_to_of_every_item(items: dict[int, Item]) -> None:
    found = {n: item.refers_to for n, item in items.items() if item.refers_to}
    assert found == {
        14: (13,),
        20: (21,),
        45: (42,),
        46: (45,),
        50: (12,),
        52: (55, 57),
        55: (57,),
        59: (46,),
        61: (45,),
        62: (7, 8),
        65: (12,),
        68: (25,),
    }


def test_question_29_holds_three_question_sentences(items: dict[int, Item]) -> None:
    assert items[29].question == (
        "Zijn Nederlandse militairen in Irak op enig moment doelwit geweest van met Iran verbonden milities? "
        "Zo ja, hoe en hoe vaak? Hoe verhoudt de Iraakse regering zich tot deze milities?"
    )
    assert items[29].answer == "Nee, hier zijn geen gevallen van bekend."


def test_question_48_opens_with_a_statement(items: dict[int, Item]) -> None:
    assert items[48].question.startswith(
        "In het kader van operationele gereedheid zijn de negatieve effecten voor de krijgsmacht gering. Op welk vlak"
    )
    assert items[48].question.endswith("doordat het deze force protection eenheid inzet in de anti-IS-coalitie?")
    assert items[48].answer.startswith("De inzet van deze missie heeft geen effect op andere missies")


def test_last_item_answer_on_the_last_line(items: dict[int, Item]) -> None:
    assert items[69].answer == "Ja."


def test_question_numbers_at_page_starts_open_their_items(items: dict[int, Item]) -> None:
    # " 22", " 27", " 32", " 61", " 68" start with a space in the extract.
    assert items[22].question.startswith("Hoe verklaart u de kennelijke toename van aanvallen op Amerikaanse doelen")
    assert items[26].answer == "Nee."
    assert items[31].answer.endswith("tegen de betreffende basis in Jordanië.")
    assert items[60].answer.endswith("Inzet op sociale cohesie is een belangrijk onderdeel van het werk van UNDP.")
    assert items[67].answer.endswith("aanwezige personeel te beveiligen.")
    assert items[68].question.startswith("Is het gezien de heropleving van IS opportuun")


def test_footer_in_the_middle_of_answer_11_is_gone(items: dict[int, Item]) -> None:
    assert items[11].answer.endswith(
        "het moderniseren van de bankensector, ondersteuning van werk voor jongeren in de private sector en "
        "het vergroten van het sociale vangnet."
    )


def _all_text(items: dict[int, Item]) -> str:
    return "\n".join(f"{item.question}\n{item.answer}" for item in items.values())


def test_split_words_rejoined_beside_kept_hyphens(items: dict[int, Item]) -> None:
    words = set(re.findall(r"[\w’‘()-]+", _all_text(items)))
    for rejoined in ("uitgevoerd", "Islamitische", "coalitiepartner", "aanwezigheid", "middellange", "ondergronds"):
        assert rejoined in words, rejoined
    for kept in ("anti-ISIS-bombardementen", "anti-IS-bombardementen", "anti-IS-coalitie", "Noordoost-Syrië"):
        assert kept in words, kept
    assert "(pro-)Iraanse" in items[4].question
    assert "(pro-) Iraanse" in items[4].answer
    assert "Belgisch F-16-detachement" in items[54].answer
    assert "(PED-)capaciteit" in items[13].answer
    # The break after "(PED-)" was a space: no line break can fall inside "(PED-)capaciteit".
    assert "(PED-) capaciteit" in items[54].answer
    assert "‘wederopstanding’" in items[52].answer
    assert "Special Operations Forces" in items[30].answer


def test_page_start_fragments_join_their_line(items: dict[int, Item]) -> None:
    assert "burgerslachtoffers, wordt" in items[16].answer and "een coalitiepartner mogelijk" in items[16].answer
    assert "meest recente ronde van het Aqaba Proces" in items[39].answer
    assert "een legitiem doelwit. De hernieuwde" in items[53].answer
    assert "uit het hervestigingsgebied een garantie" in items[49].answer
    assert "te komen. Zodra daartoe aanleiding is" in items[54].answer


def _paragraph_counts(items: dict[int, Item]) -> dict[int, int]:
    return {n: item.answer.count("\n\n") + 1 for n, item in items.items() if "\n\n" in item.answer}


def test_paragraph_breaks_where_a_short_line_ends_a_sentence(items: dict[int, Item]) -> None:
    assert _paragraph_counts(items) == {12: 5, 53: 2, 54: 4, 60: 2}
    assert all("\n" not in item.question for item in items.values())
    assert items[12].answer.split("\n\n")[3] == (
        "De internationaalrechtelijke rechtsbasis voor inzet van de Belgische F-16s boven Syrië is het recht op "
        "collectieve zelfverdediging van Irak."
    )
    assert items[53].answer.split("\n\n")[1].startswith("Echter, net als bij eerdere missies")
    starts = ("Binnen de anti-ISIS", "Gedurende het resterende", "De Kamer is geïnformeerd", "Tenslotte is de Kamer")
    paragraphs = items[54].answer.split("\n\n")
    assert [p.startswith(start) for p, start in zip(paragraphs, starts, strict=True)] == [True] * 4


def test_odd_quote_characters_kept_as_printed(items: dict[int, Item]) -> None:
    assert "″gemarginaliseerde soennitische bevolking groep’’" in items[28].question
    assert "’force protection’" in items[32].question
