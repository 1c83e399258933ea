"""Bulk pages of every spec: edit and delete the rows chosen on a list page, and import CSV, JSON or YAML; and
1.x's `BulkRenameView` (find and replace in the names of the chosen objects).

Every row is validated by the model's API serializer and saved through the write path (`nautobot.core.writes`),
so an import row is accepted exactly when the same object `POST`ed to the REST API would be, and errors are
reported per row.
"""

import csv
import io
import re
from inspect import signature

from django.contrib import messages
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import render

from nautobot.core import forms as spec_forms
from nautobot.core.tables import table_for, table_queryset
from nautobot.core.views import defaults
from nautobot.core.views.objects import (
    SpecView,
    app_filtered_queryset,
    app_table,
    WriteRejected,
    deletion_summary,
    filtered_queryset,
    validated_serializer,
)
from nautobot.core.views.imports import ImportParseError, parse_rows
from nautobot.core.views.permissions import allowed, require
from nautobot.core.writes import (
    DeleteBlocked,
    WriteConflict,
    WriteForbidden,
    integrity_message,
    objects_check_permission,
    objects_delete,
    objects_save,
    web_origin,
    write_transaction,
)

# 1.x's words when an import would make objects outside the user's object permissions.
FORBIDDEN_IMPORT = "Object import failed due to object-level permissions violation"
# 1.x's words when changed objects would be outside the user's object permissions.
FORBIDDEN_UPDATE = "Object update failed due to object-level permissions violation"


class BulkView(SpecView):
    """Resolve the chosen objects: `pk` values posted from a list page, or `_all` with its filter parameters.

    1.x attributes: `queryset`, `filterset` (`filterset_class`), `table` (`table_class`), `form` (a viewset's
    `bulk_update_form_class`), `template_name`.
    """

    filterset = filterset_class = None
    table = table_class = None
    form = None

    def chosen(self, request, permission: str):
        """The chosen objects, all of which the user may `permission` ("change", "delete"), else a 403.

        As in 1.x, `permission` alone decides: a user who may delete (or change) objects need not also be
        allowed to view them."""
        require(request.user, self.model, permission)
        queryset = allowed(self.get_queryset(), request.user, permission)
        if request.POST.get("_all"):
            filterset_class = self.filterset_class or self.filterset
            if filterset_class is not None:
                queryset, _errors = app_filtered_queryset(filterset_class, request, queryset)
            else:
                queryset, _errors = filtered_queryset(self.spec, request, queryset)
            return queryset
        pks = [pk for pk in request.POST.getlist("pk") if pk]
        try:
            chosen = queryset.filter(pk__in=pks)
            permitted = chosen.count()
        except (ValueError, ValidationError):
            chosen, permitted = queryset.none(), 0
        if self.queryset is not None:  # 1.x: the chosen objects the user may not act on are left out
            return chosen
        if permitted != len(set(pks)):
            raise PermissionDenied(f"You may not {permission} one or more of the chosen objects.")
        return chosen

    def list_url(self) -> str:
        return self.return_url(self.list_page())

    def selection_table(self, queryset):
        table_class = self.table_class or self.table
        if table_class is not None:
            return app_table(table_class, queryset, self.request, selectable=False, orderable=False)
        return table_for(self.spec, selectable=False)(table_queryset(self.spec, queryset), orderable=False)


class BulkDeleteView(BulkView):
    """First POST (from the list) shows what will be deleted; the confirmed POST deletes it all or nothing."""

    def post(self, request, *args, **kwargs):
        return self.bulk_destroy(request, *args, **kwargs)

    def bulk_destroy(self, request, *args, **kwargs):
        queryset = self.chosen(request, "delete")
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
                **self.legacy_context(form=None),
            )
            context.update(self.extra_context_of())
            return self.page("nautobot/generic/bulk_delete.html", ["generic/object_bulk_delete.html"], context)
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
    """First POST shows the form for the chosen objects; `_apply` validates each through the API and saves all.

    With a 1.x bulk edit form (`form`, a viewset's `bulk_update_form_class`, made as `form(model, data)`), the
    fields it gives a value are set on each object (`_nullify` empties the nullable ones; `add_tags` /
    `remove_tags`, `cf_<name>` custom fields), each object is validated by its model (`full_clean()`) and
    all are saved as one write.
    """

    bulk_update_form_class = None

    def post(self, request, *args, **kwargs):
        return self.bulk_update(request, *args, **kwargs)

    def bulk_update(self, request, *args, **kwargs):
        form_class = self.bulk_update_form_class or self.form
        if form_class is not None:
            return self.bulk_update_app_form(request, form_class)
        queryset = self.chosen(request, "change")
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
        return self.bulk_edit_page(form, objects, queryset, errors)

    def bulk_edit_page(self, form, objects, queryset, errors):
        context = self.context(
            form=form,
            objects=objects,
            table=self.selection_table(queryset),
            errors=errors,
            return_url=self.list_url(),
            **self.legacy_context(),
        )
        context.update(self.extra_context_of())
        return self.page("nautobot/generic/bulk_edit.html", ["generic/object_bulk_edit.html"], context)

    def bulk_update_app_form(self, request, form_class):
        queryset = self.chosen(request, "change")
        objects = list(queryset)
        if "_apply" in request.POST:
            form = form_class(self.model, request.POST)
            if form.is_valid():
                try:
                    updated = bulk_apply(self.model, objects, form, request.POST.getlist("_nullify"))
                    with write_transaction(web_origin(request)):
                        for obj in updated:
                            obj.save()
                            apply_relations(obj, form)
                        objects_check_permission(model=self.model, objects=updated, user=request.user, action="change")
                except ValidationError as error:
                    for message in error.messages:
                        messages.error(request, message)
                except WriteForbidden:
                    messages.error(request, FORBIDDEN_UPDATE)
                except IntegrityError as exc:
                    messages.error(request, integrity_message(exc))
                else:
                    messages.success(request, f"Updated {len(updated)} {self.model._meta.verbose_name_plural}")
                    return HttpResponseRedirect(self.list_url())
        else:
            form = form_class(self.model, initial={"pk": [obj.pk for obj in objects]})
        return self.bulk_edit_page(form, objects, queryset, [])

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


class BulkRenameView(SpecView):
    """1.x: find and replace in the `name` of the chosen objects (`pk`s posted from a list page, narrowed to those
    the user may change). `_preview` shows each new name; `_apply` saves them all in one write, re-checked against
    the user's object permissions. `get_selected_objects_parents_name()` names their parent in the title."""

    template_name = "generic/object_bulk_rename.html"

    def get_form_class(self, queryset) -> type[spec_forms.BulkRenameForm]:
        """1.x's `BulkRenameForm` with the chosen objects as its hidden `pk` field."""
        pk_field = forms.ModelMultipleChoiceField(queryset=queryset, widget=forms.MultipleHiddenInput())
        return type("BulkRenameForm", (spec_forms.BulkRenameForm,), {"pk": pk_field})

    def post(self, request, *args, **kwargs):
        require(request.user, self.model, "change")
        queryset = allowed(self.get_queryset(), request.user, "change")
        pks = [pk for pk in request.POST.getlist("pk") if pk]
        try:
            selected = list(queryset.filter(pk__in=pks))
        except (ValueError, ValidationError):
            selected = []
        if not selected:
            messages.warning(request, f"No valid {self.model._meta.verbose_name_plural} were selected.")
            return HttpResponseRedirect(self.get_return_url(request))
        form_class = self.get_form_class(queryset)
        if "_preview" not in request.POST and "_apply" not in request.POST:
            return self.rename_page(form_class(initial={"pk": pks}), selected)
        form = form_class(request.POST, initial={"pk": pks})
        if form.is_valid():
            for obj in selected:
                obj.new_name = new_name(obj.name, form.cleaned_data)
            if "_apply" in request.POST:
                names = {obj.pk: obj.name for obj in selected}
                try:
                    with write_transaction(web_origin(request)):
                        for obj in selected:
                            obj.name = obj.new_name
                            obj.save()
                        objects_check_permission(model=self.model, objects=selected, user=request.user, action="change")
                except (WriteForbidden, IntegrityError) as exc:
                    for obj in selected:  # rolled back: the page shows the names as they are
                        obj.name = names[obj.pk]
                    form.add_error(
                        None, FORBIDDEN_UPDATE if isinstance(exc, WriteForbidden) else integrity_message(exc)
                    )
                else:
                    messages.success(request, f"Renamed {len(selected)} {self.model._meta.verbose_name_plural}")
                    return HttpResponseRedirect(self.get_return_url(request))
        return self.rename_page(form, selected)

    def rename_page(self, form, selected: list):
        context = self.legacy_context(
            form=form,
            selected_objects=selected,
            return_url=self.get_return_url(self.request),
            parent_name=self.get_selected_objects_parents_name(selected),
        )
        return render(self.request, self.template_name, context)

    def get_selected_objects_parents_name(self, selected_objects) -> str:
        """1.x hook: the name of the objects' parent, for the page title (e.g. the device of interfaces)."""
        return ""


def new_name(name: str, cleaned: dict) -> str:
    """`name` with `find` replaced (a regular expression when `use_regex`; a bad group reference leaves it)."""
    if cleaned["use_regex"]:
        try:
            return re.sub(cleaned["find"], cleaned["replace"], name)
        except re.error:
            return name
    return name.replace(cleaned["find"], cleaned["replace"])


# The fields of a 1.x bulk edit form that are not model fields set as they are.
BULK_CONTROL_FIELDS = frozenset({"pk", "_nullify", "add_tags", "remove_tags", "object_note"})


def bulk_apply(model, objects: list, form, nullified: list[str]) -> list:
    """Set on each object what a 1.x bulk edit form gives (`nullified`: the fields to empty), validate each
    with its model's `full_clean()`; return them, not yet saved. `ValidationError` names the object."""
    data = form.cleaned_data
    custom = {name for name in form.fields if name.startswith("cf_")}
    concrete = {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    for obj in objects:
        for name in form.fields:
            if name in BULK_CONTROL_FIELDS or name in custom:
                continue
            field = concrete.get(name)
            if field is None or field.many_to_many:
                continue
            if name in nullified and field.null:
                setattr(obj, name, None)
            elif name in nullified and field.blank:
                setattr(obj, name, "")
            elif data.get(name) not in (None, ""):
                setattr(obj, name, data[name])
        for name in custom:
            key = name[3:]
            if name in nullified:
                obj._custom_field_data[key] = None
            elif data.get(name) not in (None, "", []):
                value = data[name]
                obj._custom_field_data[key] = value.pk if hasattr(value, "pk") else value
        try:
            obj.full_clean()
        except ValidationError as error:
            raise ValidationError([f"{obj}: {message}" for message in error.messages]) from None
    return objects


def apply_relations(obj, form) -> None:
    """The many-to-many values and tags a 1.x bulk edit form gives (after the object is saved)."""
    data = form.cleaned_data
    for field in obj._meta.many_to_many:
        if field.name in form.fields and field.name not in BULK_CONTROL_FIELDS and data.get(field.name):
            getattr(obj, field.name).set(data[field.name])
    if hasattr(obj, "tags"):
        if data.get("add_tags"):
            obj.tags.add(*data["add_tags"])
        if data.get("remove_tags"):
            obj.tags.remove(*data["remove_tags"])


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
    """Import rows of CSV (a header line of field names), JSON or YAML; API semantics, per-row errors.

    With a 1.x CSV form (`model_form`, a viewset's `bulk_create_form_class`), CSV rows (`csv_data`, or a
    `csv_file`; a header `field.attribute` names the attribute a related object is found by) are each
    validated by the form, and saved as one write: all rows or none.
    """

    model_form = bulk_create_form_class = None
    table = table_class = None

    def get(self, request, *args, **kwargs):
        return self.bulk_create(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.bulk_create(request, *args, **kwargs)

    def bulk_create(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        if request.method != "POST":
            return self.import_page()
        upload = request.FILES.get("file") or request.FILES.get("csv_file")
        text = (
            upload.read().decode("utf-8-sig") if upload else request.POST.get("data", request.POST.get("csv_data", ""))
        )
        form_class = self.bulk_create_form_class or self.model_form
        if form_class is not None:
            return self.import_app_rows(request, form_class, text)
        try:
            rows = parse_rows(text, request.POST.get("format", "auto"))
        except ImportParseError as exc:
            return self.import_page(text=text, problem=str(exc))
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
            except WriteForbidden:  # as 1.x: the page again with the reason; nothing was imported
                errors.append((0, {"__all__": [FORBIDDEN_IMPORT]}))
            else:
                return self.imported(created)
        return self.import_page(text=text, errors=errors)

    def import_app_rows(self, request, form_class, text: str):
        try:
            headers, records = csv_records(text)
        except ImportParseError as exc:
            return self.import_page(text=text, problem=str(exc))
        accepts_headers = "headers" in signature(form_class.__init__).parameters
        forms, errors = [], []
        for number, record in enumerate(records, start=1):
            form = form_class(record, headers=headers) if accepts_headers else form_class(record)
            if form.is_valid():
                forms.append(form)
            else:
                errors.append((number, {name: [str(e) for e in texts] for name, texts in form.errors.items()}))
        if not errors:
            try:
                created = objects_save(serializers=forms, model=self.model, action="add", origin=web_origin(request))
            except WriteConflict as conflict:
                errors.append((conflict.index + 1, conflict.errors))
            except WriteForbidden:
                errors.append((0, {"__all__": [FORBIDDEN_IMPORT]}))
            except ValidationError as error:
                errors.append((0, {"__all__": error.messages}))
            else:
                return self.imported(created)
        return self.import_page(text=text, errors=errors)

    def imported(self, created: list):
        request = self.request
        messages.success(request, f"Imported {len(created)} {self.model._meta.verbose_name_plural}")
        rows = self.model.objects.filter(pk__in=[o.pk for o in created])
        table_class = self.table_class or self.table
        if table_class is not None:
            table = app_table(table_class, rows, request, selectable=False, orderable=False)
        else:
            table = table_for(self.spec, selectable=False)(table_queryset(self.spec, rows))
        context = self.context(table=table, created=created, **self.legacy_context(return_url=self.list_page()))
        return self.page("nautobot/generic/bulk_import_done.html", ["import_success.html"], context)

    def import_page(self, text: str = "", problem: str = "", errors=None):
        form_class = self.bulk_create_form_class or self.model_form
        if form_class is not None:
            fields = list(form_class.base_fields)
        else:
            fields = defaults.form_fields(self.spec)
        context = self.context(
            text=text,
            problem=problem,
            errors=errors or [],
            fields=fields,
            **self.legacy_context(return_url=self.list_page(), active_tab="csv-data"),
        )
        context.update(self.extra_context_of())
        return self.page("nautobot/generic/bulk_import.html", ["generic/object_bulk_import.html"], context)


def csv_records(text: str) -> tuple[dict, list[dict]]:
    """1.x CSV import: `({field: attribute or None}, [{field: value}])` from a header line and rows; a header
    `site.slug` finds the site by slug (`headers["site"] == "slug"`)."""
    text = text.strip()
    if not text:
        raise ImportParseError("Nothing to import: paste CSV data or choose a file.")
    reader = csv.reader(io.StringIO(text))
    header_row = next(reader)
    headers: dict = {}
    for header in header_row:
        name, _, attribute = header.strip().partition(".")
        if not name:
            raise ImportParseError("CSV header: a column has no name.")
        if name in headers:
            raise ImportParseError(f"CSV header: duplicate column {name!r}.")
        headers[name] = attribute or None
    records = []
    for number, row in enumerate(reader, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(headers):
            raise ImportParseError(f"Row {number}: {len(row)} values for {len(headers)} header columns.")
        records.append({name: value.strip() for name, value in zip(headers, row, strict=True)})
    return headers, records
