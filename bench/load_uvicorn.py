"""`SlackWeb` under uvicorn (WSGI interface), started by `python -m bench.load --server uvicorn` only to
compare it with gunicorn; the product runs gunicorn (bot/slack/server.py)."""

from __future__ import annotations

import socket
import sys

from bot.corpus import load_corpus
from bot.settings import load_settings
from bot.slack.app import check_token, create_app, store_of
from bot.slack.client import create_web_client
from bot.slack.web import SlackWeb


def main() -> None:
    import uvicorn  # not a dependency of kamervraag: `pip install uvicorn` to compare

    settings = load_settings()
    assert settings.slack_signing_secret is not None
    client = create_web_client(settings)
    app = create_app(settings, client=client, corpus=load_corpus(settings.corpus), identity=check_token(client))
    web = SlackWeb(signing_secret=settings.slack_signing_secret.get_secret_value())
    web.corpus_loaded(store_of(app))
    web.attach(app)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    print(f"http://127.0.0.1:{port}/slack/events", file=sys.stderr, flush=True)
    uvicorn.run(web, host="127.0.0.1", port=port, interface="wsgi", log_level="warning", backlog=2048)


if __name__ == "__main__":
    main()
