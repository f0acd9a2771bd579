"""App Home (`app_home_opened`): what the bot knows, how to ask, and the settings an admin cares about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.render.slack import home_view
from bot.slack.client import slack_error_code
from bot.slack.conversation import BotDeps
from bot.slack.listeners.ack import acknowledge
from bot.slack.logging import safe_logger

log = safe_logger("kamervraag.slack.home")


def register(app: App, deps: BotDeps) -> None:
    app.event("app_home_opened")(ack=acknowledge, lazy=[home_listener(deps)])


def home_listener(deps: BotDeps) -> Callable[..., None]:
    def on_home_opened(event: dict[str, Any]) -> None:
        user = event.get("user")
        if event.get("tab") != "home" or not isinstance(user, str):
            return  # the Messages tab, or no one to show it to
        replies = deps.replies
        view = home_view(
            replies.corpus,
            example=replies.example,
            question=replies.example_question(),
            visibility=deps.answer_visibility,
            min_score=replies.min_score,
            sure_score=replies.sure_score,
        )
        try:
            deps.delivery.client.views_publish(user_id=user, view=view)
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", slack_error_code(exc))

    return on_home_opened
