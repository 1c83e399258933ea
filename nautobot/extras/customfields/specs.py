"""Specs of custom fields, their choices and computed fields (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.customfields.api import CustomFieldSerializerBase
from nautobot.extras.customfields.models import ComputedField, CustomField, CustomFieldChoice


class CustomFieldSpec(ObjectSpec):
    model = CustomField
    slug_source = None  # API 1.2-1.3: the name (model's clean); 1.4+: required
    api_fields = (
        "content_types",
        "type",
        "name",
        "label",
        "slug",
        "description",
        "required",
        "filter_logic",
        "default",
        "weight",
        "validation_minimum",
        "validation_maximum",
        "validation_regex",
        "created",
        "last_updated",
    )
    brief_fields = ("name", "slug")
    filter_fields = ("name", "label", "slug", "type", "required", "filter_logic", "weight", "content_types")
    search_fields = ("name", "label", "description")
    extra_kwargs = {"label": {"required": False}, "slug": {"required": False}}
    field_versions = {"name": (None, "1.4")}  # from 1.4 a custom field is named by its slug
    serializer_base = CustomFieldSerializerBase


class CustomFieldChoiceSpec(ObjectSpec):
    model = CustomFieldChoice
    api_fields = ("field", "value", "weight", "created", "last_updated")
    brief_fields = ("value",)
    filter_fields = ("field", "value", "weight")
    search_fields = ("value",)
    menu_group = None


class ComputedFieldSpec(ObjectSpec):
    model = ComputedField
    slug_source, slug_separator = "label", "_"
    api_fields = (
        "content_type",
        "slug",
        "label",
        "description",
        "template",
        "fallback_value",
        "weight",
        "advanced_ui",
        "created",
        "last_updated",
    )
    brief_fields = ("slug", "label")
    filter_fields = ("slug", "label", "weight", "content_type", "template", "fallback_value")
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("content_type", "content_type__n")
    search_fields = ("label", "slug", "description", "template")
