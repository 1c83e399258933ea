"""Nautobot 1.x's `nautobot.extras.api.relationships`: the `relationships` serializer field and the mixin that adds
it (the implementations live in `extras.relationships.api` and `extras.api.serializers`)."""

from nautobot.extras.api.serializers import RelationshipModelSerializerMixin
from nautobot.extras.relationships.api import RelationshipsWriteField

# The 1.x name of the field (written; its read side is `?include=relationships`).
RelationshipsDataField = RelationshipsWriteField

__all__ = ["RelationshipModelSerializerMixin", "RelationshipsDataField"]
