"""The filter sets of extras that apps import from here (as in Nautobot 1.x)."""

from nautobot.extras.configcontexts.filters import LocalContextFilterSet

__all__ = ["LocalContextFilterSet"]
