"""1.x path of the generic model fields (façade of `nautobot.core.models.fields`)."""

from nautobot.core.models.fields import ColorField, JSONArrayField, NaturalOrderingField

__all__ = ["ColorField", "JSONArrayField", "NaturalOrderingField"]
