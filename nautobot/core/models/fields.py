"""Generic model fields: colors, natural ordering keys and JSON lists (1.x path: `nautobot.utilities.fields`)."""

from typing import Any

from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from nautobot.core.models.ordering import NaturalOrderingField, naturalize

ColorValidator = RegexValidator(
    r"^[0-9a-f]{6}$", "Enter a valid hexadecimal RGB color code (six lower-case hex digits)."
)


class ColorField(models.CharField):
    """An RGB color as six lower-case hex digits (`9e9e9e`), as statuses, tags and roles store theirs."""

    default_validators = [ColorValidator]
    description = "RGB color in hexadecimal (e.g. 00ff00)"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 6)
        super().__init__(*args, **kwargs)


class JSONArrayField(models.JSONField):
    """A JSON list whose every item is validated by `base_field` (a model field, e.g. `models.CharField(...)`)."""

    description = "A JSON list of values"

    def __init__(self, base_field: models.Field, **kwargs: Any) -> None:
        if not isinstance(base_field, models.Field) or base_field.is_relation:
            raise TypeError("JSONArrayField's base_field must be a non-relational model field instance.")
        self.base_field = base_field
        super().__init__(**kwargs)

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        self.base_field.model = self.model
        return errors + self.base_field.check()

    def validate(self, value: Any, model_instance: models.Model) -> None:
        super().validate(value, model_instance)
        if value is None:
            return
        if not isinstance(value, list):
            raise ValidationError("Enter a list of values.", code="invalid")
        for index, item in enumerate(value):
            try:
                self.base_field.clean(item, model_instance)
            except ValidationError as exc:
                raise ValidationError(
                    f"Item {index + 1} in the list did not validate: {'; '.join(exc.messages)}", code="item_invalid"
                ) from None

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["base_field"] = self.base_field.clone()
        return name, path, args, kwargs


__all__ = ["ColorField", "ColorValidator", "JSONArrayField", "NaturalOrderingField", "naturalize"]
