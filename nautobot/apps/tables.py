"""`nautobot.apps.tables`: a façade re-exporting the table API apps use (no logic here)."""

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
from nautobot.extras.tables import StatusTableMixin  # noqa: F401
