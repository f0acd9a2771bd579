"""Mentions, thread follow-ups and DMs end to end: events → real HTTP server → Bolt → fake Web API."""

from __future__ import annotations

from bot import messages
from bot.corpus import Corpus
from bot.corpus.lookup import MAX_NAMED
from bot.search import Engine
from tests.slack.driver import SlackDriver
from tests.slack.fake_slack import BOT_ID, BOT_USER_ID, RESPONSE_URL, FakeSlack
from tests.slack.payloads import CHANNEL, USER
from tests.slack.slack_support import all_text, shows_answer


def test_mention_answers_in_the_thread_of_the_message(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    event = bot.mention("53")
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["channel"] == CHANNEL
    assert call.params["thread_ts"] == event["ts"]
    assert shows_answer(call, corpus, 53)


def test_mention_inside_a_thread_answers_in_that_thread(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.mention("vraag 54", thread_ts="1690000000.000100")
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["thread_ts"] == "1690000000.000100"
    assert shows_answer(call, corpus, 54)


def test_a_mention_naming_two_items_answers_both_in_full_in_order_in_the_thread(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus
) -> None:
    event = bot.mention("wat zeggen vragen 31 en 32?")
    first, second = fake.wait_for(2, method="chat.postMessage")
    assert first.params["thread_ts"] == second.params["thread_ts"] == event["ts"]
    assert shows_answer(first, corpus, 31) and shows_answer(second, corpus, 32)


def test_a_command_naming_too_many_items_gets_a_dutch_reason(bot: SlackDriver, fake: FakeSlack) -> None:
    bot.command("vragen 1 t/m 69")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert messages.too_many_named(MAX_NAMED) in all_text(call)
    assert call.params["response_type"] == "ephemeral"


def test_mention_with_a_name_and_free_text(bot: SlackDriver, fake: FakeSlack, corpus: Corpus, engine: Engine) -> None:
    query = corpus.item(next(iter(corpus))[0]).question
    outcome = engine.ask(query)
    assert outcome.answered and outcome.best is not None  # an item's own question: the engine's call
    event = {
        "type": "app_mention",
        "user": USER,
        "text": f"<@{BOT_USER_ID}|kamervraag> {query}",
        "ts": bot.new_ts(),
        "channel": CHANNEL,
    }
    bot.event(event)
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["thread_ts"] == event["ts"]
    assert shows_answer(call, corpus, outcome.best.key.number)


def test_mention_without_a_good_answer_declines_in_the_thread(
    bot: SlackDriver, fake: FakeSlack, engine: Engine
) -> None:
    query = "Hoeveel doden vielen er onder Nederlandse militairen in Afghanistan?"
    outcome = engine.ask(query)
    assert not outcome.answered and outcome.candidates
    event = bot.mention(query)
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["thread_ts"] == event["ts"]
    assert call.params["text"] == messages.DECLINE
    assert call.buttons()


def test_nonsense_is_declined_without_pretending_to_have_candidates(
    bot: SlackDriver, fake: FakeSlack, engine: Engine
) -> None:
    assert not engine.ask("xylofoon kwartel pindakaas").candidates
    event = bot.mention("xylofoon kwartel pindakaas")
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["thread_ts"] == event["ts"]
    assert call.params["text"] == messages.DECLINE
    assert not call.buttons()


def test_empty_mention_gets_help_in_the_thread(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    event = bot.mention("")
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["thread_ts"] == event["ts"]
    assert f"{len(corpus)} vragen" in all_text(call)


def test_follow_up_in_the_bots_thread_needs_no_mention(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    bot.message("en 55?", thread_ts=first["ts"])
    calls = fake.wait_for(2, method="chat.postMessage")
    assert calls[1].params["thread_ts"] == first["ts"]
    assert shows_answer(calls[1], corpus, 55)
    assert not fake.calls_to("conversations.replies")  # remembered, Slack not asked


def test_follow_up_after_a_restart_asks_slack_whose_thread_it_is(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus
) -> None:
    thread = "1690000000.000500"
    fake.replies[(CHANNEL, thread)] = [
        {"ts": thread, "user": USER, "text": "iets"},
        {"ts": "1690000001.000100", "bot_id": BOT_ID, "user": BOT_USER_ID, "thread_ts": thread, "text": "Vraag 53"},
    ]
    bot.message("vraag 54", thread_ts=thread)
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["thread_ts"] == thread
    assert shows_answer(call, corpus, 54)
    (asked,) = fake.calls_to("conversations.replies")
    assert asked.params["channel"] == CHANNEL and asked.params["ts"] == thread


def test_questions_in_threads_without_the_bot_are_ignored(bot: SlackDriver, fake: FakeSlack) -> None:
    thread = "1690000000.000600"
    fake.replies[(CHANNEL, thread)] = [{"ts": thread, "user": USER, "text": "overleg"}]
    bot.message("vraag 54?", thread_ts=thread)
    bot.drain()
    assert not fake.calls_to("chat.postMessage")
    assert len(fake.calls_to("conversations.replies")) == 1


def test_chatter_in_the_bots_thread_is_ignored(bot: SlackDriver, fake: FakeSlack) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    bot.message("dank je, nuttig", thread_ts=first["ts"])
    bot.message("ik kijk er morgen naar", thread_ts=first["ts"])
    bot.message("<@U0COLLEGA> kun jij vraag 54 even checken?", thread_ts=first["ts"])  # meant for a colleague
    bot.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_top_level_channel_messages_are_ignored(bot: SlackDriver, fake: FakeSlack) -> None:
    bot.message("vraag 53?")
    bot.drain()
    assert not fake.calls_to("chat.postMessage")


def test_thread_reply_that_mentions_the_bot_is_answered_once(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    ts = bot.new_ts()
    text = f"<@{BOT_USER_ID}> en 55?"
    common = {"user": USER, "text": text, "ts": ts, "channel": CHANNEL, "thread_ts": first["ts"]}
    bot.event({"type": "message", "channel_type": "channel", **common})
    bot.event({"type": "app_mention", **common})
    bot.drain()
    calls = fake.calls_to("chat.postMessage")
    assert len(calls) == 2
    assert shows_answer(calls[1], corpus, 55)


def test_mention_arriving_as_both_events_is_answered_once(bot: SlackDriver, fake: FakeSlack) -> None:
    ts = bot.new_ts()
    common = {"user": USER, "text": f"<@{BOT_USER_ID}> 53", "ts": ts, "channel": CHANNEL}
    bot.event({"type": "app_mention", **common})
    bot.event({"type": "message", "channel_type": "channel", **common})
    bot.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_direct_message_is_answered_in_the_dm(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.message("53", channel="D0DIRECT", channel_type="im")
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert call.params["channel"] == "D0DIRECT"
    assert "thread_ts" not in call.params
    assert shows_answer(call, corpus, 53)


def test_other_bots_edits_and_deletions_get_no_reply(bot: SlackDriver, fake: FakeSlack) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    thread = first["ts"]
    bot.message("vraag 54?", thread_ts=thread, bot_id="B0OTHER", subtype="bot_message")
    bot.message("vraag 54?", thread_ts=thread, bot_id="B0OTHER")
    bot.message("vraag 54?", channel="D0DIRECT", channel_type="im", bot_id="B0OTHER")
    bot.message(
        "",
        thread_ts=thread,
        subtype="message_changed",
        message={"text": "vraag 54?", "user": USER, "ts": "1"},
    )
    bot.message("", thread_ts=thread, subtype="message_deleted", deleted_ts="1")
    bot.event(
        {
            "type": "app_mention",
            "user": "U0BOTUSER",
            "bot_id": "B0OTHER",
            "text": f"<@{BOT_USER_ID}> 53",
            "ts": bot.new_ts(),
            "channel": CHANNEL,
        }
    )
    bot.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_own_messages_are_ignored(bot: SlackDriver, fake: FakeSlack) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    bot.message("Vraag 53?", thread_ts=first["ts"], user=BOT_USER_ID, bot_id=BOT_ID)
    bot.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1
