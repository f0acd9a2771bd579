"""Background threads (answers, the answer log) give way to the threads that acknowledge requests.

An ack has Slack's 3 seconds and costs about a millisecond; an answer has minutes and costs about
16 ms, most of it the sentence model's C code, which releases the interpreter lock and so competes
with the acks only for the cores. On Linux a thread has its own nice value: a background thread at
`BACKGROUND_NICE` gets the cores when no request thread of the process group wants them, and acks
no longer queue behind answers. Elsewhere (or where the kernel refuses) nothing changes.

Example:
    ThreadPoolExecutor(max_workers=8, initializer=lower_priority)
    threading.Thread(target=lambda: (lower_priority(), work()))
"""

from __future__ import annotations

import os
import sys
import threading

BACKGROUND_NICE = 10
"""Weight 110 against a request thread's 1024 (nice 0): answers still progress under a steady stream of
acks, but an ack that becomes runnable runs first. Not 19: a background thread preempted while it holds
the interpreter lock holds up the acks waiting for it, and at 19 it would wait longest."""


def lower_priority(nice: int = BACKGROUND_NICE) -> bool:
    """Raise the calling thread's nice value to `nice` (never lowers it); True when it is now at least `nice`."""
    if sys.platform != "linux":
        return False
    tid = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, tid) < nice:
            os.setpriority(os.PRIO_PROCESS, tid, nice)
        return os.getpriority(os.PRIO_PROCESS, tid) >= nice
    except OSError:
        return False
