"""`Running`: the real app over the Socket Mode handler, as `kamervraag serve` runs it, for the tests."""

from __future__ import annotations

from bot.corpus import Corpus
from bot.search import Engine
from bot.slack.app import create_app, shutdown_app
from bot.slack.socket_mode import SocketModeBot
from tests.slack.fake_slack import FakeSlack
from tests.slack.slack_support import APP_TOKEN, make_settings

TEST_PING_INTERVAL = 0.5
"""The client's monitor (which replaces a closed connection) runs this often in the tests."""


class Running:
    """The bot as `kamervraag serve` runs it; `stop()` is what SIGTERM does."""

    def __init__(self, web: FakeSlack, corpus: Corpus, engine: Engine) -> None:
        self.app = create_app(make_settings(web), corpus=corpus, engine=engine)
        self.bot = SocketModeBot(self.app, app_token=APP_TOKEN, api_url=web.api_url, ping_interval=TEST_PING_INTERVAL)
        self._stopped = False

    def stop(self) -> None:
        """Stop receiving, then wait for every answer in progress (the app takes nothing afterwards)."""
        if not self._stopped:
            self._stopped = True
            self.bot.close()
            shutdown_app(self.app)
