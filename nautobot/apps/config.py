"""1.x `nautobot.apps.config`: an app's settings, from `PLUGINS_CONFIG` or its `constance_config` defaults."""

from nautobot.core.plugins import ConstanceConfigItem, get_app_settings_or_config

__all__ = ["ConstanceConfigItem", "get_app_settings_or_config"]
