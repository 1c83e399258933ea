"""1.x `nautobot.utilities.config`: a setting from nautobot_config.py, else its runtime value (django-constance)."""

from nautobot.core.runtime_settings import get_settings_or_config

__all__ = ["get_settings_or_config"]
