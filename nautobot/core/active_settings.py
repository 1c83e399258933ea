"""The settings module Django loads (`DJANGO_SETTINGS_MODULE`): defaults + the user's config file.

Which file: see `nautobot.core.config.resolve_config_path` (`NAUTOBOT_CONFIG` is set by the CLI).
"""

from nautobot.core.config import current_settings

globals().update(current_settings())
