"""1.x path of `sanitize` (apps call it on what they log)."""

from nautobot.core.logging import sanitize

__all__ = ["sanitize"]
