"""One custom field value: validated and normalized by the field's type, bounds, regex and choices."""

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from nautobot.core.validators import EnhancedURLValidator

from nautobot.extras.customfields.choices import CustomFieldType as T


def validate_value(field, value: Any) -> Any:
    """Check `value` against `field` (type, bounds, regex, choices); return it normalized."""
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
            EnhancedURLValidator()(value)  # any scheme of ALLOWED_URL_SCHEMES, as 1.x's form field
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
