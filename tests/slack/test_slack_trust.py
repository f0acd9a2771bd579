"""Issue 12 end to end over HTTP against the fake Slack: certainty, private until sure and sharing,
topics on buttons, referred answers, footnote markers, the message shortcut, App Home and threads."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from bot import messages
from bot.answer import build_view
from bot.certainty import Certainty
from bot.corpus import Corpus, CorpusDocument, Document, Footnote, Item, ItemKey
from bot.render import text
from bot.render.share import ACTION_OTHER_CANDIDATES, ACTION_SHARE, SharedAnswer
from bot.render.slack import ACTION_SHOW_MORE, ACTION_SHOW_PATTERN, answer_messages
from bot.search import Engine
from bot.slack.listeners.shortcuts import SHORTCUT_CALLBACK_ID
from tests.slack.driver import BotFactory, SlackDriver
from tests.slack.fake_slack import BOT_ID, BOT_USER_ID, RESPONSE_URL, Call, FakeSlack
from tests.slack.payloads import CHANNEL, USER, app_home_opened, button_click
from tests.slack.slack_support import FixedEngine, all_text, key, shows_answer

PRIVATE = {"type": "message", "message_ts": "1690000000.002000", "channel_id": CHANNEL, "is_ephemeral": True}


def button(call: Call, action_id: str) -> dict[str, object]:
    (found,) = [b for b in call.buttons() if b["action_id"] == action_id]
    return found


def certainty_of(call: Call) -> str | None:
    found = [m[1] for t in call.block_texts() if (m := re.search(r"Zekerheid: (\w+)", t))]
    return found[0] if found else None


# --- 1, 2: certainty, private until sure, sharing -----------------------------------------------------
def test_a_sure_free_text_answer_is_posted_in_the_channel_saying_so(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, score=0.9))
    bot.command("dreigingsniveau")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "in_channel"
    assert shows_answer(call, corpus, 53)
    assert certainty_of(call) == Certainty.SURE
    assert not [b for b in call.buttons() if b["action_id"] in (ACTION_SHARE, ACTION_OTHER_CANDIDATES)]


def test_an_unsure_free_text_answer_goes_only_to_the_asker_with_share_buttons(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, score=0.5))
    bot.command("dreigingsniveau")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "ephemeral"
    assert shows_answer(call, corpus, 53)
    assert certainty_of(call) == Certainty.LIKELY
    assert messages.private_until_sure() in call.block_texts()
    assert button(call, ACTION_SHARE)["text"] == {"type": "plain_text", "text": "Deel in kanaal", "emoji": False}
    assert button(call, ACTION_OTHER_CANDIDATES)["text"]["text"] == "Andere kandidaten"  # type: ignore[index]


def test_deel_in_kanaal_posts_the_same_answer_in_the_channel_naming_who_shared_it(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, score=0.5, also=(7,)))
    bot.command("dreigingsniveau")
    (private,) = fake.wait_for(1, method=RESPONSE_URL)
    url = bot.click(
        str(button(private, ACTION_SHARE)["value"]),
        container=PRIVATE,
        message=None,
        action_id=ACTION_SHARE,
        user="U0SHARER",
    )
    shared, deleted = fake.wait_for(3, method=RESPONSE_URL)[1:]
    assert shared.path == deleted.path == url.removeprefix(fake.url)
    assert shared.params["response_type"] == "in_channel" and shared.params["replace_original"] is False
    assert shows_answer(shared, corpus, 53)
    assert "Gedeeld door <@U0SHARER>" in shared.block_texts()
    assert certainty_of(shared) == Certainty.LIKELY  # the same answer: what was asked and how sure
    assert any(t.startswith("Beste match voor: “dreigingsniveau”") for t in shared.block_texts())
    assert [b["value"] for b in shared.buttons()][:1] == [f"{key(corpus, 7).document}:7"]  # "Lijkt ook op" kept
    assert not [b for b in shared.buttons() if b["action_id"] in (ACTION_SHARE, ACTION_OTHER_CANDIDATES)]
    assert messages.private_until_sure() not in shared.block_texts()
    assert deleted.params == {"delete_original": True}  # the private copy is gone


def _unsure_answer_to_share(make_bot: BotFactory, fake: FakeSlack, corpus: Corpus) -> tuple[SlackDriver, str]:
    """A bot that answered privately (unsure); its "Deel in kanaal" button's value."""
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, score=0.5))
    bot.command("dreigingsniveau")
    (private,) = fake.wait_for(1, method=RESPONSE_URL)
    return bot, str(button(private, ACTION_SHARE)["value"])


def test_a_double_click_on_deel_in_kanaal_shares_the_answer_once(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot, value = _unsure_answer_to_share(make_bot, fake, corpus)
    for _ in range(2):  # Slack delivers both clicks, each with its own response_url
        bot.click(value, container=PRIVATE, message=None, action_id=ACTION_SHARE)
    bot.drain()
    shared = [c for c in fake.calls_to(RESPONSE_URL) if c.params.get("response_type") == "in_channel"]
    assert len(shared) == 1 and shows_answer(shared[0], corpus, 53)
    assert [c.params for c in fake.calls_to(RESPONSE_URL)].count({"delete_original": True}) == 1


def test_the_same_answer_shared_from_two_private_messages_is_shared_twice(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot, value = _unsure_answer_to_share(make_bot, fake, corpus)
    bot.click(value, container=PRIVATE, message=None, action_id=ACTION_SHARE)
    bot.click(value, container={**PRIVATE, "message_ts": "1690000000.009000"}, message=None, action_id=ACTION_SHARE)
    bot.drain()
    shared = [c for c in fake.calls_to(RESPONSE_URL) if c.params.get("response_type") == "in_channel"]
    assert len(shared) == 2


def test_andere_kandidaten_lists_the_other_items_with_their_topics(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, score=0.5, also=(7, 8)))
    bot.command("dreigingsniveau")
    (private,) = fake.wait_for(1, method=RESPONSE_URL)
    value = str(button(private, ACTION_OTHER_CANDIDATES)["value"])
    bot.click(value, container=PRIVATE, message=None, action_id=ACTION_OTHER_CANDIDATES)
    listed = fake.wait_for(2, method=RESPONSE_URL)[1]
    assert listed.params["response_type"] == "ephemeral" and listed.params["replace_original"] is False
    assert [b["value"] for b in listed.buttons()] == [f"{key(corpus, n).document}:{n}" for n in (7, 8)]
    for b, n in zip(listed.buttons(), (7, 8), strict=True):
        assert b["text"]["text"].startswith(f"Vraag {n} – {corpus.item(key(corpus, n)).question[:15]}")


def test_a_number_and_the_visibility_setting_behave_as_before(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, score=0.9), KAMERVRAAG_ANSWER_VISIBILITY="ephemeral")
    bot.command("53")
    bot.command("dreigingsniveau")
    calls = fake.wait_for(2, method=RESPONSE_URL)  # answered in parallel: told apart by what they show
    (by_number,) = [c for c in calls if certainty_of(c) is None]
    (sure,) = [c for c in calls if c is not by_number]
    assert by_number.params["response_type"] == sure.params["response_type"] == "ephemeral"
    assert shows_answer(by_number, corpus, 53) and not [
        b for b in by_number.buttons() if b["action_id"] == ACTION_SHARE
    ]
    assert certainty_of(sure) == Certainty.SURE


def test_an_unsure_mention_goes_privately_in_the_thread_and_is_shared_there(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=53, score=0.5))
    event = bot.mention("wat is het dreigingsniveau?")
    (private,) = fake.wait_for(1, method="chat.postEphemeral")
    assert private.params["user"] == USER and private.params["thread_ts"] == event["ts"]
    assert shows_answer(private, corpus, 53)
    assert not fake.calls_to("chat.postMessage")
    container = {**PRIVATE, "thread_ts": event["ts"]}
    bot.click(str(button(private, ACTION_SHARE)["value"]), container=container, message=None, action_id=ACTION_SHARE)
    (shared,) = fake.wait_for(1, method="chat.postMessage")
    assert shared.params["channel"] == CHANNEL and shared.params["thread_ts"] == event["ts"]
    assert shows_answer(shared, corpus, 53) and f"Gedeeld door <@{USER}>" in shared.block_texts()
    (deleted,) = fake.wait_for(1, method=RESPONSE_URL)
    assert deleted.params == {"delete_original": True}


def test_a_forged_share_button_gets_a_dutch_note(bot: SlackDriver, fake: FakeSlack) -> None:
    bot.click("{niet van mij", container=PRIVATE, message=None, action_id=ACTION_SHARE)
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["text"] == messages.cannot_share()
    assert not fake.calls_to("chat.postMessage")


# --- 3: topics on every related item and candidate --------------------------------------------------------
def test_every_related_button_shows_the_topic_of_its_item(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.command("53")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    buttons = [b for b in call.buttons() if str(b["action_id"]).startswith("kamervraag_show")]  # not 👍/👎
    assert buttons
    for b in buttons:
        n = int(str(b["value"]).rpartition(":")[2])
        start = " ".join(corpus.item(key(corpus, n)).question.split())[:20]
        assert b["text"]["text"].startswith(f"Vraag {n} – {start}"), b
        assert len(b["text"]["text"]) <= 75


def test_more_than_five_related_items_go_into_an_overflow_menu(corpus: Corpus) -> None:
    related = [key(corpus, n) for n in (1, 2, 3, 4, 5, 6, 7)]
    blocks = answer_messages(build_view(corpus, key(corpus, 53), related))[0]["blocks"]
    (actions,) = [b for b in blocks if b["type"] == "actions"]
    buttons = [e for e in actions["elements"] if e["type"] == "button"]
    (overflow,) = [e for e in actions["elements"] if e["type"] == "overflow"]
    assert (
        len(buttons) == 5 and overflow["action_id"] == ACTION_SHOW_MORE and ACTION_SHOW_PATTERN.match(ACTION_SHOW_MORE)
    )
    assert [o["value"] for o in overflow["options"]] == [f"{key(corpus, n).document}:{n}" for n in (6, 7)]
    assert overflow["options"][0]["text"]["text"].startswith("Vraag 6 – ")


def test_choosing_from_the_overflow_menu_shows_that_item(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    url = fake.response_url().replace("/commands/", "/actions/")
    container = {"type": "message", "message_ts": "1690000000.003000", "channel_id": CHANNEL, "is_ephemeral": False}
    payload = button_click("", container=container, message={"ts": "1690000000.003000"}, response_url=url)
    chosen = {"value": f"{key(corpus, 6).document}:6", "text": {"type": "plain_text", "text": "Vraag 6"}}
    payload["actions"] = [
        {
            "type": "overflow",
            "action_id": ACTION_SHOW_MORE,
            "block_id": "b",
            "action_ts": "1",
            "selected_option": chosen,
        }
    ]
    bot.post(urlencode({"payload": json.dumps(payload)}), content_type="application/x-www-form-urlencoded")
    (call,) = fake.wait_for(1, method="chat.postMessage")
    assert shows_answer(call, corpus, 6)


# --- 4: referred answers ------------------------------------------------------------------------------------
def test_55_shows_the_figures_of_57(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    bot.command("55")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert shows_answer(call, corpus, 55)
    texts = call.block_texts()
    label = f"*{messages.included_answer_label(57)}*"
    assert label in texts
    after = texts[texts.index(label) + 1]
    assert "15–25" in after and "5–15 per week" in after


def test_a_long_referred_answer_shows_its_first_sentences_and_keeps_its_button(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus
) -> None:
    forty_two = corpus.item(key(corpus, 42)).answer
    assert len(forty_two) > 600 and 42 in corpus.item(key(corpus, 45)).refers_to  # what this test stands on
    bot.command("45")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    texts = call.block_texts()
    label = f"*{messages.referred_answer_start(42)}*"
    shown = texts[texts.index(label) + 1]
    assert forty_two.startswith(shown) and shown.endswith(".") and len(shown) < len(forty_two)
    assert messages.referred_answer_rest(42) in texts
    assert f"{key(corpus, 42).document}:42" in [b["value"] for b in call.buttons()]


# --- 5: footnote markers --------------------------------------------------------------------------------------
def marked_corpus() -> Corpus:
    document = Document(
        id="kst-9-9",
        type="Lijst van vragen en antwoorden",
        dossier="9",
        number="9",
        session_year="2020–2021",
        url="https://zoek.officielebekendmakingen.nl/kst-9-9.html",
    )
    question = "Wat zegt het rapport over de aanslagen?"
    answer = "Volgens het rapport daalde het aantal aanslagen. Het VN-panel bevestigt dat."
    items = (
        Item(
            number=1,
            question=question,
            answer=answer,
            footnotes=(
                Footnote(number=1, text="Rapport van het HCSS, 2020.", field="answer", offset=answer.index(" daalde")),
                Footnote(number=2, text="VN-panel, S/2020/717.", field="answer", offset=len(answer)),
                Footnote(number=3, text="Het rapport zelf.", field="question", offset=question.index(" over")),
            ),
        ),
        Item(
            number=2,
            question="Een tweede vraag?",
            answer="Kort antwoord.",
            footnotes=(Footnote(number=4, text="Zonder plaats."),),
        ),
    )
    return Corpus([CorpusDocument(document=document, questions=items)])


def test_footnote_markers_stand_where_the_official_text_has_them_and_match_their_notes(
    make_bot: BotFactory, fake: FakeSlack
) -> None:
    corpus = marked_corpus()
    bot = make_bot(corpus_=corpus)
    bot.command("1")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    texts = call.block_texts()
    assert "> Wat zegt het rapport³ over de aanslagen?" in texts
    assert "Volgens het rapport¹ daalde het aantal aanslagen. Het VN-panel bevestigt dat.²" in texts
    notes = [t for b in call.blocks if b["type"] == "context" for t in [e["text"] for e in b["elements"]]]
    assert {"¹ Rapport van het HCSS, 2020.", "² VN-panel, S/2020/717.", "³ Het rapport zelf."} <= set(notes)


def test_a_note_without_a_recorded_place_is_still_shown(make_bot: BotFactory, fake: FakeSlack) -> None:
    bot = make_bot(corpus_=marked_corpus())
    bot.command("2")
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert "Kort antwoord." in call.block_texts()  # the official words unchanged, no marker invented
    assert "⁴ Zonder plaats." in all_text(call)


def test_the_terminal_uses_bracketed_markers() -> None:
    corpus = marked_corpus()
    shown = text.answer(build_view(corpus, ItemKey("kst-9-9", 1)))
    assert "rapport[3] over" in shown and "rapport[1] daalde" in shown and "dat.[2]" in shown
    assert "[1] Rapport van het HCSS, 2020." in shown


# --- 7: the message shortcut --------------------------------------------------------------------------------
def test_the_shortcut_answers_a_message_privately_with_deel_in_thread(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus, engine: Engine
) -> None:
    question = corpus.item(key(corpus, 53)).question
    outcome = engine.ask(question)
    assert outcome.answered and outcome.best is not None
    message = {"ts": "1690000000.004000", "user": "U0COLLEGA", "text": question}
    url = bot.shortcut(SHORTCUT_CALLBACK_ID, message)
    (private,) = fake.wait_for(1, method=RESPONSE_URL)
    assert private.path == url.removeprefix(fake.url) and private.params["response_type"] == "ephemeral"
    assert shows_answer(private, corpus, outcome.best.key.number)
    assert button(private, ACTION_SHARE)["text"]["text"] == "Deel in thread"  # type: ignore[index]
    container = {**PRIVATE, "message_ts": "1690000000.004000"}
    bot.click(str(button(private, ACTION_SHARE)["value"]), container=container, message=None, action_id=ACTION_SHARE)
    (shared,) = fake.wait_for(1, method="chat.postMessage")
    assert shared.params["thread_ts"] == "1690000000.004000" and shared.params["channel"] == CHANNEL
    assert shows_answer(shared, corpus, outcome.best.key.number)


def test_the_shortcut_on_a_message_naming_two_items_offers_each_to_share(
    bot: SlackDriver, fake: FakeSlack, corpus: Corpus
) -> None:
    message = {"ts": "1690000000.004200", "user": "U0COLLEGA", "text": "Kunnen we vragen 31 en 32 citeren?"}
    bot.shortcut(SHORTCUT_CALLBACK_ID, message)
    first, second = fake.wait_for(2, method=RESPONSE_URL)
    assert first.params["response_type"] == second.params["response_type"] == "ephemeral"
    assert shows_answer(first, corpus, 31) and shows_answer(second, corpus, 32)
    container = {**PRIVATE, "message_ts": "1690000000.004200"}
    bot.click(str(button(second, ACTION_SHARE)["value"]), container=container, message=None, action_id=ACTION_SHARE)
    (shared,) = fake.wait_for(1, method="chat.postMessage")
    assert shared.params["thread_ts"] == "1690000000.004200" and shows_answer(shared, corpus, 32)


def test_the_shortcut_on_a_message_without_text_says_so(bot: SlackDriver, fake: FakeSlack) -> None:
    bot.shortcut(
        SHORTCUT_CALLBACK_ID, {"ts": "1690000000.004100", "user": "U0COLLEGA", "text": "", "files": [{"id": "F1"}]}
    )
    (call,) = fake.wait_for(1, method=RESPONSE_URL)
    assert call.params["response_type"] == "ephemeral" and call.params["text"] == messages.shortcut_no_text()


# --- 8: threads -------------------------------------------------------------------------------------------------
def test_a_decline_in_the_bots_thread_goes_only_to_the_asker(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=None))
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    bot.message("en hoe laat is het in Den Haag?", thread_ts=first["ts"], user="U0COLLEGA")
    (private,) = fake.wait_for(1, method="chat.postEphemeral")
    assert private.params["user"] == "U0COLLEGA" and private.params["thread_ts"] == first["ts"]
    assert private.params["text"] == messages.DECLINE
    bot.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_help_in_the_bots_thread_goes_only_to_the_asker(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    bot.mention("help", thread_ts=first["ts"])
    (private,) = fake.wait_for(1, method="chat.postEphemeral")
    assert private.params["thread_ts"] == first["ts"] and f"{len(corpus)} vragen" in all_text(private)
    bot.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_a_broadcast_follow_up_is_answered_like_any_other(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    bot.message("en 55?", thread_ts=first["ts"], subtype="thread_broadcast")
    calls = fake.wait_for(2, method="chat.postMessage")
    assert calls[1].params["thread_ts"] == first["ts"] and shows_answer(calls[1], corpus, 55)


def test_messages_with_files_are_read_by_their_text(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    first = bot.mention("53")
    fake.wait_for(1, method="chat.postMessage")
    files = [{"id": "F0NOTA", "name": "nota.pdf"}]
    bot.message("en vraag 54?", thread_ts=first["ts"], subtype="file_share", files=files)
    bot.message("57", channel="D0DIRECT", channel_type="im", subtype="file_share", files=files)
    calls = fake.wait_for(3, method="chat.postMessage")
    answered = {c.params["channel"]: c for c in calls[1:]}
    assert shows_answer(answered[CHANNEL], corpus, 54) and shows_answer(answered["D0DIRECT"], corpus, 57)


# --- 9: App Home ------------------------------------------------------------------------------------------------
def test_app_home_shows_documents_examples_that_work_and_admin_settings(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus, engine: Engine
) -> None:
    bot = make_bot(KAMERVRAAG_MIN_SCORE="0.3")
    bot.event(app_home_opened())
    (call,) = fake.wait_for(1, method="views.publish")
    assert call.params["user_id"] == USER and call.ok
    view = call.view
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = "\n".join(b["text"]["text"] for b in view["blocks"] if "text" in b) + "\n".join(
        e["text"] for b in view["blocks"] if b["type"] == "context" for e in b["elements"]
    )
    doc = corpus.documents[0].document
    count = len(corpus.documents[0].questions)
    assert doc.title is not None and doc.title in text and f"({count} vragen)" in text
    assert "/kamervraag 53:" in text
    question = re.search(r"• /kamervraag (.+?): het best passende", text)
    assert question, text
    outcome = engine.ask(question.group(1))  # the example in words really gets a sure answer
    assert outcome.answered and outcome.best is not None and outcome.best.score >= 0.8
    assert "KAMERVRAAG_MIN_SCORE = 0.3" in text and "KAMERVRAAG_ANSWER_VISIBILITY = in_channel" in text


def test_the_messages_tab_publishes_nothing(bot: SlackDriver, fake: FakeSlack) -> None:
    bot.event(app_home_opened(tab="messages"))
    bot.drain()
    assert not fake.calls_to("views.publish")


def test_the_seed_corpus_markers_match_their_notes(bot: SlackDriver, fake: FakeSlack, corpus: Corpus) -> None:
    for number in (21, 43):
        (note,) = corpus.item(key(corpus, number)).footnotes
        assert note.field == "answer" and note.offset is not None  # recorded by the ingest (issue 10)
        bot.command(str(number))
    calls = fake.wait_for(2, method=RESPONSE_URL)  # answered in parallel: matched by their header
    for number in (21, 43):
        (call,) = [c for c in calls if shows_answer(c, corpus, number)]
        (note,) = corpus.item(key(corpus, number)).footnotes
        answer = corpus.item(key(corpus, number)).answer
        mark = str(note.number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        word = answer[: note.offset].split()[-1]
        sections = " ".join(t for b in call.blocks if b["type"] == "section" for t in [b["text"]["text"]])
        assert f"{word}{mark} " in sections and sections.count(mark) == 1
        assert any(t.startswith(f"{mark} {note.text[:30]}") for t in all_text(call).splitlines())


def test_a_candidate_chosen_in_a_private_decline_stays_private_and_can_be_shared(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    bot = make_bot(engine_=FixedEngine(corpus, answer=None, candidates=(12, 50, 65)))
    bot.command("iets zonder antwoord")
    (decline,) = fake.wait_for(1, method=RESPONSE_URL)
    bot.click(str(decline.buttons()[0]["value"]), container=PRIVATE, message=None)
    chosen = fake.wait_for(2, method=RESPONSE_URL)[1]
    assert chosen.params["response_type"] == "ephemeral" and chosen.params["replace_original"] is True
    assert shows_answer(chosen, corpus, 12)
    bot.click(str(button(chosen, ACTION_SHARE)["value"]), container=PRIVATE, message=None, action_id=ACTION_SHARE)
    shared = fake.wait_for(4, method=RESPONSE_URL)[2]
    assert shared.params["response_type"] == "in_channel" and shows_answer(shared, corpus, 12)
    assert not fake.calls_to("chat.postMessage")


def test_after_a_restart_a_mention_declined_in_the_bots_thread_is_private(
    make_bot: BotFactory, fake: FakeSlack, corpus: Corpus
) -> None:
    thread = "1690000000.005000"
    fake.replies[(CHANNEL, thread)] = [
        {"ts": thread, "user": USER, "text": "iets"},
        {"ts": "1690000001.000100", "bot_id": BOT_ID, "user": BOT_USER_ID, "thread_ts": thread, "text": "Vraag 53"},
    ]
    bot = make_bot(engine_=FixedEngine(corpus, answer=None))
    bot.mention("en het weer?", thread_ts=thread)
    (private,) = fake.wait_for(1, method="chat.postEphemeral")
    assert private.params["thread_ts"] == thread and private.params["text"] == messages.DECLINE
    bot.drain()
    assert not fake.calls_to("chat.postMessage")


def test_a_share_value_is_read_back_only_as_this_bot_writes_it() -> None:
    doc = "kst-27925-748"
    share = SharedAnswer(ItemKey(doc, 53), "wat is & <!here>", (ItemKey(doc, 7),), "Zeker", "1.2")
    assert SharedAnswer.from_value(share.to_value()) == share
    long = SharedAnswer(ItemKey("kst-27925-748", 53), "&" * 1000 + '"' * 1000)
    assert len(long.to_value()) <= 2000 and SharedAnswer.from_value(long.to_value()) is not None
    for forged in ("", "[]", '{"k": "53"}', '{"k": "d:1", "c": "Absoluut"}', '{"k": "d:1", "t": "<!here>"}'):
        assert SharedAnswer.from_value(forged) is None, forged
