"""`tags` in the REST API (a list of nested tags, written as UUIDs or attribute dicts) and the tag serializer."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.fields import NestedRelatedField
from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.core.models import PrimaryModel
from nautobot.extras.tags.loading import LOADED_TAGS
from nautobot.extras.tags.models import Tag


class TagsField(serializers.Field):
    """`tags`: a list of nested tags; written as UUIDs or attribute dicts; `[]` clears."""

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def get_attribute(self, instance):
        if instance._state.adding:
            return []
        loaded = getattr(instance, LOADED_TAGS, None)
        if loaded is not None:
            return loaded
        if not hasattr(instance, "tags"):
            # A 1.x app's serializer with `TaggedObjectSerializer` on a model without tags: 1.x leaves `tags` out.
            raise serializers.SkipField()
        return instance.tags.all()

    def to_representation(self, value) -> list[dict]:
        request = self.context.get("request")
        return [brief_representation(tag, request) for tag in value]

    def to_internal_value(self, data: Any) -> list:
        if not isinstance(data, list):
            raise serializers.ValidationError("Expected a list of tags.")
        field = NestedRelatedField(queryset=Tag.objects.all())
        tags = [field.to_internal_value(item) for item in data]
        return list(dict.fromkeys(tags))


def tags_builder(model_class):
    return TagsField, {}


def taggable_content_types():
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
