"""One Slack request from arrival to answer: its kind, timings and outcome, for one log line and the
metrics.

`Intake` (a global Bolt middleware) opens a `Handling` per request; the lazy runner marks the ack;
the lazy work runs with it as `current()`, where the replies and the delivery note what happened;
`finish` writes the one line (`kamervraag.requests`) and counts, after the work, or when `dispatch`
returns for a request that started none. The object is shared, not copied,
between the request thread and the worker (Bolt deep-copies a lazy request's context).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import BoltContext
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.corpus.store import ItemKey
from bot.slack import metrics

CONTEXT_KEY = "kamervraag_handling"
RECEIVED_KEY = "kamervraag_received"
"""`time.perf_counter()` when the HTTP front received the request (the ack latency counts from there)."""

request_log = logging.getLogger("kamervraag.requests")
_local = threading.local()


@dataclass(eq=False)
class Handling:
    kind: str
    started: float = field(default_factory=time.perf_counter)
    ack_seconds: float | None = None
    outcome: str | None = None
    item: ItemKey | None = None
    score: float | None = None
    query: str | None = None
    queued: bool = False
    lazy_started: bool = False
    release: Callable[[], None] | None = None
    """Gives the queue slot back; set by the work queue when this request holds one."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Handling:
        return self  # one record per request, shared by the request thread and the worker

    def acknowledged(self) -> None:
        if self.ack_seconds is None:
            self.ack_seconds = time.perf_counter() - self.started
            metrics.ACK_SECONDS.labels(kind=self.kind).observe(self.ack_seconds)

    def note(self, outcome: str, *, item: ItemKey | None = None, score: float | None = None) -> None:
        """The first outcome stands (a failure notice after an answer does not rename it)."""
        if self.outcome is None or outcome == "failed":
            self.outcome = outcome
        self.item = item or self.item
        self.score = score if score is not None else self.score


def current() -> Handling | None:
    """The request the calling worker thread is answering, if any."""
    return getattr(_local, "handling", None)


@contextlib.contextmanager
def handling_in_this_thread(handling: Handling | None) -> Iterator[None]:
    previous = current()
    _local.handling = handling
    try:
        yield
    finally:
        _local.handling = previous


def of(context: BoltContext) -> Handling | None:
    value = context.get(CONTEXT_KEY)
    return value if isinstance(value, Handling) else None


class Intake(Middleware):
    """First in the chain after authorization: opens the request's `Handling` and reserves its place in
    the work queue. A slash command that finds the queue full is answered in its ack (the asker sees
    it at once); anything else goes on, and the lazy runner tells the person instead of queuing."""

    def __init__(self, *, reserve: Callable[[Handling], bool], busy_text: str) -> None:
        self._reserve = reserve
        self._busy = BoltResponse(
            status=200,
            body=json.dumps({"response_type": "ephemeral", "text": busy_text}),
            headers={"content-type": "application/json;charset=utf-8"},
        )

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        received = req.context.get(RECEIVED_KEY)
        handling = Handling(kind=kind_of(req.body))
        if isinstance(received, float):
            handling.started = received
        req.context[CONTEXT_KEY] = handling
        if not self._reserve(handling) and handling.kind == "command":
            handling.outcome = "busy"
            metrics.QUEUE_FULL.inc()
            return self._busy
        return next()


def after_dispatch(context: BoltContext) -> None:
    """A request that started no work after its ack ends here (Bolt's middleware cannot see the end
    of the chain, so the app calls this when `dispatch` returns)."""
    handling = of(context)
    if handling is None or handling.lazy_started:
        return
    if handling.release is not None:
        handling.release()
    if handling.outcome is None:
        handling.outcome = "ignored"
    handling.acknowledged()
    finish(handling, log_queries=False)


def kind_of(body: dict[str, Any]) -> str:
    """`command`, `mention`, `message`, `action`, or Slack's own type for anything else."""
    kind = str(body.get("type") or ("command" if "command" in body else "other"))
    if kind == "event_callback":
        event = body.get("event") or {}
        event_type = str(event.get("type") or "event") if isinstance(event, dict) else "event"
        return {"app_mention": "mention"}.get(event_type, event_type)
    return {"block_actions": "action"}.get(kind, kind)


def finish(handling: Handling, *, log_queries: bool) -> None:
    """The request's one log line and its metrics."""
    outcome = handling.outcome or "ignored"
    now = time.perf_counter()
    answer_seconds = now - handling.started if handling.lazy_started else None
    metrics.REQUESTS.labels(kind=handling.kind, outcome=outcome).inc()
    if answer_seconds is not None and outcome not in ("ignored", "duplicate", "busy"):
        metrics.ANSWER_SECONDS.labels(kind=handling.kind).observe(answer_seconds)
    if outcome == "declined":
        metrics.DECLINES.inc()
    fields: dict[str, Any] = {"kind": handling.kind, "outcome": outcome}
    if handling.item is not None:
        fields["item"] = f"{handling.item.document}:{handling.item.number}"
    if handling.score is not None:
        fields["score"] = round(handling.score, 3)
    if handling.ack_seconds is not None:
        fields["ack_ms"] = round(handling.ack_seconds * 1000, 1)
    if answer_seconds is not None:
        fields["answer_ms"] = round(answer_seconds * 1000, 1)
    if log_queries and handling.query is not None:
        fields["query"] = handling.query
    # Ignored channel chatter (every message in a channel the bot is in) only at DEBUG.
    level = logging.DEBUG if outcome == "ignored" else logging.INFO
    request_log.log(level, "request %s", describe(fields), extra={"kamervraag": fields})


def describe(fields: dict[str, Any]) -> str:
    """`kind=command outcome=answered item=kst-27925-748:53 …` for the text log format."""
    return " ".join(f"{k}={json.dumps(v, ensure_ascii=False) if k == 'query' else v}" for k, v in fields.items())
