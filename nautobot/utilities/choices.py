"""1.x path of `ChoiceSet` and the generic choice sets (façade of `nautobot.core.choices`)."""

from nautobot.core.choices import (
    ButtonActionColorChoices,
    ButtonActionIconChoices,
    ButtonColorChoices,
    ChoiceSet,
    ChoiceSetMeta,
    ColorChoices,
    unpack_grouped_choices,
)

__all__ = [
    "ButtonActionColorChoices",
    "ButtonActionIconChoices",
    "ButtonColorChoices",
    "ChoiceSet",
    "ChoiceSetMeta",
    "ColorChoices",
    "unpack_grouped_choices",
]
