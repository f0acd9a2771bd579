"""`/kamervraag …` end to end: signed request → real HTTP server → Bolt → fake Slack's response_url."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import messages
from bot.corpus import Corpus
from bot.search import Engine
from tests.slack.driver import BotFactory, SlackDriver
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.slack_support import FixedEngine, all_text, key, shows_answer


def test_number_posts_the_answer_in_the_channel(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    result, url = bot.command("53")
    assert result.status == 200 and result.body == ""  # acknowledged at once, the answer comes separately
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.path == url.removeprefix(fake.url)
    assert call.params["response_type"] == "in_channel"
    assert shows_answer(call, corpus, 53)
    assert messages.citation(dossier="27 925", number="748", session_year="2020–2021", item=53) in all_text(call)


def test_vraag_number_works_too(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.command("vraag 12")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(call, corpus, 12)


def test_two_numbers_post_both_answers_in_the_channel(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.command("31 en 32")
    first, second = fake.wait_for(2, method=RESPONSE_URL)
    assert first.params["response_type"] == second.params["response_type"] == "in_channel"
    assert shows_answer(first, corpus, 31) and shows_answer(second, corpus, 32)


def test_visibility_setting_makes_answers_private(make_bot: BotFactory, fake: FakeSlack, corpus: Corpus) -> None:
    bot = make_bot(KAMERVRAAG_ANSWER_VISIBILITY="ephemeral")
    bot.command("53")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "ephemeral"
    assert shows_answer(call, corpus, 53)


def test_free_text_posts_the_best_match_with_the_query(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus, engine: Engine
) -> None:
    query = corpus.item(key(corpus, 53)).question
    outcome = engine.ask(query)
    assert outcome.answered and outcome.best is not None  # the engine's call, not the Slack layer's
    bot.command(query)
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "in_channel"
    assert shows_answer(call, corpus, outcome.best.key.number)
    assert any(t.startswith("Beste match voor:") for t in call.block_texts())


def test_free_text_without_a_good_answer_declines_privately_with_buttons(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=None, candidates=(12, 50, 65)))
    bot.command("iets waar geen antwoord op is")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "ephemeral"
    assert call.params["text"] == messages.DECLINE
    assert [b["value"] for b in call.buttons()] == [f"{key(corpus, n).document}:{n}" for n in (12, 50, 65)]
    assert all(b["text"]["text"].startswith(f"Vraag {n} – ") for b, n in zip(call.buttons(), (12, 50, 65), strict=True))
    assert all(len(b["text"]["text"]) <= 75 for b in call.buttons())


def test_close_runner_ups_show_as_lijkt_ook_op(make_bot: BotFactory, fake: FakeSlack, corpus: Corpus) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, also=(7, 8)))
    bot.command("dreigingsniveau")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(call, corpus, 53)
    assert "Lijkt ook op:" in call.block_texts()
    labels = [b["text"]["text"] for b in call.buttons()][:2]
    for label, n in zip(labels, (7, 8), strict=True):  # each button names its item and its topic
        assert label.startswith(f"Vraag {n} – {corpus.item(key(corpus, n)).question[:20]}")
        assert len(label) <= 75


def test_empty_and_help_show_usage_privately(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.command("")
    bot.command("help")
    calls = fake.wait_for(2, method=RESPONSE_URL)
    for call in calls:
        assert call.params["response_type"] == "ephemeral"
        (section,) = call.block_texts()
        lines = section.split("\n")
        assert len(lines) == 3
        assert f"{len(corpus)} vragen" in lines[0] and "Kamerstuk 27 925, nr. 748" in lines[0]
        assert "/kamervraag 53" in lines[1]
        assert "@kamervraag" in lines[2]


def test_unknown_number_gives_the_valid_range_privately(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    first, last = corpus.number_range(corpus.document_ids[0])
    bot.command(str(last + 30))
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "ephemeral"
    assert call.params["text"] == messages.unknown_item(last + 30, first, last)


def test_with_two_documents_a_bare_number_asks_for_a_document_in_slack_words(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    first = corpus.corpus_document(corpus.document_ids[0])
    one = first.document.model_copy(update={"id": "kst-27925-747", "number": "747"})
    other = first.document.model_copy(update={"id": "kst-27925-749", "number": "749"})
    documents = [first.model_copy(update={"document": one}), first.model_copy(update={"document": other})]
    bot = make_bot(corpus_=Corpus(documents))  # neither is the default document
    bot.command("53")
    (hint,) = fake.wait_for(1, method=RESPONSE_URL)
    assert hint.params["response_type"] == "ephemeral"
    assert hint.params["text"] == messages.slack_document_needed(["kst-27925-747", "kst-27925-749"], 53)
    assert "/kamervraag kst-27925-747:53" in hint.params["text"] and "--document" not in hint.params["text"]
    bot.command("kst-27925-749:53")  # what the hint suggests, for the other document
    answer = fake.wait_for(2, method=RESPONSE_URL)[1]
    assert shows_answer(answer, corpus, 53) and "Kamerstuk 27 925, nr. 749 (2020–2021), vraag 53" in all_text(answer)


def test_query_text_is_escaped_so_channel_notifies_nobody(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53))
    bot.command("dreiging &lt;!channel&gt; &amp; &lt;@U999&gt;")  # as Slack sends "<!channel> & <@U999>"
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    text = all_text(call)
    assert "<!channel>" not in text and "<@U999>" not in text
    echo = "Beste match voor: “dreiging &lt;!channel&gt; &amp; &lt;@U999&gt;”"
    assert any(t.startswith(echo) for t in call.block_texts())


def test_show_slack_prints_exactly_what_the_command_posts(bot: SlackDriver, fake: FakeSlack, tmp_path: Path) -> None:
    bot.command("53")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    printed = subprocess.run(
        [sys.executable, "-m", "bot", "show", "53", "--slack"],
        cwd=tmp_path,  # no .env of the developer
        env={k: v for k, v in os.environ.items() if not k.startswith("KAMERVRAAG_")},  # the default corpus, as the bot
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # The one difference: the bot's 👍/👎 buttons carry the answer log's id of this answer ("…:53#<id>").
    posted = json.dumps({"text": call.params["text"], "blocks": call.blocks})
    ids = re.findall(r'"value": "kst-27925-748:53#([0-9a-f]{32})"', posted)
    assert len(ids) == 2 and ids[0] == ids[1]
    assert json.loads(printed.stdout) == json.loads(posted.replace("#" + ids[0], ""))


def test_documenten_lists_every_document_privately(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.command("documenten")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "ephemeral"
    texts = call.block_texts()
    assert texts[0] == messages.documents_header() and len(texts) == len(corpus.document_ids) + 1
    assert texts[1].startswith("kst-27925-748 · Lijst van vragen en antwoorden")
    assert any(t.startswith("ah-tk-20232024-1076 · Aanhangsel van de Handelingen") for t in texts)


@pytest.mark.parametrize(
    "typed",
    [
        "aanhangsel 1076 vraag 2",
        "Aanhangsel Handelingen II 2023/24, nr. 1076, vraag 2",
        "wat zegt vraag 2 van aanhangsel 1076 hierover?",
    ],
)
def test_short_form_or_citation_of_a_written_question_is_answered(
    bot: SlackDriver, fake: FakeSlack, typed: str
) -> None:
    bot.command(typed)
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    text = all_text(call)
    assert "Aanhangsel Handelingen II 2023–2024, nr. 1076, vraag 2" in text
    assert "Vragen van Van Haga (Groep Van Haga) over het afgelasten van diverse Sinterklaasintochten" in text
