"""`nautobot.apps.views`: the page views and mixins an app's `views.py` uses (a façade: see the package)."""

from nautobot.core.views.access import (
    AdminRequiredMixin,
    ContentTypePermissionRequiredMixin,
    GenericView,
    GetReturnURLMixin,
    ObjectPermissionRequiredMixin,
)
from nautobot.core.views.generic import (
    BulkDeleteView,
    BulkEditView,
    BulkImportView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from nautobot.core.views.mixins import (
    NautobotViewSetMixin,
    ObjectBulkCreateViewMixin,
    ObjectBulkDestroyViewMixin,
    ObjectBulkUpdateViewMixin,
    ObjectChangeLogViewMixin,
    ObjectDestroyViewMixin,
    ObjectDetailViewMixin,
    ObjectEditViewMixin,
    ObjectListViewMixin,
    ObjectNotesViewMixin,
)
from nautobot.core.views.viewsets import NautobotUIViewSet
from nautobot.extras.views import ObjectChangeLogView, ObjectNotesView

__all__ = [
    "AdminRequiredMixin",
    "BulkDeleteView",
    "BulkEditView",
    "BulkImportView",
    "ContentTypePermissionRequiredMixin",
    "GenericView",
    "GetReturnURLMixin",
    "NautobotUIViewSet",
    "NautobotViewSetMixin",
    "ObjectBulkCreateViewMixin",
    "ObjectBulkDestroyViewMixin",
    "ObjectBulkUpdateViewMixin",
    "ObjectChangeLogView",
    "ObjectChangeLogViewMixin",
    "ObjectDeleteView",
    "ObjectDestroyViewMixin",
    "ObjectDetailViewMixin",
    "ObjectEditView",
    "ObjectEditViewMixin",
    "ObjectListView",
    "ObjectListViewMixin",
    "ObjectNotesView",
    "ObjectNotesViewMixin",
    "ObjectPermissionRequiredMixin",
    "ObjectView",
]
