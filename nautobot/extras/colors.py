"""The color of statuses, tags, device roles, racks and cables: six lower-case hex digits (RGB).

The validator lives with `ColorField` in the core (`nautobot.core.models.fields`); imported here by the models that
declare their color as a plain `CharField`.
"""

from nautobot.core.models.fields import ColorValidator

__all__ = ["ColorValidator"]
