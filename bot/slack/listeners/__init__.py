"""Routing only: which Slack request goes to which handler. Handlers are closures over `BotDeps`."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.conversation import BotDeps
from bot.slack.listeners import actions, commands, feedback, home, mentions, messages, sharing, shortcuts


def register_all(app: App, deps: BotDeps) -> None:
    for module in (commands, mentions, messages, actions, sharing, shortcuts, home, feedback):
        module.register(app, deps)
