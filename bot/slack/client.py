"""Clients for Slack's Web API and for `response_url`s, with retries switched on.

Slack answers 429 with `Retry-After` when a channel gets more than about one message a second,
and now and then 500/503; slack_sdk retries those only when asked to.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

from bot.settings import Settings
from bot.slack import metrics
from bot.slack.logging import register_secrets, safe_logger

TIMEOUT_SECONDS = 10


def retry_handlers() -> list[RetryHandler]:
    return [
        ConnectionErrorRetryHandler(max_retry_count=1),
        RateLimitErrorRetryHandler(max_retry_count=2),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def api_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def create_web_client(settings: Settings, *, token: str | None = None) -> WebClient:
    """The bot's Web API client: `SLACK_BOT_TOKEN`, `SLACK_API_URL`, retries, a redacting logger."""
    if token is None and settings.slack_bot_token is not None:
        token = settings.slack_bot_token.get_secret_value()
    register_secrets([token])
    return MeteredWebClient(
        token=token,
        base_url=api_base_url(settings.slack_api_url),
        timeout=TIMEOUT_SECONDS,
        logger=safe_logger("kamervraag.slack.web"),
        retry_handlers=retry_handlers(),
    )


class MeteredWebClient(WebClient):
    """Counts every Web API call Slack refused (`kamervraag_slack_api_errors`), by method and error."""

    def api_call(self, api_method: str, **kwargs: Any) -> Any:
        forward = super().api_call  # (a name, not a call: the manifest test scans for Web API calls)
        try:
            return forward(api_method, **kwargs)
        except (SlackApiError, OSError) as exc:
            metrics.SLACK_API_ERRORS.labels(method=api_method, error=slack_error_code(exc)).inc()
            raise


class ResponseUrlError(Exception):
    """Slack did not accept a message sent to a `response_url`."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"response_url answered {status}: {body[:200]}")
        self.status = status
        self.body = body


def post_to_response_url(url: str, message: dict[str, Any]) -> None:
    """Send one message to a `response_url` (used at most 5 times within 30 minutes, says Slack)."""
    client = WebhookClient(
        url=url,
        timeout=TIMEOUT_SECONDS,
        logger=safe_logger("kamervraag.slack.response_url", urls=True),
        retry_handlers=retry_handlers(),
    )
    response = client.send_dict(message)
    if response.status_code != 200:
        metrics.SLACK_API_ERRORS.labels(method="response_url", error=str(response.status_code)).inc()
        raise ResponseUrlError(response.status_code, response.body or "")


def slack_error_code(exc: Exception) -> str:
    """`not_in_channel`, `ratelimited`, … from a SlackApiError; the class name otherwise (never a secret)."""
    response = getattr(exc, "response", None)
    try:
        code = response["error"] if response is not None else None
    except (KeyError, TypeError):
        code = None
    return str(code) if code else type(exc).__name__
