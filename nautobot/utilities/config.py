"""1.x `nautobot.utilities.config`: a Nautobot setting by name."""

from nautobot.core.plugins import get_settings_or_config

__all__ = ["get_settings_or_config"]
