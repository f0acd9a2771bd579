"""👍 / 👎 under an answer: the vote is logged at once (one per person per answer; a second click
changes it), 👍 is thanked privately, 👎 opens a modal asking why, whose submission is thanked in the
modal itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.answerlog.records import Reason, Vote, VoteValue, new_answer_id, now, voter
from bot.render.feedback import REASON_CALLBACK, reason_modal, submitted_reason, submitted_value, thanks_view
from bot.render.slack import ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, parse_feedback_value
from bot.slack.client import slack_error_code
from bot.slack.conversation import BotDeps
from bot.slack.delivery import describe_failure
from bot.slack.listeners.ack import acknowledge
from bot.slack.logging import safe_logger

log = safe_logger("kamervraag.slack.feedback")


def register(app: App, deps: BotDeps) -> None:
    app.action(ACTION_FEEDBACK_UP)(ack=acknowledge, lazy=[thumbs_up_listener(deps)])
    app.action(ACTION_FEEDBACK_DOWN)(ack=acknowledge, lazy=[thumbs_down_listener(deps)])
    app.view(REASON_CALLBACK)(reason_listener(deps))


def record_vote(
    deps: BotDeps, value: str, user: object, vote: VoteValue, reason: Reason | None = None, comment: str | None = None
) -> bool:
    """Queue the vote for the answer log; False when the button's value or the user makes no sense."""
    parsed = parse_feedback_value(value)
    if parsed is None or not isinstance(user, str) or not user:
        return False
    key, answer_id = parsed
    if deps.answer_log is not None:
        deps.answer_log.vote(
            Vote(
                answer_id=answer_id or new_answer_id(),
                voter=voter(user),
                time=now(),
                vote=vote,
                document=key.document,
                number=key.number,
                reason=reason,
                comment=comment,
            )
        )
    return True


def _user(body: dict[str, Any]) -> object:
    return (body.get("user") or {}).get("id")


def thumbs_up_listener(deps: BotDeps) -> Callable[..., None]:
    def on_thumbs_up(body: dict[str, Any], action: dict[str, Any]) -> None:
        response_url = body.get("response_url") if isinstance(body.get("response_url"), str) else None
        if record_vote(deps, str(action.get("value") or ""), _user(body), "up"):
            deps.delivery.tell_privately(response_url, messages.FEEDBACK_THANKS)
        else:
            deps.delivery.tell_privately(response_url, messages.unknown_button())

    return on_thumbs_up


def thumbs_down_listener(deps: BotDeps) -> Callable[..., None]:
    def on_thumbs_down(body: dict[str, Any], action: dict[str, Any]) -> None:
        response_url = body.get("response_url") if isinstance(body.get("response_url"), str) else None
        value = str(action.get("value") or "")
        parsed = parse_feedback_value(value)
        if parsed is None or not record_vote(deps, value, _user(body), "down"):  # counted even if the modal closes
            deps.delivery.tell_privately(response_url, messages.unknown_button())
            return
        key = parsed[0]
        citation = deps.replies.corpus.citation(key) if key in deps.replies.corpus else str(key)
        try:
            deps.delivery.client.views_open(
                trigger_id=str(body.get("trigger_id") or ""),
                view=reason_modal(citation=citation, feedback_value=value),
            )
        except (SlackApiError, OSError) as exc:  # an expired trigger_id: the vote stands, say thanks anyway
            code = slack_error_code(exc) if isinstance(exc, SlackApiError) else describe_failure(exc)
            log.warning("views.open failed: %s", code)
            deps.delivery.tell_privately(response_url, messages.FEEDBACK_THANKS)

    return on_thumbs_down


def reason_listener(deps: BotDeps) -> Callable[..., None]:
    def on_reason(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """Runs before Slack gets its answer: the vote only goes into the writer's queue."""
        reason, comment = submitted_reason(view)
        record_vote(deps, submitted_value(view) or "", _user(body), "down", reason, comment)
        ack(response_action="update", view=thanks_view())

    return on_reason
