"""1.x's `nautobot.extras.tables`: the table pieces of extras features that app tables mix in."""

from nautobot.core.tables import BaseTable, ColoredLabelColumn


class StatusTableMixin(BaseTable):
    """A `status` column: the status as a colored label linked to it (listed first among an app table's bases)."""

    status = ColoredLabelColumn()
