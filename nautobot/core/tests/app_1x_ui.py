"""A 1.x-style app's UI, written as a 1.x app author writes it (views.py, urls.py, navigation.py,
template_content.py in one module), over built-in models: a `NautobotUIViewSet` of tenants (pk lookups), one of
tenant groups (the 1.x default slug lookups) made of some mixins only, 1.x generic views (the pages that make
many objects from a pattern, bulk rename and one-object import among them), and the 1.x
`extras.views` at the app's own URLs. Its forms, table and filterset are plain Django / django-tables2 /
django-filter classes with the 1.x signatures (a bulk edit form takes the model first, a CSV form `headers`).
`app_1x_ui_urls` routes it under `/app-1x/` beside the whole site."""

import django_filters
import django_tables2 as tables
from django import forms
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.text import slugify

from nautobot.core.forms import ExpandableNameField
from nautobot.core.apps import NavMenuAddButton, NavMenuGroup, NavMenuImportButton, NavMenuItem, NavMenuTab
from nautobot.core.navigation import HomePageItem, HomePagePanel
from nautobot.core.registry import TemplateExtension
from nautobot.core.views import generic, mixins
from nautobot.core.views.routers import NautobotUIViewSetRouter
from nautobot.core.views.viewsets import NautobotUIViewSet
from nautobot.extras.views import ObjectChangeLogView, ObjectNotesView
from nautobot.tenancy.models import Tenant, TenantGroup


# forms.py --------------------------------------------------------------------------------------------------
class TenantForm(forms.ModelForm):
    class Meta:
        model = Tenant
        fields = ("name", "slug", "group", "description")

    def clean_description(self):
        if self.cleaned_data["description"] == "forbidden":
            raise forms.ValidationError("The app's form refuses this description.")
        return self.cleaned_data["description"]


class TenantFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search")
    name = forms.CharField(required=False)


class TenantBulkEditForm(forms.Form):
    pk = forms.ModelMultipleChoiceField(queryset=Tenant.objects.all(), widget=forms.MultipleHiddenInput)
    group = forms.ModelChoiceField(queryset=TenantGroup.objects.all(), required=False)
    description = forms.CharField(required=False)

    class Meta:
        nullable_fields = ("group", "description")

    def __init__(self, model, *args, **kwargs):
        self.model = model
        super().__init__(*args, **kwargs)


class TenantCSVForm(forms.ModelForm):
    group = forms.ModelChoiceField(queryset=TenantGroup.objects.all(), required=False, to_field_name="name")

    class Meta:
        model = Tenant
        fields = ("name", "slug", "group", "description")

    def __init__(self, data=None, *args, headers=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name, attribute in (headers or {}).items():
            if attribute and name in self.fields:
                self.fields[name].to_field_name = attribute


class TenantGroupForm(forms.ModelForm):
    class Meta:
        model = TenantGroup
        fields = ("name", "slug", "description")


# filters.py / tables.py ------------------------------------------------------------------------------------
class TenantFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Tenant
        fields = ("name", "slug")


class TenantTable(tables.Table):
    pk = tables.CheckBoxColumn(accessor="pk")
    name = tables.Column(linkify=True, attrs={"td": {"class": "app-1x-name"}})
    description = tables.Column()

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    class Meta:
        model = Tenant
        fields = ("pk", "name", "description")


class TenantGroupTable(tables.Table):
    name = tables.Column(attrs={"td": {"class": "app-1x-group"}})

    class Meta:
        model = TenantGroup
        fields = ("name", "slug")


# views.py --------------------------------------------------------------------------------------------------
class TenantUIViewSet(NautobotUIViewSet):
    bulk_create_form_class = TenantCSVForm
    bulk_update_form_class = TenantBulkEditForm
    filterset_class = TenantFilterSet
    filterset_form_class = TenantFilterForm
    form_class = TenantForm
    lookup_field = "pk"
    queryset = Tenant.objects.all()
    table_class = TenantTable

    def get_extra_context(self, request, instance=None):
        return {"app_1x_extra": f"extra for {instance or 'the list'}"}


class TenantGroupUIViewSet(  # some mixins only, and the 1.x default lookup (slug)
    mixins.ObjectListViewMixin,
    mixins.ObjectDetailViewMixin,
    mixins.ObjectEditViewMixin,
    mixins.ObjectDestroyViewMixin,
    mixins.ObjectChangeLogViewMixin,
):
    form_class = TenantGroupForm
    queryset = TenantGroup.objects.all()
    table_class = TenantGroupTable


class GroupListView(generic.ObjectListView):
    queryset = TenantGroup.objects.all()
    table = TenantGroupTable
    action_buttons = ("add",)


class GroupView(generic.ObjectView):
    queryset = TenantGroup.objects.all()


class GroupEditView(generic.ObjectEditView):
    queryset = TenantGroup.objects.all()
    model_form = TenantGroupForm


class GroupDeleteView(generic.ObjectDeleteView):
    queryset = TenantGroup.objects.all()


class TenantImportView(generic.BulkImportView):
    queryset = Tenant.objects.all()
    model_form = TenantCSVForm
    table = TenantTable


class TenantBulkEditView(generic.BulkEditView):
    queryset = Tenant.objects.all()
    filterset = TenantFilterSet
    table = TenantTable
    form = TenantBulkEditForm


class TenantBulkDeleteView(generic.BulkDeleteView):
    queryset = Tenant.objects.all()
    filterset = TenantFilterSet
    table = TenantTable


class TwoTenantsAddView(generic.ObjectEditView):
    """Like BGP's PeeringAddView: its own get/post saving two forms in its own transaction."""

    queryset = Tenant.objects.all()

    def get(self, request, *args, **kwargs):
        return HttpResponse("two forms")

    def post(self, request, *args, **kwargs):
        first, second = TenantForm(request.POST, prefix="a"), TenantForm(request.POST, prefix="b")
        if first.is_valid() and second.is_valid():
            with transaction.atomic():
                first.save()
                second.save()
            return redirect("app_1x:tenant_list")
        return HttpResponse("invalid", status=400)


# urls.py ---------------------------------------------------------------------------------------------------
router = NautobotUIViewSetRouter()
router.register("tenants", TenantUIViewSet)
router.register("tenant-groups", TenantGroupUIViewSet)

urlpatterns = [
    path("tenants/<uuid:pk>/history/", ObjectChangeLogView.as_view(), name="tenant_history", kwargs={"model": Tenant}),
    path("tenants/<uuid:pk>/remarks/", ObjectNotesView.as_view(), name="tenant_remarks", kwargs={"model": Tenant}),
    path("generic/groups/", GroupListView.as_view(), name="group_list"),
    path("generic/groups/add/", GroupEditView.as_view(), name="group_add"),
    path("generic/groups/<slug:slug>/", GroupView.as_view(), name="group"),
    path("generic/groups/<slug:slug>/edit/", GroupEditView.as_view(), name="group_edit"),
    path("generic/groups/<slug:slug>/delete/", GroupDeleteView.as_view(), name="group_delete"),
    path("generic/tenants/import/", TenantImportView.as_view(), name="tenant_generic_import"),
    path("generic/tenants/edit/", TenantBulkEditView.as_view(), name="tenant_generic_bulk_edit"),
    path("generic/tenants/delete/", TenantBulkDeleteView.as_view(), name="tenant_generic_bulk_delete"),
    path("generic/tenants/add-two/", TwoTenantsAddView.as_view(), name="tenant_add_two"),
]
urlpatterns += router.urls


# navigation.py / homepage.py / template_content.py ---------------------------------------------------------
menu_items = (
    NavMenuTab(
        name="Routing",
        weight=350,
        groups=(
            NavMenuGroup(
                name="App 1.x",
                weight=100,
                items=(
                    NavMenuItem(
                        link="app_1x:tenant_list",
                        name="App tenants",
                        permissions=["tenancy.view_tenant"],
                        buttons=(
                            NavMenuAddButton(link="app_1x:tenant_add", permissions=["tenancy.add_tenant"]),
                            NavMenuImportButton(link="app_1x:tenant_import", permissions=["tenancy.add_tenant"]),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

layout = (
    HomePagePanel(
        name="App 1.x panel",
        weight=150,
        items=(
            HomePageItem(
                name="App tenants",
                link="app_1x:tenant_list",
                model=Tenant,
                description="Tenants seen by the 1.x app",
                permissions=["tenancy.view_tenant"],
            ),
        ),
    ),
)


class TenantExtension(TemplateExtension):
    model = "tenancy.tenant"

    def left_page(self):
        return self.render("app_1x/left.html", extra_context={"label": "left"})

    def right_page(self):
        return f'<div class="app-1x-right">right of {self.context["object"].name}</div>'

    def full_width_page(self):
        return '<div class="app-1x-full">full width</div>'

    def buttons(self):
        return '<a class="btn app-1x-button" href="#">App button</a>'

    def list_buttons(self):
        return '<a class="btn app-1x-list-button" href="#">App list button</a>'

    def detail_tabs(self):
        return [{"title": "App tab", "url": "/app-1x/tab/"}]


class RecentTenantsView(generic.ObjectListView):
    """1.x hooks: `alter_queryset(request)` narrows the list; the objects pages find theirs with `get_object`."""

    queryset = Tenant.objects.all()
    table = TenantTable

    def alter_queryset(self, request):
        return self.queryset.filter(description="recent")


class TenantByNameEditView(generic.ObjectEditView):
    queryset = Tenant.objects.all()
    model_form = TenantForm

    def get_object(self, kwargs):
        if "name" in kwargs:
            return get_object_or_404(self.queryset, name=kwargs["name"])
        return self.queryset.model(description="prefilled by get_object")


class TenantByNameDeleteView(generic.ObjectDeleteView):
    queryset = Tenant.objects.all()

    def get_object(self, kwargs):
        return get_object_or_404(self.queryset, name=kwargs["name"])


urlpatterns += [
    path("generic/recent-tenants/", RecentTenantsView.as_view(), name="recent_tenant_list"),
    path("generic/by-name/add/", TenantByNameEditView.as_view(), name="tenant_by_name_add"),
    path("generic/by-name/<str:name>/edit/", TenantByNameEditView.as_view(), name="tenant_by_name_edit"),
    path("generic/by-name/<str:name>/delete/", TenantByNameDeleteView.as_view(), name="tenant_by_name_delete"),
]


# The 1.x pages that make many objects at once, rename, import one object, and a page of no model ---------------
class GroupTenantForm(forms.ModelForm):
    """The model form of the pattern pages: each tenant's slug is its name's, and a tenant of a group is named
    `<group slug>-<name>` (unique per parent, like a device's interfaces)."""

    class Meta:
        model = Tenant
        fields = ("group", "name", "description")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("group") and cleaned.get("name"):
            cleaned["name"] = f"{cleaned['group'].slug}-{cleaned['name']}"
        self.instance.slug = slugify(cleaned.get("name") or "")
        return cleaned


class TenantPatternForm(forms.Form):
    pattern = ExpandableNameField(label="Name")


class TenantComponentForm(forms.Form):
    group = forms.ModelChoiceField(queryset=TenantGroup.objects.all())
    name_pattern = ExpandableNameField(label="Name")
    description = forms.CharField(required=False)


class TenantBulkComponentForm(forms.Form):
    pk = forms.ModelMultipleChoiceField(queryset=TenantGroup.objects.all(), widget=forms.MultipleHiddenInput)
    name_pattern = ExpandableNameField(label="Name")
    description = forms.CharField(required=False)

    def __init__(self, model, *args, **kwargs):
        self.model = model
        super().__init__(*args, **kwargs)


class GroupMemberForm(forms.ModelForm):
    """A related object form of the group import: made as `form(group, item)`."""

    class Meta:
        model = Tenant
        fields = ("name", "slug", "description")

    def __init__(self, group, data):
        super().__init__(data)
        self.instance.group = group


class TenantBulkAddView(generic.BulkCreateView):
    queryset = Tenant.objects.all()
    form = TenantPatternForm
    model_form = GroupTenantForm
    pattern_target = "name"


class TenantComponentAddView(generic.ComponentCreateView):
    queryset = Tenant.objects.all()
    form = TenantComponentForm
    model_form = GroupTenantForm


class GroupTenantsAddView(generic.BulkComponentCreateView):
    queryset = Tenant.objects.all()
    parent_model = TenantGroup
    parent_field = "group"
    form = TenantBulkComponentForm
    model_form = GroupTenantForm
    filterset = None
    table = TenantGroupTable


class GroupImportView(generic.ObjectImportView):
    queryset = TenantGroup.objects.all()
    model_form = TenantGroupForm
    related_object_forms = {"tenants": GroupMemberForm}


class TenantRenameView(generic.BulkRenameView):
    queryset = Tenant.objects.all()

    def get_selected_objects_parents_name(self, selected_objects):
        return "the app"


class HelloView(generic.GenericView):
    def get(self, request):
        return HttpResponse(f"hello {request.user}")


urlpatterns += [
    path("generic/tenants/bulk-add/", TenantBulkAddView.as_view(), name="tenant_bulk_add"),
    path("generic/tenants/component-add/", TenantComponentAddView.as_view(), name="tenant_component_add"),
    path("generic/add-group-tenants/", GroupTenantsAddView.as_view(), name="group_add_tenants"),
    path("generic/groups-import/", GroupImportView.as_view(), name="group_import_one"),
    path("generic/tenants/rename/", TenantRenameView.as_view(), name="tenant_bulk_rename"),
    path("generic/hello/", HelloView.as_view(), name="hello"),
]
