"""Acks before answers: a request waiting for its ack holds back the answer threads from the moment the
server accepts its connection, answers run in threads of lower CPU priority, and what a worker loaded
is kept out of the garbage collector's full collections. (How fast is for `python -m bench.load`.)"""

from __future__ import annotations

import gc
import os
import sys
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from gunicorn.workers.gthread import ThreadWorker
from slack_bolt import App

from bot.background import BACKGROUND_NICE, lower_priority
from bot.slack import server
from bot.slack.server import DrainingWorker, ReadyWorkers, Worker
from bot.slack.web import SlackWeb
from bot.slack.work import PendingAcks, WorkQueue
from tests.slack.slack_support import SIGNING_SECRET, TOKEN

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="per-thread nice values are Linux's")


def _nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def _in_a_thread(job: Any) -> Any:
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(job()))
    thread.start()
    thread.join(10)
    return result[0]


@linux_only
def test_answers_run_at_a_lower_priority_than_the_thread_that_queued_them() -> None:
    work = WorkQueue(threads=1, queue_size=1, on_done=lambda handling: None)
    seen: list[int] = []
    done = threading.Event()
    before = _nice()
    work.run(lambda: (seen.append(_nice()), done.set()), None)
    assert done.wait(10)
    work.drain(timeout=10)
    assert seen == [max(before, BACKGROUND_NICE)]
    assert _nice() == before  # the request thread keeps its priority


@linux_only
def test_lowering_a_priority_never_raises_it() -> None:
    assert _in_a_thread(lambda: (lower_priority(15), lower_priority(5), _nice())[-1]) == 15


def _answer_waiting_for(acks: PendingAcks, order: list[str]) -> threading.Thread:
    """An answer thread, started and inside `let_acks_go_first`; it notes "answer" once let through."""
    started = threading.Event()

    def answer() -> None:
        started.set()
        acks.let_acks_go_first()
        order.append("answer")

    thread = threading.Thread(target=answer)
    thread.start()
    assert started.wait(10)
    return thread


def test_answer_threads_let_pending_acks_go_first() -> None:
    acks = PendingAcks()
    acks.YIELD_SECONDS = 60  # type: ignore[misc]  # long enough that only the ack can release it
    order: list[str] = []
    with acks.pending():
        worker = _answer_waiting_for(acks, order)
        order.append("ack")
    worker.join(10)
    assert order == ["ack", "answer"]
    acks.let_acks_go_first()  # nothing pending: no wait at all


def test_an_accepted_connection_holds_back_answers_until_it_is_handled(monkeypatch: pytest.MonkeyPatch) -> None:
    web = SlackWeb(signing_secret=SIGNING_SECRET)
    acks = web.pending_acks
    acks.YIELD_SECONDS = 60  # type: ignore[misc]  # long enough that only the handled request can release it
    monkeypatch.setattr(server, "_worker", SimpleNamespace(web=web))
    monkeypatch.setattr(ThreadWorker, "enqueue_req", lambda self, conn: None)

    def failing_handle(self: Any, conn: Any) -> None:
        raise OSError("the client went away")

    monkeypatch.setattr(ThreadWorker, "handle", failing_handle)
    worker = DrainingWorker.__new__(DrainingWorker)  # no process around it: only the two methods are used
    conn = SimpleNamespace()
    order: list[str] = []
    worker.enqueue_req(conn)  # accepted, waiting for a thread
    assert acks.waiting == 1
    thread = _answer_waiting_for(acks, order)
    order.append("ack")
    with pytest.raises(OSError):
        worker.handle(conn)  # a request that fails still stops holding answers back
    thread.join(10)
    assert acks.waiting == 0
    assert order == ["ack", "answer"]


def test_answers_also_wait_a_moment_after_the_last_request_arrived() -> None:
    readings = iter([0.0, 0.0, 0.01, 0.05])  # arrival; the answer's start; 10 ms later; 50 ms later
    acks = PendingAcks(clock=lambda: next(readings))
    with acks.pending():
        pass  # answered, but the next request of a burst may still be in the kernel's queue
    acks.let_acks_go_first()
    assert next(readings, None) is None  # it looked again after the quiet period, then went


def test_what_a_worker_loaded_is_kept_out_of_full_collections() -> None:
    web = SlackWeb(signing_secret=SIGNING_SECRET)
    app = App(signing_secret=SIGNING_SECRET, token=TOKEN, token_verification_enabled=False)
    ready = threading.Event()
    worker = Worker(web, build=lambda: app, stop=lambda app: None, ready=ReadyWorkers(1))
    try:
        worker.start(ready.set)
        assert ready.wait(30)
        assert web.ready
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_while_acks_wait_answers_take_turns_and_run_freely_again_once_they_are_done() -> None:
    acks = PendingAcks()
    acks.begin()  # a request waits for its ack
    first_running, second_running, second_done = threading.Event(), threading.Event(), threading.Event()
    release_first = threading.Event()

    def answer(running: threading.Event, release: threading.Event | None, done: threading.Event | None) -> None:
        with acks.turn():
            running.set()
            if release is not None:
                release.wait(10)
        if done is not None:
            done.set()

    first = threading.Thread(target=answer, args=(first_running, release_first, None))
    first.start()
    assert first_running.wait(10)
    second = threading.Thread(target=answer, args=(second_running, None, second_done))
    second.start()
    assert not second_running.wait(0.05)  # one answer at a time while the ack waits
    acks.end()  # the ack went out: the second answer need not wait for the first one any more
    assert second_done.wait(10) and not release_first.is_set()
    release_first.set()
    first.join(10)
    with acks.turn():  # no request waiting: no turn to wait for
        pass
