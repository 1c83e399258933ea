"""1.x path `nautobot.utilities.tables`: a façade re-exporting `nautobot.core.tables` (no logic here)."""

from nautobot.core.tables import (  # noqa: F401
    BaseTable,
    BooleanColumn,
    ButtonsColumn,
    ChoiceFieldColumn,
    ColorColumn,
    ColoredLabelColumn,
    ContentTypesColumn,
    CustomFieldColumn,
    LinkedCountColumn,
    TagColumn,
    ToggleColumn,
)
