"""The tenancy serializers under their Nautobot 1.x names (`<Model>Serializer`, `Nested<Model>Serializer`), made
on first use from the specs."""

from nautobot.core.api.serializers import app_serializers

__getattr__ = app_serializers("tenancy")
