"""The work after the ack: a fixed number of worker threads and a bounded queue in front of them.

`Intake` (bot/slack/handling.py) reserves a place (`try_reserve`) before the listener acknowledges;
when every thread is busy and the queue is full, the user is told so at once (in the ack of a slash
command, else by `BusyNotices`) instead of waiting behind a queue that only grows.
`BoundedLazyRunner` replaces Bolt's lazy listener runner, so Bolt's lazy listeners run on these
threads, and only for a request that holds a place.
"""

from __future__ import annotations

import contextlib
import functools
import math
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.lazy_listener import LazyListenerRunner
from slack_bolt.lazy_listener.internals import build_runnable_function
from slack_bolt.request import BoltRequest
from slack_bolt.util.utils import get_name_for_callable

from bot.background import lower_priority
from bot.slack import handling as handling_
from bot.slack import metrics
from bot.slack.logging import safe_logger

log = safe_logger("kamervraag.slack.work")


class PendingAcks:
    """Requests of this process still waiting for their ack. An answer thread about to start lets them
    go first (for at most `YIELD_SECONDS`): an ack has Slack's 3 seconds, an answer has minutes, and in
    one interpreter they take turns for the same lock and the same cores.

    Under gunicorn a request counts from the moment its connection is accepted (bot/slack/server.py),
    not only while it is inside the app: most of an ack's time under load is spent before (waiting for
    a thread, reading the request) and after (writing the response), and an answer that starts then
    delays it just the same. Elsewhere (`pending()` in `SlackWeb`) it counts inside the app."""

    YIELD_SECONDS = 1.0
    """At most this long per answer: during a burst (1,000 commands, 50 at a time, acknowledged in
    about 1 s here) answers mostly wait for its end; under a steady stream they still move."""
    QUIET_SECONDS = 0.02
    """Acks also go first for this long after the last request arrived: in a burst, the next
    connection is often still in the kernel's queue when the one before it has been answered."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._count = 0
        self._last = -math.inf
        self._clock = clock
        self._quiet = threading.Condition()
        self._pressed = False
        """An answer is running while requests wait for their ack (`turn`)."""

    @contextlib.contextmanager
    def pending(self) -> Iterator[None]:
        self.begin()
        try:
            yield
        finally:
            self.end()

    def begin(self) -> None:
        """A request arrived; `end` must follow (its connection handled, whatever the outcome)."""
        with self._quiet:
            self._count += 1
            self._last = self._clock()

    def end(self) -> None:
        with self._quiet:
            self._count -= 1
            if self._count == 0:
                self._quiet.notify_all()

    @property
    def waiting(self) -> int:
        with self._quiet:
            return self._count

    def let_acks_go_first(self) -> None:
        """Returns once no request waits and none arrived for `QUIET_SECONDS`, or after `YIELD_SECONDS`."""
        deadline = self._clock() + self.YIELD_SECONDS
        with self._quiet:
            while (now := self._clock()) < deadline:
                if self._count > 0:
                    self._quiet.wait(deadline - now)
                elif now < self._last + self.QUIET_SECONDS:
                    self._quiet.wait(min(self._last + self.QUIET_SECONDS, deadline) - now)
                else:
                    return

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """While requests still wait for their ack (after `let_acks_go_first` gave up), answers run one
        at a time: the acks then share the interpreter with one answer, not with every answer thread."""
        with self._quiet:
            while self._count > 0 and self._pressed:
                self._quiet.wait()
            pressed = self._count > 0
            self._pressed = self._pressed or pressed
        try:
            yield
        finally:
            if pressed:
                with self._quiet:
                    self._pressed = False
                    self._quiet.notify_all()


class WorkQueue:
    """Example:
    work = WorkQueue(threads=8, queue_size=100, on_done=log_the_request)
    work.try_reserve(handling)   # False when 8 are running and 100 wait
    work.drain(timeout=10)       # at SIGTERM: no new work, wait for what was accepted
    """

    def __init__(self, *, threads: int, queue_size: int, on_done: Callable[[handling_.Handling], None]) -> None:
        self.threads = threads
        self.capacity = threads + queue_size
        self._slots = threading.BoundedSemaphore(self.capacity)
        # Answer threads give way to the threads that acknowledge requests (bot/background.py).
        self._executor = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="kamervraag", initializer=lower_priority
        )
        self._on_done = on_done
        self._open = True
        self._busy = 0
        self._idle = threading.Condition()
        self.pending_acks = PendingAcks()

    def try_reserve(self, handling: handling_.Handling) -> bool:
        if not self._open or not self._slots.acquire(blocking=False):
            return False
        with self._idle:
            self._busy += 1
        handling.queued = True
        handling.release = self._releaser()
        return True

    def _releaser(self) -> Callable[[], None]:
        done = threading.Event()

        def release() -> None:
            if done.is_set():
                return
            done.set()
            self._slots.release()
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

        return release

    def run(self, job: Callable[[], None], handling: handling_.Handling | None) -> None:
        """Runs `job` on a worker thread; the place reserved for `handling` is given back after it."""

        def work() -> None:
            self.pending_acks.let_acks_go_first()
            try:
                with self.pending_acks.turn(), handling_.handling_in_this_thread(handling):
                    job()
            finally:
                if handling is not None:
                    try:
                        self._on_done(handling)  # before the place is given back: `drain` waits for the log line
                    finally:
                        if handling.release is not None:
                            handling.release()

        self._executor.submit(work)

    def drain(self, timeout: float) -> bool:
        """No new work; True when everything accepted finished within `timeout` seconds."""
        self._open = False
        deadline = time.monotonic() + timeout
        with self._idle:
            finished = self._idle.wait_for(lambda: self._busy == 0, timeout=max(0.0, deadline - time.monotonic()))
        self._executor.shutdown(wait=finished)
        return finished

    @property
    def busy(self) -> int:
        with self._idle:
            return self._busy


class BoundedLazyRunner(LazyListenerRunner):
    """Runs a lazy listener only for a request that holds a place in the queue."""

    def __init__(self, app: App, work: WorkQueue, *, on_busy: Callable[[BoltRequest], None]) -> None:
        self.logger = app.logger
        self.work = work
        self._on_busy = on_busy
        self.lazy_copy: Callable[[BoltRequest, str], BoltRequest] = lambda request, name: request
        """The lazy listener's own copy of the request, made in the answer thread (set by `install`)."""

    def start(self, function: Callable[..., None], request: BoltRequest) -> None:
        handling = handling_.of(request.context)
        if handling is not None:
            handling.acknowledged()  # the ack listener has run; Bolt answers Slack right after this
            if not handling.queued:
                handling.outcome = "busy"
                self._on_busy(request)
                return  # Intake ends the request: nothing runs after the ack
            handling.lazy_started = True
        self.work.run(functools.partial(self._run, function, request), handling)

    def _run(self, function: Callable[..., None], request: BoltRequest) -> None:
        """In the answer thread: the request's copy (its body parsed again) and the listener's
        arguments (its signature inspected) cost a third of an ack's CPU time in the ack's thread."""
        lazy = self.lazy_copy(request, get_name_for_callable(function))
        build_runnable_function(func=function, logger=self.logger, request=lazy)()


class BusyNotices:
    """Tells a person whose mention, DM or click found the queue full, from one thread of its own."""

    MAX_WAITING = 100

    def __init__(self, tell: Callable[[BoltRequest], None]) -> None:
        self._tell = tell
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="kamervraag-busy", initializer=lower_priority
        )
        self._waiting = threading.BoundedSemaphore(self.MAX_WAITING)

    def __call__(self, request: BoltRequest) -> None:
        metrics.QUEUE_FULL.inc()
        if not self._waiting.acquire(blocking=False):
            log.warning("work queue full and too many busy notices waiting: one request left unanswered")
            return

        def tell() -> None:
            try:
                self._tell(request)
            finally:
                self._waiting.release()

        self._executor.submit(tell)

    def close(self) -> None:
        self._executor.shutdown(wait=True)


def install(app: App, runner: BoundedLazyRunner) -> None:
    """Bolt builds its lazy runner in `App.__init__` and takes no other; its listener runner's attribute
    is public, so it is replaced there.

    Bolt also deep-copies every lazy request after `to_copyable` already built a fresh one (body parsed
    again, context copied): that second copy was almost half of an ack's CPU time, so it is skipped,
    and the one copy is made in the answer thread (`BoundedLazyRunner.lazy_copy`): after the ack, the
    request thread no longer touches the request it hands over.
    """
    listener_runner: Any = app.listener_runner
    listener_runner.lazy_listener_runner = runner
    if hasattr(listener_runner, "_build_lazy_request"):

        def lazy_copy(request: BoltRequest, lazy_func_name: str) -> BoltRequest:
            copied: BoltRequest = request.to_copyable()
            copied.lazy_only = True
            copied.lazy_function_name = lazy_func_name
            copied.context["listener_runner"] = listener_runner
            return copied

        listener_runner._build_lazy_request = lambda request, lazy_func_name: request
        runner.lazy_copy = lazy_copy
