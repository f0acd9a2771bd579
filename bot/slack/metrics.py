"""The bot's Prometheus metrics (`GET /metrics`), defined once and imported where they are counted.

Example:
    REQUESTS.labels(kind="command", outcome="answered").inc()
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0)
"""Around Slack's 3-second ack limit, and up to the slow end of an answer."""

REQUESTS = Counter("kamervraag_requests", "Slack requests handled, by kind and outcome", ["kind", "outcome"])
ACK_SECONDS = Histogram(
    "kamervraag_ack_seconds", "From the request's arrival to its acknowledgement", ["kind"], buckets=LATENCY_BUCKETS
)
ANSWER_SECONDS = Histogram(
    "kamervraag_answer_seconds", "From the request's arrival to the answer sent", ["kind"], buckets=LATENCY_BUCKETS
)
DECLINES = Counter("kamervraag_declines", "Questions the bot declined to answer (no good match)")
SLACK_API_ERRORS = Counter(
    "kamervraag_slack_api_errors", "Slack Web API and response_url failures", ["method", "error"]
)
STORE_FALLBACKS = Counter("kamervraag_store_fallbacks", "Store operations answered from memory because Redis failed")
QUEUE_FULL = Counter("kamervraag_queue_full", "Requests acknowledged but not queued: the work queue was full")
