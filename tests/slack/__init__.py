"""Slack over HTTP: the real Bolt app behind the real HTTP server, a fake Web API on loopback."""
