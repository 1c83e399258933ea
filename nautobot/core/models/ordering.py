"""Natural ordering of names: `Ethernet1/2` before `Ethernet1/10`, `switch9` before `switch10`.

The sort key is stored in a `_name` column (`NaturalOrderingField`) and kept up to date on save, so
every database orders by it with a plain index.
"""

import re

from django.db import models

DIGITS = re.compile(r"(\d+)")
WIDTH = 8


def naturalize(value: str | None, max_length: int = 255) -> str | None:
    """Return a key that sorts like a person would: each run of digits is zero-padded to 8 places."""
    if value is None:
        return None
    parts = DIGITS.split(value)
    key = "".join(part.zfill(WIDTH) if part.isdigit() else part for part in parts)
    return key[:max_length]


class NaturalOrderingField(models.CharField):
    """A hidden column holding `naturalize(<target field>)`; order by it instead of the target."""

    description = "Stores a natural-ordering key of another field"

    def __init__(self, target_field: str = "name", *args, naturalize_function=naturalize, **kwargs) -> None:
        self.target_field = target_field
        # Any `(value, max_length=...) -> key` function (the 1.x argument); dcim's interface naming uses its own.
        self.naturalize_function = naturalize_function
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.naturalize_function(getattr(model_instance, self.target_field), max_length=self.max_length)
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["target_field"] = self.target_field
        if self.naturalize_function is not naturalize:
            kwargs["naturalize_function"] = self.naturalize_function
        return name, path, args, kwargs
