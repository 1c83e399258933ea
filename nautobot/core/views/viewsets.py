"""`NautobotUIViewSet`: every page of one model from one class (1.x), routed by `NautobotUIViewSetRouter`.

    class WidgetUIViewSet(NautobotUIViewSet):
        queryset = Widget.objects.all()
        table_class = WidgetTable
        filterset_class = WidgetFilterSet
        filterset_form_class = WidgetFilterForm
        form_class = WidgetForm
        bulk_update_form_class = WidgetBulkEditForm
        bulk_create_form_class = WidgetCSVForm
        lookup_field = "pk"

It is the mixins of `nautobot.core.views.mixins` together, each one of our page views: a list, an object's
page, add/edit, delete, bulk edit/delete, import, change log and notes.
"""

from nautobot.core.views.mixins import (
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


class NautobotUIViewSet(
    ObjectBulkCreateViewMixin,
    ObjectBulkDestroyViewMixin,
    ObjectBulkUpdateViewMixin,
    ObjectChangeLogViewMixin,
    ObjectDestroyViewMixin,
    ObjectDetailViewMixin,
    ObjectEditViewMixin,
    ObjectListViewMixin,
    ObjectNotesViewMixin,
):
    """All the pages of one model (see the module docstring)."""


__all__ = ["NautobotUIViewSet"]
