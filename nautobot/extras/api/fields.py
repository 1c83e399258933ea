"""1.x path `nautobot.extras.api.fields`: `StatusSerializerField`, which apps declare on their serializers."""

from nautobot.extras.statuses.api import StatusSerializerField

__all__ = ["StatusSerializerField"]
