"""1.x's `nautobot.extras.tables`: the table pieces of extras features that app tables mix in."""

from nautobot.core.tables import ColoredLabelColumn


class StatusTableMixin:
    """A `status` column: the status as a colored label linked to it (mix into a `BaseTable`)."""

    status = ColoredLabelColumn()
