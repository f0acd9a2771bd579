"""The 👎 modal and its thank-you view, as Block Kit views: pure, like `bot.render.slack`."""

from __future__ import annotations

import json
from typing import Any, get_args

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import messages
from bot.answerlog.records import Reason
from bot.render.slack import escape

REASON_CALLBACK = "feedback_reason"
"""`callback_id` of the modal; its submission carries the reason."""
REASON_BLOCK, REASON_ACTION = "reason", "reason"
COMMENT_BLOCK, COMMENT_ACTION = "comment", "comment"
COMMENT_CHARS = 500


def reason_modal(*, citation: str, feedback_value: str) -> dict[str, Any]:
    """Why the answer was not good: one of four reasons and, if wanted, a few words."""
    options = [Option(value=v, text=PlainTextObject(text=label)) for v, label in messages.FEEDBACK_REASONS.items()]
    view = View(
        type="modal",
        callback_id=REASON_CALLBACK,
        private_metadata=json.dumps({"value": feedback_value}),
        title=PlainTextObject(text=messages.FEEDBACK_MODAL_TITLE),
        submit=PlainTextObject(text=messages.FEEDBACK_MODAL_SUBMIT),
        close=PlainTextObject(text=messages.FEEDBACK_MODAL_CLOSE),
        blocks=[
            ContextBlock(elements=[MarkdownTextObject(text=escape(messages.feedback_modal_intro(citation)))]),
            InputBlock(
                block_id=REASON_BLOCK,
                label=PlainTextObject(text=messages.FEEDBACK_REASON_LABEL),
                element=RadioButtonsElement(action_id=REASON_ACTION, options=options),
            ),
            InputBlock(
                block_id=COMMENT_BLOCK,
                label=PlainTextObject(text=messages.FEEDBACK_COMMENT_LABEL),
                element=PlainTextInputElement(action_id=COMMENT_ACTION, multiline=True, max_length=COMMENT_CHARS),
                optional=True,
            ),
        ],
    )
    return view.to_dict()


def thanks_view() -> dict[str, Any]:
    """What the modal turns into after "Verstuur"."""
    view = View(
        type="modal",
        title=PlainTextObject(text=messages.FEEDBACK_THANKS_TITLE),
        close=PlainTextObject(text=messages.FEEDBACK_MODAL_CLOSE_DONE),
        blocks=[SectionBlock(text=MarkdownTextObject(text=escape(messages.FEEDBACK_THANKS)))],
    )
    return view.to_dict()


def submitted_value(view: dict[str, Any]) -> str | None:
    try:
        value = json.loads(str(view.get("private_metadata") or ""))["value"]
    except (ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, str) else None


def submitted_reason(view: dict[str, Any]) -> tuple[Reason | None, str | None]:
    """(reason, comment) from a submitted modal; unknown or missing parts are None."""
    values: dict[str, Any] = (view.get("state") or {}).get("values") or {}
    selected = ((values.get(REASON_BLOCK) or {}).get(REASON_ACTION) or {}).get("selected_option") or {}
    chosen = selected.get("value")
    comment = ((values.get(COMMENT_BLOCK) or {}).get(COMMENT_ACTION) or {}).get("value")
    reason = next((r for r in get_args(Reason) if r == chosen), None)
    comment = comment.strip()[:COMMENT_CHARS] or None if isinstance(comment, str) else None
    return reason, comment
