"""1.x `nautobot.extras.models.change_logging`."""

from nautobot.core.models import ChangeLoggedModel
from nautobot.extras.changelog.models import ObjectChange

__all__ = ["ChangeLoggedModel", "ObjectChange"]
