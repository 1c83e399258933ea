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


class CustomFieldSerializerBase(BaseModelSerializer):
    """Custom fields: API 1.2-1.3 name them by `name` (label and slug derived from it); from 1.4 there is no
    `name` (the spec's `field_versions`): `type`, `label` and `slug` are required and the name is the slug."""

    def get_fields(self):
        fields = super().get_fields()
        if "name" not in fields:
            for name in ("type", "label", "slug"):
                if name in fields and not fields[name].read_only:
                    fields[name].required = True
                    fields[name].allow_null = False
                    if hasattr(fields[name], "allow_blank"):
                        fields[name].allow_blank = False
        return fields

    def validate(self, attrs: dict) -> dict:
        if self.instance is None and "name" not in self.fields and attrs.get("slug"):
            attrs["name"] = attrs["slug"]
        elif self.instance is None and attrs.get("name"):
            # 1.2-1.3: what is left out follows from the name (the model's rules, kept in the saved row).
            attrs["slug"] = attrs.get("slug") or attrs["name"]
            attrs["label"] = attrs.get("label") or str(self.Meta.model(name=attrs["name"]))
        return super().validate(attrs)


class ContentTypeSerializerBase(BaseModelSerializer):
    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return f"{obj.app_label} | {obj.model}"
