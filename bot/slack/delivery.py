"""Getting replies to people: in a thread (Web API) or through a `response_url`.

Failures are logged without secrets and, where any way is left, the user gets one short Dutch
sentence instead of silence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.render.slack import Payload, notice_message
from bot.slack.client import ResponseUrlError, post_to_response_url, slack_error_code
from bot.slack.handling import current
from bot.slack.logging import safe_logger

ResponseType = Literal["in_channel", "ephemeral"]
ResponseUrlPoster = Callable[[str, dict[str, Any]], None]

log = safe_logger("kamervraag.slack.delivery")


class Delivery:
    """The two ways a reply reaches people, with the fallbacks every listener needs when one fails."""

    def __init__(self, client: WebClient, *, response_url_poster: ResponseUrlPoster = post_to_response_url) -> None:
        self.client = client
        self._post_response_url = response_url_poster

    def post(self, *, channel: str, thread_ts: str | None, payloads: Sequence[Payload]) -> None:
        """Post messages in order (in a thread when `thread_ts`); raises SlackApiError."""
        for payload in payloads:
            args: dict[str, Any] = {"channel": channel, "unfurl_links": False, "unfurl_media": False, **payload}
            if thread_ts:
                args["thread_ts"] = thread_ts
            self.client.chat_postMessage(**args)

    def post_ephemeral(self, *, channel: str, user: str, thread_ts: str | None, payloads: Sequence[Payload]) -> None:
        """Messages only `user` sees, in the channel or thread (needs membership); raises SlackApiError."""
        for payload in payloads:
            args: dict[str, Any] = {"channel": channel, "user": user, **payload}
            if thread_ts:
                args["thread_ts"] = thread_ts
            self.client.chat_postEphemeral(**args)

    def respond(
        self,
        response_url: str,
        payloads: Sequence[Payload],
        *,
        response_type: ResponseType,
        replace_original: bool = False,
        keep_original: bool = False,
    ) -> None:
        """Messages through a `response_url`; the first may replace the message that had the button
        (`keep_original`: a button's message stays, the messages come as new ones)."""
        for i, payload in enumerate(payloads):
            message: dict[str, Any] = {**payload, "response_type": response_type}
            if replace_original and i == 0:
                message["replace_original"] = True
            elif response_type == "ephemeral" or keep_original:
                message["replace_original"] = False
            self._post_response_url(response_url, message)

    def delete_original(self, response_url: str) -> None:
        """Removes the private message whose button was clicked (it was shared, or replaced)."""
        self._post_response_url(response_url, {"delete_original": True})

    # --- when something went wrong ---------------------------------------------------------------
    def tell_in_thread(self, *, channel: str, thread_ts: str | None, text: str) -> None:
        """One short Dutch sentence where the answer should have gone; logged if even that fails."""
        _note_failure()
        try:
            self.post(channel=channel, thread_ts=thread_ts, payloads=[notice_message(text)])
        except (SlackApiError, OSError) as exc:
            log.error("could not tell the user either (%s): %s", "chat.postMessage", describe_failure(exc))

    def tell_privately(self, response_url: str | None, text: str) -> None:
        """One short Dutch sentence only the asker sees; logged if even that fails."""
        _note_failure()
        if not response_url:
            return
        try:
            self.respond(response_url, [notice_message(text)], response_type="ephemeral")
        except (ResponseUrlError, OSError) as exc:
            log.error("could not tell the user either (response_url): %s", describe_failure(exc))

    def tell_ephemeral(self, *, channel: str | None, user: str | None, text: str) -> None:
        """Last resort when a `response_url` failed: a private note in the channel (needs membership)."""
        _note_failure()
        if not channel or not user:
            return
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, **notice_message(text))
        except (SlackApiError, OSError) as exc:
            log.error("could not tell the user either (chat.postEphemeral): %s", describe_failure(exc))


def _note_failure() -> None:
    """For the request log: this request ended in a failure notice (no-op outside a request)."""
    handling = current()
    if handling is not None:
        handling.note("failed")


def describe_failure(exc: BaseException) -> str:
    """For the log: Slack's error code or the exception's class, never a URL or a token."""
    if isinstance(exc, SlackApiError):
        return slack_error_code(exc)
    if isinstance(exc, ResponseUrlError):
        return f"status {exc.status}"
    return type(exc).__name__


def failure_text(exc: BaseException) -> str:
    """The Dutch sentence for a failed delivery (Slack's error code is safe to show)."""
    if isinstance(exc, SlackApiError):
        return messages.slack_refused(slack_error_code(exc))
    return messages.something_went_wrong()
