"""`nautobot.utilities.views` (1.x): the mixins of an app's own views (a façade: see the package)."""

from nautobot.core.views.access import (
    AdminRequiredMixin,
    ContentTypePermissionRequiredMixin,
    GetReturnURLMixin,
    ObjectPermissionRequiredMixin,
)

__all__ = [
    "AdminRequiredMixin",
    "ContentTypePermissionRequiredMixin",
    "GetReturnURLMixin",
    "ObjectPermissionRequiredMixin",
]
