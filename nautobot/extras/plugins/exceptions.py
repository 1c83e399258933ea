"""1.x `nautobot.extras.plugins.exceptions`: the errors a plugin that cannot load raises (one line naming it)."""

from nautobot.core.plugins import PluginError as PluginImproperlyConfigured
from nautobot.core.plugins import PluginNotFound

__all__ = ["PluginImproperlyConfigured", "PluginNotFound"]
