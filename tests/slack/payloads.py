"""What Slack sends to the bot, in the shapes Slack uses: shared by the HTTP and Socket Mode tests.

Builders only: each returns a payload; how it travels (a signed HTTP request, a Socket Mode envelope)
is the caller's business.
"""

from __future__ import annotations

from typing import Any

from tests.slack.fake_slack import BOT_ID, BOT_USER_ID, TEAM_ID

APP_ID = "A0KAMERVRAAG"
CHANNEL = "C0CHANNEL"
USER = "U0PERSON"


def command_form(text: str, response_url: str, **fields: str) -> dict[str, str]:
    """`/kamervraag <text>`, the form fields of a slash command."""
    return {
        "token": "legacy-verification",
        "team_id": TEAM_ID,
        "channel_id": CHANNEL,
        "channel_name": "algemeen",
        "user_id": USER,
        "user_name": "ambtenaar",
        "command": "/kamervraag",
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": "1.2.3",
        **fields,
    }


def event_callback(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    """An Events API delivery wrapping one event."""
    return {
        "token": "legacy-verification",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1700000000,
        "event": event,
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        "is_ext_shared_channel": False,
    }


def mention_event(text: str, ts: str, *, channel: str = CHANNEL, thread_ts: str | None = None) -> dict[str, Any]:
    """`@kamervraag <text>` (`app_mention`)."""
    event: dict[str, Any] = {
        "type": "app_mention",
        "user": USER,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message_event(
    text: str,
    ts: str,
    *,
    channel: str = CHANNEL,
    thread_ts: str | None = None,
    channel_type: str = "channel",
    **extra: Any,
) -> dict[str, Any]:
    """A `message.*` event: a thread reply, a top-level message or a DM (`channel_type="im"`)."""
    event: dict[str, Any] = {
        "type": "message",
        "user": USER,
        "text": text,
        "ts": ts,
        "channel": channel,
        "channel_type": channel_type,
        "event_ts": ts,
        **extra,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def button_click(
    value: str,
    *,
    container: dict[str, Any],
    message: dict[str, Any] | None,
    response_url: str,
    action_id: str = "kamervraag_show:0",
    user: str = USER,
) -> dict[str, Any]:
    """A click on a button ("Vraag N" unless `action_id` says otherwise); `message` is None for a private
    (ephemeral) message."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "api_app_id": APP_ID,
        "token": "legacy-verification",
        "container": container,
        "channel": {"id": container.get("channel_id", CHANNEL)},
        "response_url": response_url,
        "trigger_id": "1.2.3",
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": value, "action_ts": "1"}],
    }
    if message is not None:
        payload["message"] = message
    return payload


def thread_button_click(value: str, *, message_ts: str, thread_ts: str, response_url: str) -> dict[str, Any]:
    """A click on a button of the bot's answer inside a channel thread."""
    container = {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": CHANNEL,
        "is_ephemeral": False,
        "thread_ts": thread_ts,
    }
    message = {"type": "message", "ts": message_ts, "thread_ts": thread_ts, "bot_id": BOT_ID}
    return button_click(value, container=container, message=message, response_url=response_url)


def message_shortcut(
    callback_id: str, message: dict[str, Any], *, response_url: str, channel: str = CHANNEL, user: str = USER
) -> dict[str, Any]:
    """A message shortcut ("⋮ → Zoek officieel antwoord") on `message`."""
    return {
        "type": "message_action",
        "token": "legacy-verification",
        "action_ts": "1700000000.000001",
        "team": {"id": TEAM_ID, "domain": "kamer"},
        "user": {"id": user, "name": "ambtenaar"},
        "channel": {"id": channel, "name": "algemeen"},
        "is_enterprise_install": False,
        "callback_id": callback_id,
        "trigger_id": "1.2.3",
        "response_url": response_url,
        "message_ts": message["ts"],
        "message": {"type": "message", **message},
    }


def app_home_opened(user: str = USER, tab: str = "home") -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": tab, "event_ts": "1700000000.000002"}


def view_submission(view: dict[str, Any], values: dict[str, Any], *, user: str = USER) -> dict[str, Any]:
    """The user pressed the submit button of a modal the bot opened (`view` as given to views.open)."""
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": user},
        "api_app_id": APP_ID,
        "token": "legacy-verification",
        "trigger_id": "4.5.6",
        "view": {**view, "id": "V0001", "team_id": TEAM_ID, "state": {"values": values}},
    }
