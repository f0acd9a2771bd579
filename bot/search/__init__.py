"""The answering engine: pure search over a loaded corpus (no Slack, no I/O)."""

from bot.search.engine import Engine
from bot.search.types import Hit, Outcome

__all__ = ["Engine", "Hit", "Outcome"]
