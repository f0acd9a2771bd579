"""Writing the answer log off the answer path: `record` and `vote` only put a job in a queue.

One daemon thread opens the database on first use and writes the jobs in order. A database that is
down costs one warning (again only after it has worked in between), and the jobs meanwhile are
dropped: the log is for curators, never a reason to delay or lose an answer.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.answerlog.records import Entry, Vote, now
from bot.background import lower_priority

if TYPE_CHECKING:
    from bot.answerlog.store import AnswerLog

log = logging.getLogger("kamervraag.answerlog")

QUEUE_SIZE = 10_000
PRUNE_EVERY_SECONDS = 24 * 3600
BATCH = 500


class _Prepare:
    """Open the database (migrate, apply the retention) before the first entry needs it."""


Job = Entry | Vote | _Prepare


class LogWriter:
    def __init__(
        self,
        url: str,
        *,
        retention_days: int,
        on_unavailable: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`on_unavailable(detail)`: how the one warning is given (default: the log, in English)."""
        self.url = url
        self._on_unavailable = on_unavailable
        self.retention_days = retention_days
        self._clock = clock
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=QUEUE_SIZE)
        self._store: AnswerLog | None = None  # the store's module is imported in the thread, on first use
        self._pruned_at = 0.0
        self._healthy = True
        self._thread = threading.Thread(target=self._run, name="kamervraag-answerlog", daemon=True)
        self._thread.start()

    def prepare(self) -> None:
        """Open the database now, in the thread (a bot starting up: retention applied at once, and a
        database that is down is reported before the first question)."""
        self._put(_Prepare())

    def record(self, entry: Entry) -> None:
        self._put(entry)

    def vote(self, vote: Vote) -> None:
        self._put(vote)

    def _put(self, job: Job) -> None:
        try:
            self._jobs.put_nowait(job)
        except queue.Full:
            self._warn("answer log queue full; dropping entries", "queue full")

    def flush(self) -> None:
        """Wait until every job put so far is written (or dropped)."""
        self._jobs.join()

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued (up to `timeout` seconds), then stop the thread."""
        try:
            self._jobs.put(None, timeout=timeout)
        except queue.Full:
            return
        self._thread.join(timeout=timeout)

    # --- the thread --------------------------------------------------------------------------------
    def _run(self) -> None:
        """Jobs that piled up while the last batch was written go in one transaction: a busy bot costs
        one commit per batch, not one per question."""
        lower_priority()  # writing the log gives way to acknowledging requests (bot/background.py)
        while True:
            batch = [self._jobs.get()]
            while batch[-1] is not None and len(batch) < BATCH:
                try:
                    batch.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            try:
                jobs = [job for job in batch if job is not None]
                if jobs:
                    self._write(jobs)
                if batch[-1] is None:
                    self._close_store()
                    return
            finally:
                for _ in batch:
                    self._jobs.task_done()

    def _write(self, jobs: list[Job]) -> None:
        from bot.answerlog.store import AnswerLog, LogUnavailable

        try:
            store = self._store
            if store is None:
                store = AnswerLog.open(self.url)
                self._store = store
            if self._clock() - self._pruned_at >= PRUNE_EVERY_SECONDS or not self._pruned_at:
                store.prune(older_than=now() - timedelta(days=self.retention_days))
                self._pruned_at = self._clock()
            store.write([job for job in jobs if isinstance(job, Entry | Vote)])
            self._healthy = True
        except LogUnavailable as exc:
            self._warn(f"answer log unavailable ({exc}); entries are dropped until it is back", str(exc))
            self._close_store()
        except Exception:  # a bug here must not end the thread: the next job may be fine
            log.exception("answer log write failed")

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None

    def _warn(self, text: str, detail: str) -> None:
        if self._healthy:
            if self._on_unavailable is not None:
                self._on_unavailable(detail)
            else:
                log.warning(text)
        self._healthy = False
