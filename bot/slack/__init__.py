"""The Slack bot: Bolt app, listeners, delivery and the HTTP endpoint.

Nothing here connects to Slack at import time; `bot.slack.app.create_app` builds the app.
"""
