"""Generic model fields: colors, natural ordering keys and JSON lists (1.x path: `nautobot.utilities.fields`)."""

from typing import Any

from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor

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


class RelatedObjectsByName(ForwardManyToOneDescriptor):
    """A foreign key whose attribute gives what 1.x's model gave by that name, a manager, instead of the object.

    Set as the field's `forward_related_accessor_class` (no migration: the field is unchanged). `IPAddress.interface`
    is a foreign key here but in 1.x the reverse side of the interface's generic relation, so 1.x app code
    calls `ip.interface.exists()`; the object stays readable with `forward_object(ip, "interface")`.
    """

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return RelatedObjectsManager(self.field, getattr(instance, self.field.attname))


class RelatedObjectsManager(models.Manager):
    """The manager of the (at most one) object a foreign key points at: `.exists()`, `.first()`, `.all()`,
    `.count()`, `.filter()`. True when the key is set; `pk` and the target field's attribute (`id`) are the
    key: what Django's save-time check of a cached relation reads of the object."""

    def __init__(self, field: models.ForeignKey, key) -> None:
        super().__init__()
        self.model, self.pk, self._target = field.related_model, key, field.target_field.attname
        setattr(self, self._target, key)

    def get_queryset(self):
        queryset = self.model._default_manager.get_queryset()
        return queryset.filter(**{self._target: self.pk}) if self.pk is not None else queryset.none()

    def _is_pk_set(self) -> bool:  # read by Model._prepare_related_fields_for_save, as of the object
        return self.pk is not None

    def __bool__(self) -> bool:
        return self.pk is not None


def forward_object(instance: models.Model, name: str):
    """The object `instance`'s foreign key `name` points at (None when unset), from the relation's cache when
    loaded, whatever the model's attribute of that name gives (see `RelatedObjectsByName`)."""
    return ForwardManyToOneDescriptor(instance._meta.get_field(name)).__get__(instance, type(instance))


def shows_related_objects_by_name(model: type[models.Model], name: str) -> bool:
    """True when `model.<name>` is a foreign key read as a manager (`RelatedObjectsByName`)."""
    return isinstance(model.__dict__.get(name), RelatedObjectsByName)
