"""The 1.x `NautobotUIViewSet` mixins: each is one of our page views (`generic`, `bulk`) as a viewset action.

A mixin adds its actions to a viewset (`list`, `retrieve`, `create`/`update`, `destroy`, `bulk_destroy`,
`bulk_update`, `bulk_create`, `changelog`, `notes`); `NautobotUIViewSetRouter` routes the actions a viewset
has. The viewset's attributes are the 1.x ones (`queryset`, `table_class`, `filterset_class`,
`filterset_form_class`, `form_class`, `bulk_update_form_class`, `bulk_create_form_class`, `lookup_field`,
`action_buttons`, `get_extra_context(request, instance)`); what it leaves unset comes from the model's spec,
and every write goes through the write path.
"""

from django.http import Http404

from nautobot.core.registry import registry
from nautobot.core.views.bulk import BulkDeleteView, BulkEditView, BulkImportView
from nautobot.core.views.objects import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView, SpecView
from nautobot.core.views.permissions import require


class NautobotViewSetMixin(SpecView):
    """What every viewset action shares: objects are found by `lookup_field` (1.x default: `slug`)."""

    lookup_field = "slug"
    lookup_value_regex = "[^/.]+"
    serializer_class = None

    def get_extra_context(self, request, instance=None) -> dict:
        """Override to add to the template context of every action (`instance`: the object, if any)."""
        return {}


class ObjectListViewMixin(NautobotViewSetMixin, ObjectListView):
    """`list`: the table of objects (GET)."""


class ObjectDetailViewMixin(NautobotViewSetMixin, ObjectView):
    """`retrieve`: an object's page (GET), the app's `<app>/<model>_retrieve.html` when it has one."""


class ObjectEditViewMixin(NautobotViewSetMixin, ObjectEditView):
    """`create` and `update`: the add and edit forms (GET shows, POST saves)."""

    def create(self, request, *args, **kwargs):
        if request.method == "POST":
            return self.edit_save(request, kwargs)
        return self.edit_page(request, kwargs)

    update = create


class ObjectDestroyViewMixin(NautobotViewSetMixin, ObjectDeleteView):
    """`destroy`: confirm (GET), then delete (POST)."""


class ObjectBulkDestroyViewMixin(NautobotViewSetMixin, BulkDeleteView):
    """`bulk_destroy`: delete the objects chosen on the list (POST)."""


class ObjectBulkUpdateViewMixin(NautobotViewSetMixin, BulkEditView):
    """`bulk_update`: edit the objects chosen on the list (POST)."""


class ObjectBulkCreateViewMixin(NautobotViewSetMixin, BulkImportView):
    """`bulk_create`: import CSV rows (GET shows the form, POST imports)."""


class _TabMixin(NautobotViewSetMixin):
    def detail_tab(self, request, suffix: str, kwargs: dict):
        """The object's detail tab `suffix`, as registered in `registry.detail_tabs` (the change log, notes)."""
        require(request.user, self.model, "view")
        obj = self.object_or_404("view", kwargs)
        tab = registry.detail_tabs.get(suffix)
        if tab is None or not tab.applies_to(self.model):
            raise Http404(f"{self.model._meta.verbose_name_plural} have no {suffix} tab.")
        return tab.view(request, pk=obj.pk, spec=self.spec)


class ObjectChangeLogViewMixin(_TabMixin):
    """`changelog`: the changes of an object (GET)."""

    def changelog(self, request, *args, **kwargs):
        return self.detail_tab(request, "changelog", kwargs)


class ObjectNotesViewMixin(_TabMixin):
    """`notes`: the notes of an object, and a form to add one (GET)."""

    def notes(self, request, *args, **kwargs):
        return self.detail_tab(request, "notes", kwargs)


__all__ = [
    "NautobotViewSetMixin",
    "ObjectBulkCreateViewMixin",
    "ObjectBulkDestroyViewMixin",
    "ObjectBulkUpdateViewMixin",
    "ObjectChangeLogViewMixin",
    "ObjectDestroyViewMixin",
    "ObjectDetailViewMixin",
    "ObjectEditViewMixin",
    "ObjectListViewMixin",
    "ObjectNotesViewMixin",
]
