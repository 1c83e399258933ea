"""1.x path of the shared validators."""

from nautobot.core.validators import EnhancedURLValidator

__all__ = ["EnhancedURLValidator"]
