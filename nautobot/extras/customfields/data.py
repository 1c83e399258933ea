"""The custom field data of objects: the definitions that apply to a model, and an object's data checked against them."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core import fastpath
from nautobot.extras.customfields.models import CustomField


def _fields_for_content_type(content_type_id):
    return CustomField.objects.filter(content_types=content_type_id)


# Read on every API request that shows custom fields: compiled once on the fast path (the ORM's compile cost more
# than the query).
_fields_for = fastpath.Query(_fields_for_content_type, -7_340_001)


def fields_for_model(model: type[models.Model]) -> list:
    """Custom fields that apply to `model`, in display order."""
    fields = _fields_for(ContentType.objects.get_for_model(model).pk)
    if fields:
        models.prefetch_related_objects(fields, "choices")
    return fields


def clean_data(
    model: type[models.Model],
    data: dict | None,
    *,
    current: dict | None,
    creating: bool,
    definitions: list | None = None,
) -> dict:
    """Validate the custom field data of an object of `model`: unknown names refused, defaults filled on create.

    `definitions` (the model's custom fields) may be passed in to save the query when validating many objects.
    """
    definitions = {f.name: f for f in (fields_for_model(model) if definitions is None else definitions)}
    data = data or {}
    errors = {}
    unknown = [name for name in data if name not in definitions]
    for name in unknown:
        errors[name] = f"Unknown field name '{name}' in custom field data."
    merged = dict(current or {})
    for name, field in definitions.items():
        if name in data:
            raw = data[name]
        elif creating or name not in merged:
            raw = field.default
        else:
            raw = merged[name]
        try:
            merged[name] = field.validate(raw)
        except ValidationError as exc:
            errors[name] = "; ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    return merged
