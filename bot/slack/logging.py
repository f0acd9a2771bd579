"""Keeping secrets out of the logs, at every level.

Tokens, the signing secret, `response_url`s and raw request bodies must never reach a log line.
Bolt logs the full body of a request that fails verification (at INFO) and the body of unhandled
requests (at WARNING); slack_sdk logs every URL it calls, a `response_url` included, and in Socket
Mode every envelope it receives (at DEBUG). A filter on
each logger that can write such lines rewrites the record before any handler sees it, so the
protection holds whatever handlers (or test capture) are attached.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Iterable
from typing import Any, TextIO

REDACTED = "[verborgen]"

_TOKEN = re.compile(r"\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+")
_SLACK_HOOK = re.compile(r"https?://hooks\.slack(?:-gov)?\.com/\S*")
_RESPONSE_URL_FIELD = re.compile(r"""(response_url['"]?\s*[:=]\s*['"]?)[^'"&\s,}]+""")
_ANY_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
# Bolt and slack_sdk messages that embed a whole request body: keep the first words, drop the body.
_BODY_MESSAGES = (
    "Invalid request signature detected",
    "Unhandled request",
    "Skipped self event",
    "Responding with",
    "on_message invoked",  # Socket Mode: every envelope received, at DEBUG
)

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secrets(values: Iterable[str | None]) -> None:
    """Values (tokens, signing secret) to blank out wherever they turn up, process-wide."""
    with _secrets_lock:
        _secrets.update(v for v in values if v and len(v) >= 6)


def redact(text: str, *, urls: bool = False) -> str:
    """The text without secrets; with `urls`, every URL goes too (for loggers that log response_urls)."""
    with _secrets_lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, REDACTED)
    text = _TOKEN.sub(REDACTED, text)
    text = _SLACK_HOOK.sub(REDACTED, text)
    text = _RESPONSE_URL_FIELD.sub(lambda m: m.group(1) + REDACTED, text)
    if urls:
        text = _ANY_URL.sub(REDACTED, text)
    for prefix in _BODY_MESSAGES:
        if text.startswith(prefix):
            return f"{prefix} ({REDACTED})"
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record (message, arguments, traceback) before any handler formats it."""

    def __init__(self, *, urls: bool = False) -> None:
        super().__init__()
        self.urls = urls

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record, nor leak its args
            message = str(record.msg)
        record.msg = redact(message, urls=self.urls)
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), urls=self.urls)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, urls=self.urls)
        return True


def safe_logger(name: str, *, urls: bool = False) -> logging.Logger:
    """A logger whose own records are always redacted (filters do not apply to child loggers)."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter(urls=urls))
    return logger


class JsonFormatter(logging.Formatter):
    """`KAMERVRAAG_LOG_FORMAT=json`: one JSON object per line; a request's fields (bot/slack/handling.py)
    at the top level. The whole line is redacted again, fields included."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "kamervraag", None)
        if isinstance(fields, dict):
            line.update(fields)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(line, ensure_ascii=False))


def configure_logging(
    level: str = "INFO", *, log_format: str = "text", stream: TextIO | None = None
) -> logging.Handler:
    """Root logging for `serve`: one stream handler that redacts whatever else reaches it."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return handler
