"""`Nested<Model>Serializer` of every ipam model, the Nautobot 1.x module apps import them from: each the brief
(nested) form of its model, written as a primary key or a dict of attributes (`core.api.nested_serializer`)."""

from nautobot.core.api.serializers import app_serializers

__getattr__ = app_serializers("ipam", full=False)
