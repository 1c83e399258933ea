"""1.x `nautobot.extras.models.datasources`."""

from nautobot.extras.datasources.models import GitRepository

__all__ = ["GitRepository"]
