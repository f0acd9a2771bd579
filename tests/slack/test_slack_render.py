"""Block Kit rendering: Slack's limits for every item, long answers split word for word, escaping."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import messages
from bot.answer import build_view
from bot.corpus import Corpus, CorpusDocument, Document, Footnote, Item, ItemKey
from bot.render.slack import (
    answer_messages,
    button_value,
    channel_answer_payload,
    decline_message,
    escape,
    help_message,
    split_text,
)
from bot.search import Engine
from bot.slack.text import unescape
from tests.slack.driver import BotFactory
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.slack_support import key

Payload = dict[str, Any]


def assert_within_limits(payload: Payload) -> None:
    blocks = payload["blocks"]
    assert payload["text"].strip()
    assert len(blocks) <= 50
    assert len(json.dumps(blocks)) <= 12000
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= 75
                assert len(element["value"]) <= 2000


def answer_sections(payloads: list[Payload]) -> list[str]:
    """The unescaped texts of the sections that are not the quoted question."""
    return [
        unescape(b["text"]["text"])
        for p in payloads
        for b in p["blocks"]
        if b["type"] == "section" and not b["text"]["text"].startswith((">", "*Antwoord op vraag"))
    ]


def long_document(answer: str) -> CorpusDocument:
    document = Document(
        id="kst-1-2",
        type="Lijst van vragen en antwoorden",
        dossier="1",
        number="2",
        session_year="2020–2021",
        url="https://zoek.officielebekendmakingen.nl/kst-1-2.html",
    )
    items = (
        Item(
            number=1,
            question="Wat staat er in dit lange antwoord?",
            answer=answer,
            footnotes=(Footnote(number=1, text="Zie <https://example.org|hier> & daar."),),
        ),
        Item(number=2, question="Een tweede vraag?", answer="Kort antwoord."),
    )
    return CorpusDocument(document=document, questions=items)


def synthetic_answer(chars: int = 20_000) -> str:
    words = [
        "Het",
        "kabinet",
        "&",
        "de",
        "Kamer",
        "<overleggen>",
        "over",
        "de",
        "inzet",
        "van",
        "F-16's",
        "in",
        "Irak",
        "en",
        "Syrië,",
        "zoals",
        "eerder",
        "gemeld.",
    ]
    paragraphs, paragraph, sentence, total = [], [], [], 0
    i = 0
    while total < chars:
        word = words[i % len(words)]
        i += 1
        sentence.append(word)
        total += len(word) + 1
        if len(sentence) >= 7 + i % 11:
            paragraph.append(" ".join(sentence).rstrip(".") + ".")
            sentence = []
        if len(paragraph) >= 40 + i % 13:  # some paragraphs far longer than one section
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    paragraphs.append(" ".join(paragraph + [" ".join(sentence) + "."]))
    return "\n\n".join(p for p in paragraphs if p.strip())


# --- every corpus item ---------------------------------------------------------------------------------
def test_every_corpus_item_fits_slacks_limits_and_keeps_every_word(corpus: Corpus, engine: Engine) -> None:
    for item_key, item in corpus:
        view = build_view(corpus, item_key, engine.related(item_key))
        payloads = answer_messages(view, query="een vraag <!here>", also=engine.related(item_key)[:2])
        for payload in payloads:
            assert_within_limits(payload)
        sections = answer_sections(payloads)
        expected = [item.answer, *(inc.answer for inc in view.included)]
        assert " ".join(sections).split() == " ".join(expected).split(), item_key
        first = payloads[0]["blocks"]
        assert [b["text"]["text"] for b in first if b["type"] == "header"] == [f"Vraag {item.number}"]
        assert any(
            view.citation in e["text"] for b in payloads[-1]["blocks"] if b["type"] == "context" for e in b["elements"]
        )
        assert "<!here>" not in json.dumps(payloads)


def test_the_citation_line_links_to_the_official_publication(corpus: Corpus) -> None:
    view = build_view(corpus, key(corpus, 53))
    payload = channel_answer_payload(view)
    contexts = [e["text"] for b in payload["blocks"] if b["type"] == "context" for e in b["elements"]]
    url = corpus.document(corpus.document_ids[0]).url
    assert any(t.startswith("Kamerstuk 27 925, nr. 748 (2020–2021), vraag 53 · ") and f"<{url}|" in t for t in contexts)


def button_values(payloads: list[Payload]) -> list[str]:
    return [e["value"] for p in payloads for b in p["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_no_button_for_an_answer_already_shown_in_full(corpus: Corpus, engine: Engine) -> None:
    pointer, target = key(corpus, 20), key(corpus, 21)
    assert target in engine.related(pointer)  # the engine relates them; the view shows 21 in full anyway
    view = build_view(corpus, pointer, engine.related(pointer))
    assert [inc.number for inc in view.included] == [21]
    values = button_values(answer_messages(view))
    assert values and button_value(target) not in values


def test_a_close_runner_up_gets_one_button_not_two(corpus: Corpus, engine: Engine) -> None:
    item = key(corpus, 53)
    related = engine.related(item)
    payloads = answer_messages(build_view(corpus, item, related), query="dreiging", also=related[:1])
    values = button_values(payloads)
    assert len(values) == len(set(values)) == len(related)
    assert values[0] == button_value(related[0])  # under "Lijkt ook op", first


def test_a_joint_answer_says_so_once(corpus: Corpus) -> None:
    """The note "Vragen 1 en 2 zijn samen beantwoord." only where the official text does not say it already."""
    said = json.dumps(channel_answer_payload(build_view(corpus, key(corpus, 21))), ensure_ascii=False)
    assert corpus.item(key(corpus, 21)).joint_with == (20,) and "Antwoord op vragen 20 en 21:" in said
    assert messages.joint_answer(21, (20,)) not in said

    document = long_document("Kort.").document
    items = (
        Item(number=1, question="Een?", answer="Het kabinet antwoordt beide.", joint_with=(2,)),
        Item(number=2, question="Twee?", answer="Zie het antwoord op vraag 1.", refers_to=(1,), joint_with=(1,)),
    )
    joint = Corpus([CorpusDocument(document=document, questions=items)])
    unsaid = json.dumps(channel_answer_payload(build_view(joint, ItemKey("kst-1-2", 1))), ensure_ascii=False)
    assert unsaid.count(messages.joint_answer(1, (2,))) == 1


# --- long answers -----------------------------------------------------------------------------------------
def test_a_20000_character_answer_is_split_into_several_messages_word_for_word() -> None:
    answer = synthetic_answer()
    assert len(answer) >= 20_000
    corpus = Corpus([long_document(answer)])
    view = build_view(corpus, ItemKey("kst-1-2", 1), [ItemKey("kst-1-2", 2)])
    payloads = answer_messages(view)
    assert len(payloads) >= 2
    for payload in payloads:
        assert_within_limits(payload)
    assert " ".join(answer_sections(payloads)).split() == answer.split()
    assert all(p["text"] for p in payloads)
    assert payloads[1]["blocks"][0]["type"] == "context"  # "Vraag 1 (vervolg, deel 2)"
    assert messages.continued(1, 2) in payloads[1]["blocks"][0]["elements"][0]["text"]
    last = json.dumps(payloads[-1])
    assert "Gerelateerd" in last and "kst-1-2:2" in last  # the buttons come after the whole answer
    assert "Zie &lt;https://example.org|hier&gt; &amp; daar." in last  # footnote, escaped


def test_a_long_answer_arrives_as_several_messages_over_http(make_bot: BotFactory, fake: FakeSlack) -> None:
    answer = synthetic_answer()
    corpus = Corpus([long_document(answer)])
    bot = make_bot(corpus_=corpus)
    bot.command("1")
    expected = len(
        answer_messages(build_view(corpus, ItemKey("kst-1-2", 1), Engine(corpus).related(ItemKey("kst-1-2", 1))))
    )
    calls = fake.wait_for(expected, method=RESPONSE_URL)
    assert expected >= 2 and len(calls) == expected
    payloads = [{"text": c.params["text"], "blocks": c.blocks} for c in calls]
    for payload in payloads:
        assert_within_limits(payload)
    assert " ".join(answer_sections(payloads)).split() == answer.split()
    assert all(c.params["response_type"] == "in_channel" for c in calls)


# --- splitting ------------------------------------------------------------------------------------------------
def test_split_prefers_paragraphs_then_sentences_then_words() -> None:
    para = "Eerste alinea. " * 10
    text = para.strip() + "\n\n" + "Tweede alinea. " * 10
    assert split_text(text, limit=len(para) + 5) == [para.strip(), ("Tweede alinea. " * 10).strip()]
    sentences = "Een zin hier. Nog een zin daar. En een derde zin."
    assert split_text(sentences, limit=35) == ["Een zin hier. Nog een zin daar.", "En een derde zin."]
    words = "woord " * 20
    chunks = split_text(words, limit=23)
    assert all(len(c) <= 23 for c in chunks) and " ".join(chunks).split() == words.split()


def test_split_counts_escaped_length() -> None:
    text = "a & b " * 100  # every & becomes &amp; in the section
    chunks = split_text(text, limit=100)
    assert all(len(escape(c)) <= 100 for c in chunks)
    assert " ".join(chunks).split() == text.split()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcëé&<>.!?", min_size=1, max_size=25).filter(lambda w: w.strip() == w and w),
        min_size=1,
        max_size=150,
    ),
    st.sampled_from([" ", "\n\n", ". "]),
    st.integers(min_value=125, max_value=600),  # every word fits (escaped, at most 5 × 30)
)
def test_split_never_cuts_or_changes_a_word(words: list[str], joiner: str, limit: int) -> None:
    text = joiner.join(words)
    chunks = split_text(text, limit=limit)
    assert " ".join(chunks).split() == text.split()
    assert all(len(escape(c)) <= limit for c in chunks)
    assert all(c == c.strip() and c for c in chunks)


# --- other messages -----------------------------------------------------------------------------------------------
def test_decline_has_buttons_within_limits(corpus: Corpus) -> None:
    candidates = [(key(corpus, n), corpus.item(key(corpus, n))) for n in (12, 50, 65)]
    payload = decline_message(candidates)
    assert_within_limits(payload)
    assert payload["text"] == messages.DECLINE
    texts = [e["text"]["text"] for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [t.split(" – ")[0] for t in texts] == ["Vraag 12", "Vraag 50", "Vraag 65"]
    assert "Tip: /kamervraag 53" in json.dumps(payload, ensure_ascii=False)


def test_help_has_three_lines(corpus: Corpus) -> None:
    payload = help_message(corpus)
    assert_within_limits(payload)
    (section,) = [b["text"]["text"] for b in payload["blocks"]]
    assert len(section.split("\n")) == 3
    assert f"{len(corpus)} vragen" in section and "Kamerstuk 27 925, nr. 748" in section


@pytest.mark.parametrize("query", ["<!channel>", "<!here> hoi", "<@U123>", "<https://evil.example|bank>", "a & b"])
def test_echoed_queries_are_escaped(corpus: Corpus, query: str) -> None:
    payload = answer_messages(build_view(corpus, key(corpus, 53)), query=query)[0]
    dumped = json.dumps(payload, ensure_ascii=False)
    assert query not in dumped
    assert escape(query) in dumped
    assert re.search(r"<[!@]", dumped) is None


def test_pointer_answers_show_the_answer_they_point_to_with_its_footnotes(corpus: Corpus) -> None:
    pointers = [(k, build_view(corpus, k)) for k, _ in corpus if build_view(corpus, k).included]
    assert pointers  # the corpus has answers such as "Zie het antwoord op vraag 13."
    for item_key, view in pointers:
        payload = channel_answer_payload(view)
        texts = [b["text"]["text"] for b in payload["blocks"] if b["type"] == "section"]
        for inc in view.included:
            label = f"*{messages.included_answer_label(inc.number)}*"
            assert label in texts, item_key
            assert texts[texts.index(label) + 1].startswith(escape(inc.answer[:40]))
            contexts = [e["text"] for b in payload["blocks"] if b["type"] == "context" for e in b["elements"]]
            for fn in inc.footnotes:
                assert any(escape(fn.text[:40]) in c for c in contexts)
