"""Serializer bases that several extras models share (named by their specs as `serializer_base`)."""

from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.core.specs import has_spec


class OwnedSerializerBase(BaseModelSerializer):
    """Records that a data source (e.g. a Git repository) may own: read-only nested `owner`."""

    owner = serializers.SerializerMethodField(read_only=True)

    def get_owner(self, obj) -> dict | None:
        owner = obj.owner if obj.owner_content_type_id else None
        if owner is None or not has_spec(type(owner)):
            return None
        return brief_representation(owner, self.context.get("request"))


class ContentTypeSerializerBase(BaseModelSerializer):
    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return f"{obj.app_label} | {obj.model}"
