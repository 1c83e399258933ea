"""The generic pages every spec gets: list, detail, create/edit and delete (bulk ones are in `bulk`).

Each view class is instantiated per spec by `routes` (`as_view(spec=...)`); nothing here is per model.
Reads go through `restrict()`: a user sees only what object permissions allow, and a page of a model the
user may not view (or an action they may not take) is a 403.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_tables2 import RequestConfig

from nautobot.core import forms as spec_forms
from nautobot.core.api.serializers import serializer_for
from nautobot.core.filters import filterset_for
from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec, has_spec, spec_for
from nautobot.core.tables import table_for, table_queryset
from nautobot.core.views import defaults
from nautobot.core.views.actions import buttons_for
from nautobot.core.views.display import detail_rows, related_links
from nautobot.core.views.export import csv_response
from nautobot.core.views.permissions import allowed, model_permissions, require
from nautobot.core.views.routes import detail_tabs
from nautobot.core.views.urls import object_url, spec_url, url_name
from nautobot.core.writes import DeleteBlocked, WriteConflict, objects_delete, objects_save, web_origin

PER_PAGE_CHOICES = (25, 50, 100, 250, 500, 1000)
# Query parameters of the list page that are not filters.
LIST_PARAMETERS = frozenset({"page", "per_page", "sort", "export"})


class SpecView(View):
    """A page of one spec's model; `spec` is set per spec by `as_view(spec=...)`."""

    spec: type[ObjectSpec] | None = None

    @property
    def model(self) -> type[models.Model]:
        return self.spec.model

    def context(self, **extra) -> dict:
        spec = self.spec
        return {
            "spec": spec,
            "model_name": spec.model._meta.verbose_name,
            "model_name_plural": spec.model._meta.verbose_name_plural,
            "perms": model_permissions(self.request.user, spec.model),
            "urls": {
                action: spec_url(spec, action) for action in ("list", "add", "import", "bulk_edit", "bulk_delete")
            },
            **extra,
        }

    def return_url(self, default: str) -> str:
        candidate = self.request.POST.get("return_url") or self.request.GET.get("return_url")
        if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={self.request.get_host()}):
            return candidate
        return default


def filtered_queryset(spec: type[ObjectSpec], request, queryset: models.QuerySet) -> tuple[models.QuerySet, dict]:
    """`queryset` narrowed by the filter parameters of `request.GET` (the REST filterset); and any errors."""
    filterset_class = filterset_for(spec.model)
    known = filterset_class.declared_parameter_names()
    data = request.GET.copy()
    for key in list(data):
        values = [v for v in data.getlist(key) if v != ""]
        if key in LIST_PARAMETERS or (key not in known and not key.startswith("cf_")) or not values:
            del data[key]
        else:
            data.setlist(key, values)
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        return queryset.none(), dict(filterset.errors)
    queryset = filterset.qs
    for hook in registry.queryset_filters:
        queryset = hook.apply(queryset, data)
    return queryset, {}


def per_page(request) -> int:
    try:
        value = int(request.GET.get("per_page", 0))
    except ValueError:
        value = 0
    return value if value in PER_PAGE_CHOICES else settings.PAGINATE_COUNT


class ObjectListView(SpecView):
    """A sortable, filterable, paginated table with bulk actions; `?export=csv` downloads the filtered rows."""

    def get(self, request):
        require(request.user, self.model, "view")
        queryset, errors = filtered_queryset(
            self.spec, request, allowed(self.model.objects.all(), request.user, "view")
        )
        if "export" in request.GET:
            return self.export(request, queryset)
        perms = model_permissions(request.user, self.model)
        selectable = perms["change"] or perms["delete"]
        table = table_for(self.spec, selectable=selectable)(
            table_queryset(self.spec, queryset), order_by=request.GET.get("sort")
        )
        RequestConfig(request, paginate={"per_page": per_page(request)}).configure(table)
        form = spec_forms.filter_form(self.spec, defaults.filter_form_fields(self.spec), request.user, data=request.GET)
        for name, messages_ in errors.items():
            messages.error(request, f"{name}: {'; '.join(str(m) for m in messages_)}")
        template = (
            "nautobot/generic/object_table.html"
            if request.htmx and request.htmx.target == "object-table"
            else "nautobot/generic/object_list.html"
        )
        params = request.GET.copy()
        params.pop("page", None)
        context = self.context(
            table=table,
            filter_form=form,
            per_page_choices=PER_PAGE_CHOICES,
            per_page=per_page(request),
            selectable=selectable,
        )
        params.pop("export", None)
        exports = [("CSV", "csv")] + [
            choice for export in registry.list_exports for choice in export.choices(self.model)
        ]
        context["exports"] = [(label, "?" + _with(params, export=value)) for label, value in exports]
        return render(request, template, context)

    def export(self, request, queryset):
        """`?export=csv` (or empty): CSV of every filtered row; another value: the app that offers it (e.g. a template)."""
        if request.GET.get("export") in ("", "csv"):
            return csv_response(self.spec, queryset)
        for export in registry.list_exports:
            response = export.answer(self.spec, request, queryset)
            if response is not None:
                return response
        raise Http404(f"No export named {request.GET.get('export')!r} for {self.model._meta.verbose_name_plural}.")


def _with(params, **values) -> str:
    params = params.copy()
    for key, value in values.items():
        params[key] = value
    return params.urlencode()


class ObjectDetailView(SpecView):
    """The object's fields, custom fields, tags, related objects and the spec's `detail_tables`."""

    def get(self, request, pk):
        require(request.user, self.model, "view")
        queryset = table_queryset(
            self.spec, allowed(self.model.objects.all(), request.user, "view"), tuple(self.spec.counts)
        )
        obj = get_object_or_404(queryset, pk=pk)
        user = request.user
        panels = [p for p in (panel.render(obj, request) for panel in registry.detail_panels) if p]
        context = self.context(
            object=obj,
            rows=detail_rows(self.spec, obj),
            panels=[p for p in panels if not p.get("wide") and not p.get("side")],
            side_panels=[p for p in panels if p.get("side")],
            wide_panels=[p for p in panels if p.get("wide")],
            buttons=buttons_for(self.spec, obj, user),
            tags=list(obj.tags.all()) if any(f.name == "tags" for f in self.model._meta.get_fields()) else [],
            related=related_links(self.spec, obj, user),
            tables=self._tables(obj),
            tabs=tabs_for(self.spec, obj),
            can_change="edit" in self.spec.ui_views
            and user.has_perm(f"{self.model._meta.app_label}.change_{self.model._meta.model_name}", obj),
            can_delete="delete" in self.spec.ui_views
            and user.has_perm(f"{self.model._meta.app_label}.delete_{self.model._meta.model_name}", obj),
            edit_url=spec_url(self.spec, "edit", obj.pk),
            delete_url=spec_url(self.spec, "delete", obj.pk),
        )
        return render(request, "nautobot/generic/object_detail.html", context)

    def _tables(self, obj) -> list[dict]:
        tables = []
        for accessor in self.spec.detail_tables:
            relation = next(r for r in self.model._meta.related_objects if r.get_accessor_name() == accessor)
            related_model = relation.related_model
            if not has_spec(related_model) or not self.request.user.has_perm(
                f"{related_model._meta.app_label}.view_{related_model._meta.model_name}"
            ):
                continue
            related_spec = spec_for(related_model)
            rows = allowed(related_model.objects.filter(**{relation.field.name: obj}), self.request.user, "view")
            columns = tuple(c for c in defaults.list_columns(related_spec) if c != relation.field.name)
            table = table_for(related_spec, columns=columns, selectable=False)(
                table_queryset(related_spec, rows, columns), orderable=False
            )
            add = spec_url(related_spec, "add")
            add_url = f"{add}?{relation.field.name}={obj.pk}&return_url={object_url(obj)}" if add else None
            tables.append(
                {
                    "title": related_model._meta.verbose_name_plural,
                    "table": table,
                    "add_url": add_url,
                    "spec": related_spec,
                }
            )
        return tables


def tabs_for(spec: type[ObjectSpec], obj) -> list[tuple[str, str]]:
    from django.urls import reverse

    tabs = [("Details", object_url(obj))]
    for tab in detail_tabs(spec.model):
        tabs.append((tab.label, reverse(f"{url_name(spec, 'detail')}_{tab.suffix}", kwargs={"pk": obj.pk})))
    return tabs


def tab_context(request, spec: type[ObjectSpec], obj, **extra) -> dict:
    """What a detail tab's template (extending `object_detail.html`) needs besides its own content."""
    return {
        "object": obj,
        "spec": spec,
        "tabs": tabs_for(spec, obj),
        "object_url": object_url(obj),
        "model_name": spec.model._meta.verbose_name,
        "model_name_plural": spec.model._meta.verbose_name_plural,
        "urls": {"list": spec_url(spec)},
        "perms": model_permissions(request.user, spec.model),
        **extra,
    }


class ObjectEditView(SpecView):
    """Create (no pk) or edit one object; saved through the API serializer, its errors shown beside the fields."""

    def get_object(self, pk):
        if pk is None:
            require(self.request.user, self.model, "add")
            return None
        require(self.request.user, self.model, "change")
        return get_object_or_404(allowed(self.model.objects.all(), self.request.user, "change"), pk=pk)

    def get(self, request, pk=None):
        obj = self.get_object(pk)
        names = defaults.form_fields(self.spec)
        form = spec_forms.object_form(
            self.spec, names, request.user, initial=spec_forms.initial_from(obj, names, self.model)
        )
        if obj is None:  # an add link may pre-fill fields: `?prefix=10.0.4.0/24&vrf=<id>`
            form.initial.update({k: v for k, v in request.GET.items() if k in form.fields})
        return self.show(form, obj)

    def post(self, request, pk=None):
        obj = self.get_object(pk)
        form = spec_forms.object_form(self.spec, defaults.form_fields(self.spec), request.user, data=request.POST)
        if form.is_valid():
            payload = spec_forms.form_payload(form, self.model)
            try:
                serializer = validated_serializer(self.spec, request, payload, obj, partial=obj is not None)
                saved = objects_save(
                    serializers=[serializer],
                    model=self.model,
                    action="change" if obj else "add",
                    origin=web_origin(request),
                )[0]
            except WriteRejected as rejected:
                add_errors(form, rejected.errors)
            except WriteConflict as conflict:
                add_errors(form, conflict.errors)
            else:
                messages.success(request, f"{'Modified' if obj else 'Created'} {self.model._meta.verbose_name} {saved}")
                if "_addanother" in request.POST:
                    return HttpResponseRedirect(request.path)
                return HttpResponseRedirect(self.return_url(object_url(saved) or spec_url(self.spec, "list")))
        return self.show(form, obj)

    def show(self, form, obj) -> HttpResponse:
        cancel = self.return_url(object_url(obj) if obj is not None else spec_url(self.spec, "list"))
        return render(
            self.request, "nautobot/generic/object_edit.html", self.context(form=form, object=obj, cancel_url=cancel)
        )


class WriteRejected(Exception):
    """Validation failed: `errors` is the serializer's error dict (field name -> messages)."""

    def __init__(self, errors: dict) -> None:
        super().__init__(errors)
        self.errors = errors


def validated_serializer(
    spec: type[ObjectSpec], request, data: dict, instance: models.Model | None = None, *, partial: bool = False
):
    """A serializer of `spec.model` bound to `data`, already validated; raise `WriteRejected` with its errors.

    The UI validates with the model's API serializer, so a form, an import row and a `POST` to the REST API
    accept exactly the same data; saving is the write path's (`nautobot.core.writes.objects_save`).
    """
    serializer = serializer_for(spec.model)(instance, data=data, partial=partial, context={"request": request})
    if not serializer.is_valid():
        raise WriteRejected(dict(serializer.errors))
    return serializer


def add_errors(form, errors: dict) -> None:
    """Put API validation errors beside their form fields (others at the top of the form)."""
    errors = dict(errors)
    for name, texts in spec_forms.extension_errors(errors).items():
        form.add_error(name if name in form.fields else None, texts)
    for key, value in errors.items():
        texts = value if isinstance(value, list) else [value]
        texts = [str(t) if not isinstance(t, dict) else "; ".join(f"{k}: {v}" for k, v in t.items()) for t in texts]
        if key in form.fields:
            form.add_error(key, texts)
        else:
            form.add_error(None, [f"{key}: {t}" if key != "non_field_errors" else t for t in texts])


def deletion_summary(objects: list[models.Model]) -> tuple[list[dict], list[models.Model]]:
    """What deleting `objects` also deletes (per model, with up to 20 examples) and what blocks it."""
    collector = NestedObjects(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    starting = {(type(o), o.pk) for o in objects}
    summary = []
    for model, instances in collector.model_objs.items():
        others = [i for i in instances if (model, i.pk) not in starting]
        if others:
            summary.append({"name": model._meta.verbose_name_plural, "count": len(others), "examples": others[:20]})
    return summary, list(collector.protected)


class ObjectDeleteView(SpecView):
    """Confirm (listing what else is deleted or what blocks it), then delete."""

    def get_object(self, pk):
        require(self.request.user, self.model, "delete")
        return get_object_or_404(allowed(self.model.objects.all(), self.request.user, "delete"), pk=pk)

    def get(self, request, pk):
        obj = self.get_object(pk)
        cascade, protected = deletion_summary([obj])
        context = self.context(
            object=obj, cascade=cascade, protected=protected, cancel_url=self.return_url(object_url(obj))
        )
        return render(request, "nautobot/generic/object_delete.html", context)

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            objects_delete(objects=[obj], origin=web_origin(request))
        except DeleteBlocked as blocked:
            dependents = blocked.dependents
            messages.error(
                request,
                f"Unable to delete {blocked.obj}: {len(dependents)} dependent objects: {', '.join(map(str, dependents[:10]))}",
            )
            return HttpResponseRedirect(object_url(obj))
        messages.success(request, f"Deleted {self.model._meta.verbose_name} {obj}")
        return HttpResponseRedirect(self.return_url(spec_url(self.spec, "list")))
