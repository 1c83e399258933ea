"""The generic page views under their 1.x path (`nautobot.core.views.generic`): the pages every spec gets
(`objects`: list, object, edit, delete; `bulk`: bulk edit, bulk delete, import) are the classes a 1.x app
subclasses, with the 1.x attributes (`queryset`, `table`, `filterset`, `filterset_form`, `model_form`,
`form`, `template_name`, ...); and the 1.x pages only apps use: `GenericView` (`access`), `BulkRenameView`
(`bulk`), `BulkCreateView`, `ComponentCreateView`, `BulkComponentCreateView`, `ObjectImportView` (`creation`).
`View` is Django's, which 1.x's module imported and apps reach through it (`generic.View` for a page of their
own)."""

from django.views.generic import View

from nautobot.core.views.access import GenericView
from nautobot.core.views.bulk import BulkDeleteView, BulkEditView, BulkImportView, BulkRenameView
from nautobot.core.views.creation import (
    BulkComponentCreateView,
    BulkCreateView,
    ComponentCreateView,
    ObjectImportView,
)
from nautobot.core.views.objects import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, SpecView

__all__ = [
    "BulkComponentCreateView",
    "BulkCreateView",
    "BulkDeleteView",
    "BulkEditView",
    "BulkImportView",
    "BulkRenameView",
    "ComponentCreateView",
    "GenericView",
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectImportView",
    "ObjectListView",
    "ObjectView",
    "SpecView",
    "View",
]
