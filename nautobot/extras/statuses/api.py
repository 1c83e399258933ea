"""`status` in the REST API: read as `{"value": slug, "label": name}`, written as the slug."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from rest_framework import serializers


class StatusSerializerField(serializers.RelatedField):
    """`status`: read as `{"value": slug, "label": name}`, written as the slug (any case).

    Required unless declared otherwise (a 1.x app's `StatusSerializerField(required=False, ...)` for a model whose
    status may be empty); the field generated for our models is `GeneratedStatusField`.
    """

    default_error_messages = {
        "invalid": "Invalid status: {value}. Choose one of: {choices}.",
    }
    select_related = True  # loaded with the list query (see core.api.querysets)

    def __init__(self, **kwargs) -> None:
        kwargs.pop("many", None)
        if not kwargs.get("read_only"):
            kwargs.setdefault("required", True)
            kwargs.setdefault("allow_null", False)
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


class GeneratedStatusField(StatusSerializerField):
    """`status` of our models' serializers: required when present, as the original's, although the model column is
    nullable (for the API versions whose serializer has no `status`, where the spec's `default_status` is given)."""

    def __init__(self, **kwargs) -> None:
        if not kwargs.get("read_only"):
            kwargs.update(required=True, allow_null=False)
        super().__init__(**kwargs)
