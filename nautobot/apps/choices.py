"""`nautobot.apps.choices`: `ChoiceSet` and the choice sets apps use (façade)."""

from nautobot.core.choices import (
    ButtonActionColorChoices,
    ButtonActionIconChoices,
    ButtonColorChoices,
    ChoiceSet,
    ColorChoices,
    unpack_grouped_choices,
)
from nautobot.extras.choices import *  # noqa: F403  (every 1.x extras choice set, as the original's module)
from nautobot.extras.choices import __all__ as _extras_choices

__all__ = [
    "ButtonActionColorChoices",
    "ButtonActionIconChoices",
    "ButtonColorChoices",
    "ChoiceSet",
    "ColorChoices",
    "unpack_grouped_choices",
    *_extras_choices,
]
