"""1.x path `nautobot.utilities.forms.constants`: a façade re-exporting `nautobot.core.forms.constants` (no logic here)."""

from nautobot.core.forms.constants import (  # noqa: F401
    ALPHANUMERIC_EXPANSION_PATTERN,
    BOOLEAN_CHOICES,
    BOOLEAN_WITH_BLANK_CHOICES,
    IP4_EXPANSION_PATTERN,
    IP6_EXPANSION_PATTERN,
    NUMERIC_EXPANSION_PATTERN,
)
