"""1.x `nautobot.extras.models.statuses` (apps' migrations import `StatusField` from here)."""

from nautobot.extras.statuses.models import Status, StatusField, StatusModel

__all__ = ["Status", "StatusField", "StatusModel"]
