"""The acknowledgement every listener sends at once; the work itself runs as a lazy listener.

With `process_before_response=True` Bolt runs this in the HTTP request's own thread and answers
Slack right after it, while the lazy work waits for a free worker. So a busy worker pool (an
answer sleeping on a 429's `Retry-After`) never delays an ack past Slack's 3 seconds.
"""

from __future__ import annotations

from slack_bolt import Ack


def acknowledge(ack: Ack) -> None:
    ack()
