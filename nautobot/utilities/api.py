"""Nautobot 1.x's `nautobot.utilities.api` (a façade over `nautobot.core.api`)."""

from nautobot.core.api.serializers import SerializerNotFound, get_serializer_for_model

__all__ = ["SerializerNotFound", "get_serializer_for_model"]
