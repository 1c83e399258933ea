"""Serializer fields for status, tags and custom fields, registered with the core serializer machinery (`register`)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.fields import NestedRelatedField
from nautobot.core.registry import ExtraField, RowLoader, SerializerFieldOverride, ValidationHook, registry
from nautobot.extras.tags.loading import LOADED_TAGS, load_tags


class StatusSerializerField(serializers.RelatedField):
    """`status`: read as `{"value": slug, "label": name}`, written as the slug (any case)."""

    default_error_messages = {
        "invalid": "Invalid status: {value}. Choose one of: {choices}.",
    }
    select_related = True  # loaded with the list query (see core.api.querysets)

    def __init__(self, **kwargs) -> None:
        kwargs.pop("many", None)
        if not kwargs.get("read_only"):
            # Required when present, as the original's (the model column is nullable for API versions whose
            # serializer has no `status`, where the spec's `default_status` is given).
            kwargs["required"] = True
            kwargs["allow_null"] = False
        super().__init__(**kwargs)

    def _model_statuses(self) -> list:
        model = self.parent.Meta.model
        cache = self.context.setdefault("_statuses_by_model", {}) if isinstance(self.context, dict) else {}
        if model not in cache:
            cache[model] = list(self.get_queryset().filter(content_types=ContentType.objects.get_for_model(model)))
        return cache[model]

    def to_representation(self, value) -> dict:
        return {"value": value.slug, "label": value.name}

    def to_internal_value(self, data: Any):
        if isinstance(data, dict):
            data = data.get("value") or data.get("slug") or data.get("name")
        statuses = self._model_statuses()
        for status in statuses:
            if str(data).lower() in (status.slug.lower(), str(status.pk)):
                return status
        self.fail("invalid", value=data, choices=", ".join(s.slug for s in statuses))

    def metadata_choices(self) -> list[dict]:
        return [{"value": s.slug, "display": s.name} for s in self._model_statuses()]

    def get_choices(self, cutoff=None):
        return {}


class TagsField(serializers.Field):
    """`tags`: a list of nested tags; written as UUIDs or attribute dicts; `[]` clears."""

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def get_attribute(self, instance):
        if instance._state.adding:
            return []
        loaded = getattr(instance, LOADED_TAGS, None)
        return loaded if loaded is not None else instance.tags.all()

    def to_representation(self, value) -> list[dict]:
        request = self.context.get("request")
        return [brief_representation(tag, request) for tag in value]

    def to_internal_value(self, data: Any) -> list:
        from nautobot.extras.models import Tag

        if not isinstance(data, list):
            raise serializers.ValidationError("Expected a list of tags.")
        field = NestedRelatedField(queryset=Tag.objects.all())
        tags = [field.to_internal_value(item) for item in data]
        return list(dict.fromkeys(tags))


class CustomFieldsDataField(serializers.Field):
    """`custom_fields`: every custom field of the model by name; validated against the definitions."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="_custom_field_data", required=False, **kwargs)

    def _definitions(self):
        from nautobot.extras.customfields.data import fields_for_model

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


def _custom_fields_builder(model_class):
    return CustomFieldsDataField, {}


def _tags_builder(model_class):
    return TagsField, {}


def clean_custom_field_data(serializer, attrs: dict) -> dict:
    """Validate `_custom_field_data` in `attrs` (filling defaults on create); DRF errors under `custom_fields`."""
    from nautobot.extras.customfields.data import clean_data

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
        from nautobot.extras.customfields.data import fields_for_model

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


def register() -> None:
    """Register status, tags and custom fields with the serializers (called from `ExtrasConfig.ready`)."""
    registry.serializer_field_overrides.register(SerializerFieldOverride("extras.Status", StatusSerializerField))
    registry.extra_fields.register(ExtraField("custom_fields", _custom_fields_builder))
    registry.extra_fields.register(ExtraField("tags", _tags_builder))
    registry.validation_hooks.register(ValidationHook(clean_custom_field_data))
    registry.row_loaders.register(RowLoader(load_tags))
