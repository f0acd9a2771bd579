"""The Slack bot: Bolt app, listeners, delivery, the work queue, the HTTP front (WSGI, under gunicorn)
and Socket Mode.

Nothing here connects to Slack at import time; `bot.slack.app.create_app` builds the app.
"""
