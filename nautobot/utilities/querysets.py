"""1.x path of `RestrictedQuerySet` (façade of `nautobot.core.models.querysets`)."""

from nautobot.core.models.querysets import RestrictedQuerySet

__all__ = ["RestrictedQuerySet"]
