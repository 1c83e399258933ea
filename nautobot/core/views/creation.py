"""The 1.x pages that create objects from an app's own forms, many at a time:

- `BulkCreateView`: one object per value of a pattern (`form`'s `pattern`, set on `model_form`'s `pattern_target`).
- `ComponentCreateView`: one component per name of `form`'s `name_pattern` (and `label_pattern`).
- `BulkComponentCreateView`: those components on each of the parents chosen on a list page.
- `ObjectImportView`: one object, and its related objects (`related_object_forms`), from JSON or YAML.

Each page saves in one write (`nautobot.core.writes`): the change log records every object with the user, and
the saved objects are re-checked against the user's object permissions, all or nothing. A form that refuses a
value shows the page again with its errors and nothing saved (1.x kept the components a bulk add had made before
the first refused one; here the write is whole or not at all).
"""

from copy import deepcopy
from functools import partial

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.html import format_html

from nautobot.core.forms import ImportForm, restrict_form_fields
from nautobot.core.views.objects import SpecView, app_filtered_queryset, app_table
from nautobot.core.views.permissions import require
from nautobot.core.writes import (
    WriteConflict,
    WriteForbidden,
    integrity_message,
    objects_check_permission,
    objects_save,
    web_origin,
    write_transaction,
)

# 1.x's words when a saved object is outside the user's object permissions (the write is rolled back).
FORBIDDEN_CREATE = "Object creation failed due to object-level permissions violation"
FORBIDDEN_COMPONENTS = "Component creation failed due to object-level permissions violation"


class FormRejected(Exception):
    """A form of the write refused its data: the write is rolled back; its errors are on the page's form."""


class CreationView(SpecView):
    """The 1.x attributes of these pages: `queryset` (its model is what is created), `form`, `model_form`,
    `template_name` (1.x left it unset for some; here each has a default page)."""

    form = None
    model_form = None
    default_template: str = ""

    def creation_page(self, **context):
        context = self.legacy_context(return_url=self.get_return_url(self.request), **context)
        return render(self.request, self.template_name or self.default_template, context)

    def attempt(self, form, write, forbidden: str):
        """What `write()` gives; None, with the reason on `form`, when one of its forms refused its data (the
        errors are already on the page's forms), the user may not (`forbidden`, 1.x's words) or a constraint broke."""
        try:
            return write()
        except FormRejected:
            pass
        except WriteForbidden:
            form.add_error(None, forbidden)
        except WriteConflict as conflict:
            form.add_error(None, conflict.message)
        except IntegrityError as exc:
            form.add_error(None, integrity_message(exc))
        return None

    def created(self, request, text: str, *, another: str):
        messages.success(request, text)
        if "_addanother" in request.POST:
            return HttpResponseRedirect(another)
        return HttpResponseRedirect(self.get_return_url(request))


class BulkCreateView(CreationView):
    """Create one object per value of `form`'s `pattern` field: `model_form` bound to the submitted data with
    `pattern_target` set to the value (1.x: IP addresses from `192.0.2.[1-9]/24`). The first value the model form
    refuses ends the write with nothing saved; its error on `pattern_target` is shown on `pattern`."""

    pattern_target = ""
    default_template = "generic/object_bulk_add.html"

    def get(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        names = getattr(self.model_form._meta, "fields", None) or []
        initial = {name: request.GET[name] for name in names if request.GET.get(name)}
        return self.bulk_create_page(self.form(), self.model_form(initial=initial))

    def post(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        form, model_form = self.form(request.POST), self.model_form(request.POST)
        if form.is_valid():
            created = self.attempt(form, lambda: self.create_each(request, form), FORBIDDEN_CREATE)
            if created is not None:
                text = f"Added {len(created)} {self.model._meta.verbose_name_plural}"
                return self.created(request, text, another=request.path)
        return self.bulk_create_page(form, model_form)

    def create_each(self, request, form) -> list:
        """Validate and save `model_form` once per value, in one write (a later value is validated with the
        earlier ones saved, as in 1.x); raise `FormRejected` at the first refused value."""
        created = []
        with write_transaction(web_origin(request)):
            for value in form.cleaned_data["pattern"]:
                model_form = self.model_form(request.POST.copy())
                model_form.data[self.pattern_target] = value
                if not model_form.is_valid():
                    errors = model_form.errors.as_data()
                    if errors.get(self.pattern_target):
                        form.add_error("pattern", errors[self.pattern_target])
                    for field, field_errors in errors.items():
                        if field != self.pattern_target:
                            texts = "; ".join(m for e in field_errors for m in e.messages)
                            form.add_error(
                                None, f"{value}: {texts}" if field == "__all__" else f"{value}: {field}: {texts}"
                            )
                    raise FormRejected
                created.append(model_form.save())
            objects_check_permission(model=self.model, objects=created, user=request.user, action="add")
        return created

    def bulk_create_page(self, form, model_form):
        obj_type = self.model_form._meta.model._meta.verbose_name
        return self.creation_page(
            form=form, model_form=model_form, obj_type=obj_type, pattern_target=self.pattern_target
        )


class ComponentCreateView(CreationView):
    """Create one component per name of `form`'s `name_pattern` (the n-th `label_pattern` value its label, and
    `form.get_iterative_data(n)` when the form has it), each validated by `model_form`; all saved in one write."""

    default_template = "dcim/device_component_add.html"

    def get(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        return self.component_page(self.form(initial=request.GET), self.model_form(request.GET))

    def post(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        form = self.form(request.POST, initial=request.GET)
        model_form = self.model_form(request.POST)
        if form.is_valid():
            component_forms = self.component_forms(request, form)
            if not form.errors:
                write = partial(
                    objects_save,
                    serializers=component_forms,
                    model=self.model,
                    action="add",
                    origin=web_origin(request),
                )
                if self.attempt(form, write, FORBIDDEN_COMPONENTS) is not None:
                    text = f"Added {len(component_forms)} {self.model._meta.verbose_name_plural}"
                    return self.created(request, text, another=request.get_full_path())
        return self.component_page(form, model_form)

    def component_forms(self, request, form) -> list:
        """A bound, validated `model_form` per name; the errors of those that refuse go on `form`."""
        labels = form.cleaned_data.get("label_pattern")
        valid = []
        for index, name in enumerate(form.cleaned_data["name_pattern"]):
            data = deepcopy(request.POST)
            data["name"], data["label"] = name, labels[index] if labels else None
            if hasattr(form, "get_iterative_data"):
                data.update(form.get_iterative_data(index))
            component_form = self.model_form(data)
            if component_form.is_valid():
                valid.append(component_form)
                continue
            for field, errors in component_form.errors.as_data().items():
                target = {"name": "name_pattern", "label": "label_pattern"}.get(field, field)
                target = target if target in form.fields else None
                for error in errors:
                    form.add_error(target, f"{name}: {', '.join(error)}")
        return valid

    def component_page(self, form, model_form):
        return self.creation_page(component_type=self.model._meta.verbose_name, form=form, model_form=model_form)


class BulkComponentCreateView(CreationView):
    """Add the components of `form` (made as `form(model, data)`: `pk` the chosen parents, `name_pattern`,
    `label_pattern`) to each parent chosen on the `parent_model` list (`pk`s, or `_all` with `filterset`).
    Each component is `model_form` of `{parent_field: parent, name, label, **form data}`; one write for all."""

    parent_model = None
    parent_field = None
    filterset = None
    table = None
    default_template = "generic/object_bulk_add_component.html"

    def post(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        if request.POST.get("_all") and self.filterset is not None:
            parents, _errors = app_filtered_queryset(self.filterset, request, self.parent_model.objects.all())
            pk_list = [str(pk) for pk in parents.values_list("pk", flat=True)]
        else:
            pk_list = request.POST.getlist("pk")
        selected = self.parent_model.objects.filter(pk__in=[pk for pk in pk_list if pk])
        if not selected:
            messages.warning(request, f"No {self.parent_model._meta.verbose_name_plural} were selected.")
            return HttpResponseRedirect(self.get_return_url(request))
        if "_create" not in request.POST:
            return self.bulk_component_page(self.form(self.model, initial={"pk": pk_list}), selected)
        form = self.form(self.model, request.POST)
        if form.is_valid():
            created = self.attempt(form, lambda: self.create_components(request, form), FORBIDDEN_COMPONENTS)
            if created is not None:
                parents = f"{len(form.cleaned_data['pk'])} {self.parent_model._meta.verbose_name_plural}"
                messages.success(request, f"Added {len(created)} {self.model._meta.verbose_name_plural} to {parents}.")
                return HttpResponseRedirect(self.get_return_url(request))
        return self.bulk_component_page(form, selected)

    def create_components(self, request, form) -> list:
        """Validate and save a component per parent and name in one write; `FormRejected` (all rolled back) when
        any is refused, every refusal on `form`."""
        data = deepcopy(form.cleaned_data)
        labels = data.get("label_pattern")
        created = []
        with write_transaction(web_origin(request)):
            for parent in data["pk"]:
                for index, name in enumerate(data["name_pattern"]):
                    values = {self.parent_field: parent.pk, "name": name, "label": labels[index] if labels else None}
                    component_form = self.model_form({**values, **data})
                    if component_form.is_valid():
                        created.append(component_form.save())
                        continue
                    for field, errors in component_form.errors.as_data().items():
                        for error in errors:
                            form.add_error(
                                field if field in form.fields else None, f"{parent} {name}: {', '.join(error)}"
                            )
            if form.errors:
                raise FormRejected
            objects_check_permission(model=self.model, objects=created, user=request.user, action="add")
        return created

    def bulk_component_page(self, form, selected):
        return self.creation_page(
            form=form,
            parent_model_name=self.parent_model._meta.verbose_name_plural,
            model_name=self.model._meta.verbose_name_plural,
            table=app_table(self.table, selected, self.request, selectable=False, orderable=False),
        )


class ObjectImportView(CreationView):
    """Create one object from JSON or YAML (`ImportForm`'s `data`), validated by `model_form` (its choosers
    narrowed to what the user may view; fields the data leaves out take their initial value), and for each
    `related_object_forms` key the list of related objects under it (each form made as `form(obj, item)`)."""

    related_object_forms: dict = {}
    default_template = "generic/object_import.html"

    def get(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        return self.import_page(ImportForm())

    def post(self, request, *args, **kwargs):
        require(request.user, self.model, "add")
        form = ImportForm(request.POST)
        if not form.is_valid():
            return self.import_page(form)
        data = form.cleaned_data["data"]
        if not isinstance(data, dict):
            form.add_error("data", "The data must be one object (a mapping of field names to values).")
            return self.import_page(form)
        model_form = self.model_form(data)
        restrict_form_fields(model_form, request.user)
        with_defaults(model_form, data)
        obj = None
        if model_form.is_valid():
            obj = self.attempt(form, lambda: self.import_object(request, model_form, data), FORBIDDEN_CREATE)
        if obj is None:
            for field, errors in model_form.errors.items():
                for error in errors:
                    form.add_error(None, error if field == "__all__" else f"{field}: {error}")
            return self.import_page(form)
        messages.success(request, format_html('Imported object: <a href="{}">{}</a>', self.object_page(obj), obj))
        if "_addanother" in request.POST:
            return HttpResponseRedirect(request.get_full_path())
        return HttpResponseRedirect(self.get_return_url(request, obj))

    def import_object(self, request, model_form, data: dict):
        """Save the object and its related objects in one write; `FormRejected` when a related form refuses its
        item (its errors on `model_form`, as `<key>[<n>] <field>: <error>`)."""
        with write_transaction(web_origin(request)):
            obj = model_form.save()
            objects_check_permission(model=self.model, objects=[obj], user=request.user, action="add")
            for key, related_form_class in self.related_object_forms.items():
                related = []
                for index, item in enumerate(data.get(key, [])):
                    related_form = related_form_class(obj, item)
                    with_defaults(related_form, item)
                    if not related_form.is_valid():
                        for field, errors in related_form.errors.items():
                            for error in errors:
                                model_form.add_error(None, f"{key}[{index}] {field}: {error}")
                        raise FormRejected
                    related.append(related_form.save())
                model = related_form_class._meta.model
                objects_check_permission(model=model, objects=related, user=request.user, action="add")
        return obj

    def import_page(self, form):
        return self.creation_page(form=form, obj_type=self.model._meta.verbose_name)


def with_defaults(form, data: dict) -> None:
    """Give the fields `data` leaves out their initial value (1.x import: a form's `initial` is only the widgets')."""
    for name, field in form.fields.items():
        if name not in data and getattr(field, "initial", None) is not None:
            form.data[name] = field.initial
