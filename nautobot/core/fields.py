"""Model fields of the core that apps use by their 1.x path (`nautobot.core.fields.AutoSlugField`).

`AutoSlugField` is a slug that fills itself from other fields of the object when it is left empty, as the
original's (a django-extensions field there; ours is written here on Django's `SlugField`, no extra dependency).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import models
from django.utils.text import slugify


def slugify_dots_to_dashes(content: str) -> str:
    """Slugify `content` with its dots turned into dashes first (`1.2.3` -> `1-2-3`)."""
    return slugify(str(content).replace(".", "-"))


class AutoSlugField(models.SlugField):
    """A unique slug derived from `populate_from` (a field name, a dotted/`__` path, or a list of them).

    On save, an empty slug is filled: the source values slugified and joined by `separator`, cut to
    `max_length`, made unique with `-2`, `-3`... when the field is unique. A slug given by the user is kept
    (unless `overwrite=True`, which re-derives it on every save). Defaults as the original's: `max_length=100`,
    `unique=True`, `blank=True` (a form or API client may leave it out).
    """

    def __init__(
        self,
        *args: Any,
        populate_from: str | Sequence[str] | None = None,
        separator: str = "-",
        overwrite: bool = False,
        slugify_function: Callable[[str], str] | None = None,
        **kwargs: Any,
    ) -> None:
        if not populate_from:
            raise TypeError("AutoSlugField needs populate_from=<field name or list of field names>.")
        self.populate_from = populate_from
        self.separator = separator
        self.overwrite = overwrite
        self.slugify_function = slugify_function or slugify
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = getattr(model_instance, self.attname)
        if self.overwrite or not value:
            value = self.create_slug(model_instance)
            setattr(model_instance, self.attname, value)
        return value

    def create_slug(self, instance: models.Model) -> str:
        """The slug `instance` gets from its source fields, unique among the other rows of its model."""
        sources = [self.populate_from] if isinstance(self.populate_from, str) else list(self.populate_from)
        parts = [self.slugify_function(str(_lookup(instance, source) or "")) for source in sources]
        base = self.separator.join(part for part in parts if part) or instance._meta.model_name
        if self.separator != "-":
            base = base.replace("-", self.separator)
        return unique_slug(instance, self, base)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs["populate_from"] = self.populate_from
        if self.separator != "-":
            kwargs["separator"] = self.separator
        if self.overwrite:
            kwargs["overwrite"] = True
        return name, "nautobot.core.fields.AutoSlugField", args, kwargs


def unique_slug(instance: models.Model, field: models.Field, base: str) -> str:
    """`base` cut to the column's length; where the field is unique, made unique with `-2`, `-3`..."""
    limit = field.max_length or 50
    slug = base[:limit]
    if not field.unique:
        return slug
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    separator = getattr(field, "separator", "-")
    number = 2
    while others.filter(**{field.attname: slug}).exists():
        suffix = f"{separator}{number}"
        slug = base[: limit - len(suffix)] + suffix
        number += 1
    return slug


def _lookup(instance: models.Model, path: str) -> Any:
    """The value at `path` (`name`, `device.name` or `device__name`); None where a step is empty."""
    value: Any = instance
    for step in path.replace("__", ".").split("."):
        value = getattr(value, step, None)
        if value is None:
            return None
        if callable(value):
            value = value()
    return value
