"""Custom field values: validation per type, defaults, and the definitions that apply to a model."""

import datetime
import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from nautobot.core import fastpath


def _fields_for_content_type(content_type_id):
    from nautobot.extras.models import CustomField

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


def validate_value(field, value: Any) -> Any:
    """Check `value` against `field` (type, bounds, regex, choices); return it normalized."""
    from nautobot.extras.models import CustomFieldType as T

    if value in (None, ""):
        if field.required:
            raise ValidationError("Required field cannot be empty.")
        return None
    if field.type in (T.TEXT, T.MARKDOWN, T.URL):
        if not isinstance(value, str):
            raise ValidationError("Value must be a string.")
        if field.validation_regex and not re.search(field.validation_regex, value):
            raise ValidationError(f"Value must match regex '{field.validation_regex}'.")
        if field.type == T.URL:
            URLValidator()(value)
        return value
    if field.type == T.INTEGER:
        if isinstance(value, bool):
            raise ValidationError("Value must be an integer.")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError("Value must be an integer.") from None
        if str(number) != str(value).strip() and not isinstance(value, int):
            raise ValidationError("Value must be an integer.")
        if field.validation_minimum is not None and number < field.validation_minimum:
            raise ValidationError(f"Value must be at least {field.validation_minimum}.")
        if field.validation_maximum is not None and number > field.validation_maximum:
            raise ValidationError(f"Value must not exceed {field.validation_maximum}.")
        return number
    if field.type == T.BOOLEAN:
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1"):
            return True
        if str(value).lower() in ("false", "0"):
            return False
        raise ValidationError("Value must be true or false.")
    if field.type == T.DATE:
        try:
            return datetime.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationError("Date values must be in the format YYYY-MM-DD.") from None
    choices = [c.value for c in field.choices.all()]
    if field.type == T.SELECT:
        if value not in choices:
            raise ValidationError(f"Invalid choice ({value}). Available choices are: {', '.join(choices)}")
        return value
    if field.type == T.MULTISELECT:
        values = value if isinstance(value, list) else [value]
        invalid = [v for v in values if v not in choices]
        if invalid:
            raise ValidationError(
                f"Invalid choice(s) ({', '.join(map(str, invalid))}). Available choices are: {', '.join(choices)}"
            )
        return values
    return value  # JSON: anything JSON can hold


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
