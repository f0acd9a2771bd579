"""deploy/manifest.json (Socket Mode) and deploy/manifest-http.json: exactly what the app uses.

The listeners are read from the real app (`create_app`), the Web API methods from the bot's source;
each maps to the events and scopes Slack requires for it. A scope or event the bot does not use is
as much a failure as one it lacks (least privilege; Slack's review asks the same).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.listener_matcher.builtins import BuiltinListenerMatcher
from slack_sdk import WebClient

from bot import messages
from bot.corpus import Corpus
from bot.search import Engine
from bot.settings import Settings
from bot.slack.app import create_app, shutdown_app
from bot.slack.listeners.shortcuts import SHORTCUT_CALLBACK_ID
from bot.slack.web import EVENTS_PATH

ROOT = Path(__file__).resolve().parents[2]
SOCKET_MANIFEST = ROOT / "deploy" / "manifest.json"
HTTP_MANIFEST = ROOT / "deploy" / "manifest-http.json"

# What Slack requires for each kind of listener: (bot events, bot scopes).
EVENT_NEEDS: dict[str, tuple[set[str], set[str]]] = {
    "app_mention": ({"app_mention"}, {"app_mentions:read"}),
    "app_home_opened": ({"app_home_opened"}, set()),
    # Follow-ups in threads of public and private channels, and direct messages. Group DMs (mpim)
    # are left out on purpose: the bot does not take part in them.
    "message": (
        {"message.channels", "message.groups", "message.im"},
        {"channels:history", "groups:history", "im:history"},
    ),
}
COMMAND_SCOPES = {"commands"}
# Web API methods → bot scopes (https://docs.slack.dev/reference/methods).
METHOD_SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "chat.update": {"chat:write"},
    "views.publish": set(),
    # The threads the bot reads are those of the channel types it subscribes to.
    "conversations.replies": {"channels:history", "groups:history", "im:history"},
    "views.open": set(),  # the 👎 reason modal: needs only the click's trigger_id
}


@dataclass(frozen=True)
class Registered:
    events: frozenset[str]
    commands: frozenset[str]
    actions: int
    shortcuts: frozenset[str]


def registered(app: App) -> Registered:
    """The event types, slash commands and actions the app's listeners are registered for."""
    events: set[str] = set()
    commands: set[str] = set()
    shortcuts: set[str] = set()
    actions = 0
    for listener in app._listeners:
        primary = listener.matchers[0]
        assert isinstance(primary, BuiltinListenerMatcher), f"unexpected listener matcher {primary!r}"
        func = primary.func
        kind = func.__qualname__.split(".")[0]
        closure = dict(zip(func.__code__.co_freevars, (c.cell_contents for c in func.__closure__ or ()), strict=True))
        if kind == "event":
            event_type = closure.get("event_type") or closure["constraints"]["type"]
            assert isinstance(event_type, str), f"event listener on a pattern: {event_type!r}"
            events.add(event_type)
        elif kind == "command":
            assert isinstance(closure["command"], str), "a slash command listener must name its command"
            commands.add(closure["command"])
        elif kind in ("action", "view_submission"):  # both arrive through interactivity
            actions += 1
        elif kind == "message_shortcut":
            assert isinstance(closure["callback_id"], str), "a message shortcut listener must name its callback_id"
            shortcuts.add(closure["callback_id"])
        else:
            raise AssertionError(f"listener kind {kind!r}: add the events and scopes it needs to this test")
    return Registered(frozenset(events), frozenset(commands), actions, frozenset(shortcuts))


def web_api_methods() -> set[str]:
    """Every `client.chat_postMessage(…)`-style call in the bot's source, as `chat.postMessage`."""
    api = {name for name in dir(WebClient) if re.fullmatch(r"[a-z]+(_[a-zA-Z]+)+", name)}
    calls = {
        m for path in (ROOT / "bot").rglob("*.py") for m in re.findall(r"\.([a-z]+_[A-Za-z_]+)\(", path.read_text())
    }
    return {name.replace("_", ".") for name in calls & api}


@pytest.fixture(scope="module")
def app(corpus: Corpus, engine: Engine) -> Iterator[App]:
    settings = Settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-manifest-test", SLACK_API_URL="http://127.0.0.1:9/api/")
    identity = AuthorizeResult(enterprise_id=None, team_id="T1", bot_user_id="U1", bot_id="B1")  # as from auth.test
    built = create_app(settings, corpus=corpus, engine=engine, identity=identity)  # no network: nothing is sent
    yield built
    shutdown_app(built)


def load(path: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


@pytest.fixture(params=[SOCKET_MANIFEST, HTTP_MANIFEST], ids=["socket", "http"])
def manifest(request: pytest.FixtureRequest) -> dict[str, Any]:
    return load(request.param)


def test_events_and_scopes_are_exactly_what_the_listeners_and_web_calls_need(
    app: App, manifest: dict[str, Any]
) -> None:
    found = registered(app)
    assert found.events, "no event listeners found: the introspection is broken"
    unknown = found.events - EVENT_NEEDS.keys()
    assert not unknown, f"listeners for {unknown}: add their events and scopes to EVENT_NEEDS"
    methods = web_api_methods()
    assert "chat.postMessage" in methods, "no Web API calls found: the source scan is broken"
    assert not methods - METHOD_SCOPES.keys(), f"add the scopes of {methods - METHOD_SCOPES.keys()} to METHOD_SCOPES"

    events = set().union(*(EVENT_NEEDS[e][0] for e in found.events))
    scopes = set().union(*(EVENT_NEEDS[e][1] for e in found.events), *(METHOD_SCOPES[m] for m in methods))
    if found.commands:
        scopes |= COMMAND_SCOPES

    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == sorted(events)
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(scopes)
    assert "user" not in manifest["oauth_config"]["scopes"]  # a bot, never a user's token


def test_each_subscribed_event_reaches_a_listener(app: App, manifest: dict[str, Any]) -> None:
    """Probe with the payload Slack sends for each subscription (`message.im` → type message, im)."""
    for subscription in manifest["settings"]["event_subscriptions"]["bot_events"]:
        event_type, _, channel_type = subscription.partition(".")
        event = {"type": event_type, "channel": "C1", "user": "U1", "text": "53", "ts": "1.2"}
        if channel_type:
            event["channel_type"] = {"channels": "channel", "groups": "group", "im": "im"}[channel_type]
        request = BoltRequest(body={"type": "event_callback", "event": event}, mode="socket_mode")
        response = BoltResponse(status=404)
        assert any(listener.matches(req=request, resp=response) for listener in app._listeners), subscription


def test_slash_command_interactivity_and_direct_messages(app: App, manifest: dict[str, Any]) -> None:
    found = registered(app)
    commands = manifest["features"]["slash_commands"]
    assert {c["command"] for c in commands} == set(found.commands) == {"/kamervraag"}
    for command in commands:
        assert 2 <= len(command["command"]) <= 32 and command["command"].startswith("/")
        assert 1 <= len(command["description"]) <= 2000 and 1 <= len(command["usage_hint"]) <= 1000
    assert manifest["settings"]["interactivity"]["is_enabled"] is (found.actions > 0) is True
    # Without the messages tab (and not read-only) a user cannot send the bot a direct message.
    home = manifest["features"]["app_home"]
    assert home["messages_tab_enabled"] is True and home["messages_tab_read_only_enabled"] is False
    assert manifest["features"]["bot_user"] == {"display_name": "kamervraag", "always_online": True}
    info = manifest["display_information"]
    assert info["name"] == "kamervraag" and 1 <= len(info["description"]) <= 140
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", info["background_color"])


def urls(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for name, value in node.items():
            if name.endswith("url") or name.endswith("urls"):
                yield f"{path}.{name}", value
            yield from urls(value, f"{path}.{name}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from urls(value, f"{path}[{i}]")


def test_socket_mode_manifest_has_no_urls() -> None:
    manifest = load(SOCKET_MANIFEST)
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert list(urls(manifest)) == []


def test_http_manifest_sends_everything_to_slack_events() -> None:
    manifest = load(HTTP_MANIFEST)
    assert manifest["settings"]["socket_mode_enabled"] is False
    found = dict(urls(manifest))
    assert set(found) == {
        ".features.slash_commands[0].url",
        ".settings.event_subscriptions.request_url",
        ".settings.interactivity.request_url",
    }
    for url in found.values():
        assert re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]+" + re.escape(EVENTS_PATH), url), url


def test_the_two_manifests_differ_only_in_transport() -> None:
    def without_transport(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: without_transport(v)
                for k, v in node.items()
                if not (k.endswith("url") or k == "socket_mode_enabled")
            }
        if isinstance(node, list):
            return [without_transport(v) for v in node]
        return node

    assert without_transport(load(SOCKET_MANIFEST)) == without_transport(load(HTTP_MANIFEST))


def test_message_shortcut_and_app_home_are_declared_as_the_app_handles_them(app: App, manifest: dict[str, Any]) -> None:
    found = registered(app)
    shortcuts = manifest["features"]["shortcuts"]
    assert {s["callback_id"] for s in shortcuts} == set(found.shortcuts) == {SHORTCUT_CALLBACK_ID}
    (shortcut,) = shortcuts
    assert shortcut["type"] == "message" and shortcut["name"] == messages.SHORTCUT_NAME
    assert 1 <= len(shortcut["name"]) <= 24  # Slack rejects a longer shortcut name when the manifest is applied
    assert 1 <= len(shortcut["description"]) <= 150 and len(shortcut["callback_id"]) <= 255
    # The Home tab is shown exactly when the app publishes it on app_home_opened.
    assert manifest["features"]["app_home"]["home_tab_enabled"] is ("app_home_opened" in found.events) is True
