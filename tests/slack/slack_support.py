"""What the Slack tests share: the secrets, settings for a bot on the fake, signing, `kamervraag serve`
as a child process, and assertions on what a user would see in a recorded call."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from slack_sdk.signature import SignatureVerifier

from bot.corpus import Corpus, ItemKey
from bot.corpus.lookup import parse_reference
from bot.render.slack import escape
from bot.search import Engine, Hit, Outcome
from bot.settings import Settings
from tests.slack.fake_slack import Call, FakeSlack

TOKEN = "xoxb-111-222-SECRETtokenVALUE"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
APP_TOKEN = "xapp-1-A0KAMERVRAAG-333-SOCKETappTOKEN"


def make_settings(fake: FakeSlack, **overrides: Any) -> Settings:
    """Settings of a bot talking to `fake`; never a developer's `.env`."""
    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": fake.api_url,
        **overrides,
    }
    return Settings(_env_file=None, **values)


def sign_body(body: str, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signature is not None
    return signature


# --- `kamervraag serve` as an operator runs it --------------------------------------------------------
def serve_env(fake: FakeSlack, **extra: str) -> dict[str, str]:
    """This process's environment without any SLACK_*/KAMERVRAAG_* of the developer, plus the fake's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAMERVRAAG_"))}
    env.update(
        {
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_APP_TOKEN": APP_TOKEN,
            "SLACK_API_URL": fake.api_url,
            **extra,
        }
    )
    return env


class ServeProcess:
    """`python -m bot serve …` in a child process; its stderr (the log) is read as it comes, so the pipe
    never fills, and can be waited on line by line."""

    def __init__(self, *args: str, env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", *args], env=env, cwd=cwd, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[str] = []
        self._ended = False
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def wait_for_line(self, pattern: str, timeout: float = 60, *, count: int = 1) -> re.Match[str]:
        """The first stderr line matching `pattern` (a regex), once `count` lines match; fails when the
        process ends without them."""

        def found() -> list[re.Match[str]]:
            return [m for line in self.lines if (m := re.search(pattern, line))]

        with self._changed:
            self._changed.wait_for(lambda: len(found()) >= count or self._ended, timeout=timeout)
            matches = found()
        assert len(matches) >= count, f"no {count} line(s) matching {pattern!r}; stderr so far: {self.stderr[-2000:]}"
        return matches[0]

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return code

    @property
    def stderr(self) -> str:
        with self._changed:
            return "".join(self.lines)


# --- what a user sees ---------------------------------------------------------------------------------
def key(corpus: Corpus, number: int) -> ItemKey:
    return ItemKey(corpus.document_ids[0], number)


def answer_start(corpus: Corpus, number: int) -> str:
    """The first words of the official answer, as they appear (escaped) in a section."""
    return escape(corpus.item(key(corpus, number)).answer[:60])


def shows_answer(call: Call, corpus: Corpus, number: int) -> bool:
    """The message has the header "Vraag N" and a section that starts with the official answer."""
    texts = call.block_texts()
    header = [b["text"]["text"] for b in call.blocks if b.get("type") == "header"]
    return header == [f"Vraag {number}"] and any(t.startswith(answer_start(corpus, number)) for t in texts)


def all_text(call: Call) -> str:
    return "\n".join([str(call.params.get("text", "")), *call.block_texts()])


class FixedEngine:
    """A stand-in for the answering engine with a fixed verdict, to test the Slack layer alone.

    Numbers go to the real engine; free text gets `answer` at `score` (0.9: "Zeker"; 0.5:
    "Waarschijnlijk"), or a decline with `candidates`, with `also` as close runner-ups.
    """

    def __init__(
        self,
        corpus: Corpus,
        *,
        answer: int | None,
        candidates: tuple[int, ...] = (12, 50, 65),
        also: tuple[int, ...] = (),
        score: float = 0.9,
    ) -> None:
        self.corpus = corpus
        self.answer = answer
        self.score = score
        self.candidates = candidates
        self.also = also
        self._real = Engine(corpus)

    def ask(self, query: str, *, top: int = 5, document: str | None = None) -> Outcome:
        if parse_reference(query) is not None:
            return self._real.ask(query, top=top, document=document)
        if self.answer is None:
            hits = tuple(Hit(key(self.corpus, n), 0.1) for n in self.candidates)
            return Outcome(query=query, answered=False, hits=hits[:top])
        best = Hit(key(self.corpus, self.answer), self.score)
        also = tuple(Hit(key(self.corpus, n), round(self.score * 0.95, 4)) for n in self.also)
        return Outcome(query=query, answered=True, hits=(best, *also)[:top], also=also)

    def related(self, item: ItemKey, *, limit: int = 5) -> tuple[ItemKey, ...]:
        return ()
