"""Custom fields in the REST API: the `custom_fields` field, its validation against the definitions, the custom
field serializer's versions, and `?include=computed_fields`."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.extras.customfields.data import clean_data, fields_for_model
from nautobot.extras.customfields.models import ComputedField


class CustomFieldsDataField(serializers.Field):
    """`custom_fields`: every custom field of the model by name; validated against the definitions."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="_custom_field_data", required=False, **kwargs)

    def _definitions(self):
        cache = self.context.setdefault("_custom_field_definitions", {})
        model = (
            self.parent.Meta.model
            if not isinstance(self.parent, serializers.ListSerializer)
            else self.parent.child.Meta.model
        )
        if model not in cache:
            cache[model] = fields_for_model(model)
        return cache[model]

    def get_attribute(self, instance):
        return instance._custom_field_data

    def to_representation(self, value: dict) -> dict:
        return {field.name: value.get(field.name) for field in self._definitions()}

    def to_internal_value(self, data: Any) -> dict:
        if not isinstance(data, dict):
            raise serializers.ValidationError("Custom field data must be an object of field names and values.")
        return data


def custom_fields_builder(model_class):
    return CustomFieldsDataField, {}


def clean_custom_field_data(serializer, attrs: dict) -> dict:
    """Validate `_custom_field_data` in `attrs` (filling defaults on create); DRF errors under `custom_fields`."""
    model = serializer.Meta.model
    if not hasattr(model, "_custom_field_data"):
        return attrs
    instance = (
        serializer.instance if serializer.instance is not None and not isinstance(serializer.instance, list) else None
    )
    if instance is not None and "_custom_field_data" not in attrs:
        return attrs
    definitions = serializer.context.setdefault("_custom_field_definitions", {})
    if model not in definitions:
        definitions[model] = fields_for_model(model)
    try:
        attrs["_custom_field_data"] = clean_data(
            model,
            attrs.get("_custom_field_data"),
            current=instance._custom_field_data if instance else None,
            creating=instance is None,
            definitions=definitions[model],
        )
    except DjangoValidationError as exc:
        raise serializers.ValidationError({"custom_fields": exc.message_dict}) from None
    return attrs


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


def computed_fields(objects: list, request) -> dict:
    """`?include=computed_fields`: `{pk: {slug: rendered value}}` for a page of objects of one model."""
    if not objects:
        return {}
    fields = list(ComputedField.objects.filter(content_type=ContentType.objects.get_for_model(type(objects[0]))))
    return {obj.pk: {field.slug: field.render(obj) for field in fields} for obj in objects}
