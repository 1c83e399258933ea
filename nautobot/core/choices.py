"""`ChoiceSet`: the 1.x way of declaring a field's choices, and the generic choice sets apps use.

A `ChoiceSet` subclass names each value as a class constant and lists `CHOICES` as `(value, label)` pairs, or as
`(group label, ((value, label), ...))` groups. The class itself is what a model field takes
(`models.CharField(choices=AFISAFIChoices)`): iterating it yields `CHOICES`, and calling it returns them, so
Django, forms and serializers read it as a plain choices list. Our own enumerations are Django `TextChoices`;
`ChoiceSet.from_enum()` builds the 1.x set from one, so both spell the same values.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def unpack_grouped_choices(choices: Iterable) -> list[tuple[Any, Any]]:
    """Flatten grouped choices to `(value, label)` pairs: `[("G", (("a", "A"),))]` -> `[("a", "A")]`."""
    flat = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            flat.extend((inner_value, inner_label) for inner_value, inner_label in label)
        else:
            flat.append((value, label))
    return flat


class ChoiceSetMeta(type):
    """Makes a `ChoiceSet` class iterable and callable as its `CHOICES` (what Django's `choices=` accepts)."""

    def __iter__(cls) -> Iterator:
        return iter(cls.CHOICES)

    def __call__(cls, *args: Any, **kwargs: Any) -> list:
        return list(cls.CHOICES)

    def __len__(cls) -> int:
        return len(cls.CHOICES)


class ChoiceSet(metaclass=ChoiceSetMeta):
    """Base of 1.x choice sets: set the value constants and `CHOICES`; see the module docstring."""

    CHOICES: Any = ()

    @classmethod
    def values(cls) -> list:
        """Every value, groups flattened."""
        return [value for value, _label in unpack_grouped_choices(cls.CHOICES)]

    @classmethod
    def as_dict(cls) -> dict:
        """`{value: label}`, groups flattened."""
        return dict(unpack_grouped_choices(cls.CHOICES))

    @classmethod
    def from_enum(cls, enum: Any, name: str, prefix: str = "", **constants: Any) -> type[ChoiceSet]:
        """A subclass `name` whose `CHOICES` are those of the Django `TextChoices`/`IntegerChoices` `enum`, with a
        constant per member (`enum.TEXT` -> `TYPE_TEXT` for `prefix="TYPE_"`), plus the extra `constants`."""
        attrs: dict[str, Any] = {f"{prefix}{member.name}": member.value for member in enum}
        attrs.update(constants)
        attrs["CHOICES"] = tuple(enum.choices)
        attrs["__module__"] = cls.__module__
        attrs["__qualname__"] = name
        return type(cls)(name, (cls,), attrs)


class ColorChoices(ChoiceSet):
    """The palette offered for colors (tags, statuses, roles): six lower-case hex digits, as the original's."""

    COLOR_DARK_RED = "aa1409"
    COLOR_RED = "f44336"
    COLOR_PINK = "e91e63"
    COLOR_ROSE = "ffe4e1"
    COLOR_FUCHSIA = "ff66ff"
    COLOR_PURPLE = "9c27b0"
    COLOR_DARK_PURPLE = "673ab7"
    COLOR_INDIGO = "3f51b5"
    COLOR_BLUE = "2196f3"
    COLOR_LIGHT_BLUE = "03a9f4"
    COLOR_CYAN = "00bcd4"
    COLOR_TEAL = "009688"
    COLOR_AQUA = "00ffff"
    COLOR_DARK_GREEN = "2f6a31"
    COLOR_GREEN = "4caf50"
    COLOR_LIGHT_GREEN = "8bc34a"
    COLOR_LIME = "cddc39"
    COLOR_YELLOW = "ffeb3b"
    COLOR_AMBER = "ffc107"
    COLOR_ORANGE = "ff9800"
    COLOR_DARK_ORANGE = "ff5722"
    COLOR_BROWN = "795548"
    COLOR_LIGHT_GREY = "c0c0c0"
    COLOR_GREY = "9e9e9e"
    COLOR_DARK_GREY = "607d8b"
    COLOR_BLACK = "111111"
    COLOR_WHITE = "ffffff"

    CHOICES = (
        (COLOR_DARK_RED, "Dark red"),
        (COLOR_RED, "Red"),
        (COLOR_PINK, "Pink"),
        (COLOR_ROSE, "Rose"),
        (COLOR_FUCHSIA, "Fuchsia"),
        (COLOR_PURPLE, "Purple"),
        (COLOR_DARK_PURPLE, "Dark purple"),
        (COLOR_INDIGO, "Indigo"),
        (COLOR_BLUE, "Blue"),
        (COLOR_LIGHT_BLUE, "Light blue"),
        (COLOR_CYAN, "Cyan"),
        (COLOR_TEAL, "Teal"),
        (COLOR_AQUA, "Aqua"),
        (COLOR_DARK_GREEN, "Dark green"),
        (COLOR_GREEN, "Green"),
        (COLOR_LIGHT_GREEN, "Light green"),
        (COLOR_LIME, "Lime"),
        (COLOR_YELLOW, "Yellow"),
        (COLOR_AMBER, "Amber"),
        (COLOR_ORANGE, "Orange"),
        (COLOR_DARK_ORANGE, "Dark orange"),
        (COLOR_BROWN, "Brown"),
        (COLOR_LIGHT_GREY, "Light grey"),
        (COLOR_GREY, "Grey"),
        (COLOR_DARK_GREY, "Dark grey"),
        (COLOR_BLACK, "Black"),
        (COLOR_WHITE, "White"),
    )


class ButtonColorChoices(ChoiceSet):
    """Bootstrap button classes (`btn-<value>`) for links and buttons that apps add."""

    DEFAULT = "default"
    BLUE = "primary"
    GREY = "secondary"
    GREEN = "success"
    RED = "danger"
    YELLOW = "warning"
    BLACK = "dark"

    CHOICES = (
        (DEFAULT, "Default"),
        (BLUE, "Blue"),
        (GREY, "Grey"),
        (GREEN, "Green"),
        (RED, "Red"),
        (YELLOW, "Yellow"),
        (BLACK, "Black"),
    )


class ButtonActionColorChoices(ChoiceSet):
    """The button color of each standard action (add, edit, delete, ...)."""

    ADD = "success"
    EXPORT = "success"
    IMPORT = "info"
    CLONE = "info"
    EDIT = "warning"
    DELETE = "danger"
    CHANGELOG = "default"

    CHOICES = (
        (ADD, "Add"),
        (IMPORT, "Import"),
        (EDIT, "Edit"),
        (DELETE, "Delete"),
        (CHANGELOG, "Change log"),
    )


class ButtonActionIconChoices(ChoiceSet):
    """The Material Design icon class of each standard action."""

    ADD = "mdi-plus-thick"
    EXPORT = "mdi-database-export"
    IMPORT = "mdi-database-import"
    CLONE = "mdi-content-copy"
    EDIT = "mdi-pencil"
    DELETE = "mdi-trash-can-outline"
    CHANGELOG = "mdi-history"

    CHOICES = (
        (ADD, "Add"),
        (EXPORT, "Export"),
        (IMPORT, "Import"),
        (CLONE, "Clone"),
        (EDIT, "Edit"),
        (DELETE, "Delete"),
        (CHANGELOG, "Change log"),
    )
