"""Hand-written serializer bases of extras models."""

from django.contrib.contenttypes.models import ContentType
from rest_framework import serializers

from nautobot.core.api.serializers import BaseModelSerializer


def taggable_content_types():
    from nautobot.core.models import PrimaryModel

    return [ct for ct in ContentType.objects.all() if ct.model_class() and issubclass(ct.model_class(), PrimaryModel)]


class TagSerializerBase(BaseModelSerializer):
    """Tags: API 1.2 has no `content_types` and gives new tags every taggable type; 1.3+ requires them."""

    def get_fields(self):
        fields = super().get_fields()
        if "content_types" in fields:
            fields["content_types"].required = True
            fields["content_types"].allow_empty = False
        return fields

    def create(self, validated_data):
        tag = super().create(validated_data)
        if "content_types" not in self.fields:
            tag.content_types.set(taggable_content_types())
        return tag


class ContentTypeSerializerBase(BaseModelSerializer):
    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return f"{obj.app_label} | {obj.model}"
