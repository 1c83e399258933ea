"""1.x `nautobot.apps.admin`: the base of an app's Django admin classes (see `nautobot.core.admin`)."""

from nautobot.core.admin import NautobotModelAdmin

__all__ = ["NautobotModelAdmin"]
