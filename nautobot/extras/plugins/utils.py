"""1.x `nautobot.extras.plugins.utils`: loading plugins and importing what their hooks name."""

from nautobot.core.plugins.loading import load_plugins
from nautobot.extras.plugins.hooks import import_object

__all__ = ["import_object", "load_plugins"]
