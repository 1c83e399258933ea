"""1.x path of the natural-ordering helpers (façade of `nautobot.core.models.ordering`)."""

from nautobot.core.models.ordering import naturalize

__all__ = ["naturalize"]
