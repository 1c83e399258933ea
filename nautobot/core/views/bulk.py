"""Bulk pages of every spec: edit and delete the rows chosen on a list page, and import CSV, JSON or YAML.

Every row is validated by the model's API serializer and saved through the write path (`nautobot.core.writes`),
so an import row is accepted exactly when the same object `POST`ed to the REST API would be, and errors are
reported per row.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render

from nautobot.core import forms as spec_forms
from nautobot.core.tables import table_for, table_queryset
from nautobot.core.views import defaults
from nautobot.core.views.generic import (
    SpecView,
    WriteRejected,
    deletion_summary,
    filtered_queryset,
    validated_serializer,
)
from nautobot.core.views.imports import ImportParseError, parse_rows
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.urls import spec_url
from nautobot.core.writes import DeleteBlocked, WriteConflict, objects_delete, objects_save, web_origin


class BulkView(SpecView):
    """Resolve the chosen objects: `pk` values posted from a list page, or `_all` with its filter parameters."""

    action = "change"

    def chosen(self, request):
        require(request.user, self.model, self.action)
        queryset = allowed(self.model.objects.all(), request.user, "view")
        if request.POST.get("_all"):
            queryset, _errors = filtered_queryset(self.spec, request, queryset)
            return queryset
        pks = [pk for pk in request.POST.getlist("pk") if pk]
        try:
            chosen = queryset.filter(pk__in=pks)
            permitted = allowed(chosen, request.user, self.action).count()
        except Exception:
            chosen, permitted = queryset.none(), 0
        if permitted != len(set(pks)):
            raise PermissionDenied(f"You may not {self.action} one or more of the chosen objects.")
        return chosen

    def list_url(self) -> str:
        return self.return_url(spec_url(self.spec, "list"))

    def selection_table(self, queryset):
        return table_for(self.spec, selectable=False)(table_queryset(self.spec, queryset), orderable=False)


class BulkDeleteView(BulkView):
    """First POST (from the list) shows what will be deleted; the confirmed POST deletes it all or nothing."""

    action = "delete"

    def post(self, request):
        queryset = self.chosen(request)
        objects = list(queryset)
        if not objects:
            messages.warning(request, "No objects were selected.")
            return HttpResponseRedirect(self.list_url())
        if "_confirm" not in request.POST:
            cascade, protected = deletion_summary(objects)
            context = self.context(
                objects=objects,
                table=self.selection_table(queryset),
                cascade=cascade,
                protected=protected,
                return_url=self.list_url(),
            )
            return render(request, "nautobot/generic/bulk_delete.html", context)
        try:
            objects_delete(objects=objects, origin=web_origin(request))
        except DeleteBlocked as blocked:
            dependents = blocked.dependents
            messages.error(
                request,
                f"Nothing was deleted: {len(dependents)} dependent objects block it ({', '.join(map(str, dependents[:10]))}).",
            )
            return HttpResponseRedirect(self.list_url())
        messages.success(request, f"Deleted {len(objects)} {self.model._meta.verbose_name_plural}")
        return HttpResponseRedirect(self.list_url())


class BulkEditView(BulkView):
    """First POST shows the form for the chosen objects; `_apply` validates each through the API and saves all."""

    def post(self, request):
        queryset = self.chosen(request)
        objects = list(queryset)
        names = defaults.bulk_edit_fields(self.spec)
        applying = "_apply" in request.POST
        form = spec_forms.bulk_edit_form(self.spec, names, request.user, data=request.POST if applying else None)
        errors = []
        if applying and form.is_valid():
            changes = spec_forms.form_payload(form, self.model, bulk=True)
            if not changes:
                messages.warning(request, "No changes were given.")
            else:
                errors = self.apply(request, objects, changes)
                if not errors:
                    messages.success(request, f"Updated {len(objects)} {self.model._meta.verbose_name_plural}")
                    return HttpResponseRedirect(self.list_url())
        context = self.context(
            form=form, objects=objects, table=self.selection_table(queryset), errors=errors, return_url=self.list_url()
        )
        return render(request, "nautobot/generic/bulk_edit.html", context)

    def apply(self, request, objects, changes: dict) -> list[tuple]:
        serializers, errors = [], []
        for obj in objects:
            try:
                serializers.append(validated_serializer(self.spec, request, changes, obj, partial=True))
            except WriteRejected as rejected:
                errors.append((obj, readable_errors(rejected.errors)))
        if not errors:
            try:
                objects_save(serializers=serializers, model=self.model, action="change", origin=web_origin(request))
            except WriteConflict as conflict:
                errors.append((objects[conflict.index], conflict.errors))
        return errors


def readable_errors(errors: dict) -> dict[str, list[str]]:
    """API errors as {field: [texts]}, those of extension fields (custom fields) under their form field names."""
    errors = dict(errors)
    readable = {str(name): [str(t) for t in texts] for name, texts in spec_forms.extension_errors(errors).items()}
    for key, value in errors.items():
        texts = value if isinstance(value, list) else [value]
        readable[key] = [
            str(t) if not isinstance(t, dict) else "; ".join(f"{k}: {v}" for k, v in t.items()) for t in texts
        ]
    return readable


class BulkImportView(SpecView):
    """Import rows of CSV (a header line of field names), JSON or YAML; API semantics, per-row errors."""

    def get(self, request):
        require(request.user, self.model, "add")
        return self.show()

    def post(self, request):
        require(request.user, self.model, "add")
        upload = request.FILES.get("file")
        text = upload.read().decode("utf-8-sig") if upload else request.POST.get("data", "")
        try:
            rows = parse_rows(text, request.POST.get("format", "auto"))
        except ImportParseError as exc:
            return self.show(text=text, problem=str(exc))
        serializers, errors = [], []
        for number, row in enumerate(rows, start=1):
            try:
                serializers.append(validated_serializer(self.spec, request, row))
            except WriteRejected as rejected:
                errors.append((number, rejected.errors))
        if not errors:
            try:
                created = objects_save(
                    serializers=serializers, model=self.model, action="add", origin=web_origin(request)
                )
            except WriteConflict as conflict:
                errors.append((conflict.index + 1, conflict.errors))
            else:
                messages.success(request, f"Imported {len(created)} {self.model._meta.verbose_name_plural}")
                table = table_for(self.spec, selectable=False)(
                    table_queryset(self.spec, self.model.objects.filter(pk__in=[o.pk for o in created]))
                )
                return render(
                    request, "nautobot/generic/bulk_import_done.html", self.context(table=table, created=created)
                )
        return self.show(text=text, errors=errors)

    def show(self, text: str = "", problem: str = "", errors=None):
        fields = defaults.form_fields(self.spec)
        context = self.context(text=text, problem=problem, errors=errors or [], fields=fields)
        return render(self.request, "nautobot/generic/bulk_import.html", context)
