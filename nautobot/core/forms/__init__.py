"""Django forms: those derived from specs (create/edit, bulk edit, filter) and the 1.x form API apps import.

The 1.x names live in the submodules, named as 1.x's `nautobot.utilities.forms` package: `widgets`
(`APISelect`, `StaticSelect2`, `DatePicker`, ...), `fields` (`DynamicModelChoiceField`, `CSVModelChoiceField`,
`TagFilterField`, ...), `base` (`BootstrapMixin`, `BulkEditForm`, `CSVModelForm`, `ConfirmationForm`, ...),
`utils` and `constants`; this package re-exports them. Generated forms use the same widgets and choosers.

Spec-derived forms only render and parse; validation and saving go through the API serializer of the model (see
`nautobot.core.writes`), so the UI, CSV import and the REST API accept exactly the same things.
Related objects are chosen with `APISelect`, which renders only the selected options and lets the browser
search the REST API for the rest (never thousands of `<option>`s).
"""

import datetime
import decimal
import functools
import uuid
from typing import Any

from django import forms
from django.db import models

from nautobot.core.api.serializers import serializer_for
from nautobot.core.filters import _resolve
from nautobot.core.forms.base import (  # noqa: F401  (the 1.x names, re-exported)
    AddressFieldMixin,
    BootstrapMixin,
    BulkEditForm,
    BulkRenameForm,
    ConfirmationForm,
    CSVModelForm,
    ImportForm,
    PrefixFieldMixin,
    ReturnURLForm,
    SearchForm,
    TableConfigForm,
    style_widget,
)
from nautobot.core.forms.constants import (  # noqa: F401  (the 1.x names, re-exported)
    ALPHANUMERIC_EXPANSION_PATTERN,
    BOOLEAN_CHOICES,
    BOOLEAN_WITH_BLANK_CHOICES,
    IP4_EXPANSION_PATTERN,
    IP6_EXPANSION_PATTERN,
    NUMERIC_EXPANSION_PATTERN,
)
from nautobot.core.forms.fields import (  # noqa: F401  (the 1.x names, re-exported)
    CommentField,
    CSVChoiceField,
    CSVContentTypeField,
    CSVDataField,
    CSVModelChoiceField,
    CSVModelMultipleChoiceField,
    CSVMultipleChoiceField,
    CSVMultipleContentTypeField,
    DynamicModelChoiceField,
    DynamicModelChoiceMixin,
    DynamicModelMultipleChoiceField,
    ExpandableNameField,
    JSONField,
    JSONFormField,
    LaxURLField,
    MultipleContentTypeField,
    MultiValueCharField,
    NumericArrayField,
    SlugField,
    TagFilterField,
    api_list_url,
)
from nautobot.core.forms.utils import (  # noqa: F401  (the 1.x names, re-exported)
    add_blank_choice,
    expand_alphanumeric_pattern,
    expand_ipaddress_pattern,
    form_from_model,
    parse_alphanumeric_range,
    parse_numeric_range,
    restrict_form_fields,
)
from nautobot.core.forms.widgets import (  # noqa: F401  (the 1.x names, re-exported)
    APISelect,
    APISelectMultiple,
    BulkEditNullBooleanSelect,
    ColorSelect,
    ContentTypeSelect,
    DatePicker,
    DateTimePicker,
    MultiValueCharInput,
    NumericArrayWidget,
    SelectWithDisabled,
    SelectWithPK,
    SlugWidget,
    SmallTextarea,
    StaticSelect2,
    StaticSelect2Multiple,
    StaticSelect2Tag,
    TimePicker,
)
from nautobot.core.permissions import restrict
from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec
from nautobot.core.views.defaults import model_field, verbose


def _extension_fields(model, user, mode: str) -> tuple[dict, dict]:
    """The fields of every extension for `model` in `mode`, and which extension owns each name."""
    fields, owners = {}, {}
    for extension in registry.form_extensions:
        for name, formfield in extension.fields(model, user, mode).items():
            fields[name], owners[name] = formfield, extension
    return fields, owners


def related_form_field(field: models.Field, user, *, many: bool = False, required: bool | None = None) -> forms.Field:
    """A chooser for the model `field` points to: an override (few choices) or an `APISelect` backed by the API."""
    target = field.related_model
    override = registry.form_field_overrides.get(target._meta.label)
    is_required = (not field.blank) if required is None else required
    label = verbose_label(field)
    if override is not None:
        return override.build(field.model, many=many, required=is_required, label=label)
    queryset = restrict(target._default_manager.all(), user, "view")
    url = api_list_url(target)
    if url is None:  # no REST endpoint to search: every object as an option
        field_class = forms.ModelMultipleChoiceField if many else forms.ModelChoiceField
        return field_class(queryset=queryset, required=is_required, label=label)
    field_class = DynamicModelMultipleChoiceField if many else DynamicModelChoiceField
    return field_class(queryset=queryset, required=is_required, label=label, widget=APISelect(url, multiple=many))


def verbose_label(field: models.Field) -> str:
    label = str(getattr(field, "verbose_name", field.name))
    return label[:1].upper() + label[1:]


@functools.cache
def api_required(serializer_class: type) -> dict[str, bool]:
    """`{name: required}` of the writable fields of an API serializer on create (built once per class)."""
    return {name: f.required for name, f in serializer_class().fields.items() if not f.read_only}


def form_field(spec: type[ObjectSpec], name: str, user, *, required: bool | None = None) -> forms.Field:
    """The form field for model field `name` of `spec.model`.

    Unless `required` says otherwise, the form requires a value exactly where the API does (a slug the API
    derives from the name when left out is optional in the form too): both go through the same serializer.
    """
    api = api_required(serializer_for(spec.model)).get(name) if required is None else None
    field = model_field(spec, name)
    if field is None:  # a settable property (`prefix`, `address`): text, required as the API requires it
        formfield = forms.CharField(required=bool(api) if required is None else required, label=verbose(spec, name))
        style_widget(formfield)
        return formfield
    if field.is_relation and field.related_model is not None:
        optional = False if api is False else required
        return related_form_field(field, user, many=field.many_to_many, required=optional)
    formfield = field.formfield(assume_scheme="https") if isinstance(field, models.URLField) else field.formfield()
    if formfield is None:
        return forms.CharField(required=False, label=verbose(spec, name))
    if isinstance(field, models.JSONField):
        formfield = JSONFormField(required=not field.blank if required is None else required, label=formfield.label)
    if required is not None:
        formfield.required = required
    elif api is False and formfield.required:  # the model requires it, the API derives or defaults it
        formfield.required = False
        formfield.left_to_api = True  # `form_payload` leaves it out when empty, so the API fills it in
    if isinstance(formfield, forms.TypedChoiceField) and required is False:
        formfield.choices = [("", "---------"), *[c for c in formfield.choices if c[0] != ""]]
    style_widget(formfield)
    return formfield


class SpecForm(forms.Form):
    """Base of generated forms: Bootstrap classes on every widget, errors shown beside their field.

    `extension_fields` maps the names of fields added by a `FormExtension` to it.
    """

    extension_fields: dict = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_widget(field)


def object_form(
    spec: type[ObjectSpec], names: tuple[str, ...], user, *, data=None, files=None, initial=None
) -> SpecForm:
    """A create/edit form with the fields `names` of `spec.model` (`files`: the uploads of its file fields)."""
    fields = {name: form_field(spec, name, user) for name in names}
    extra, owners = _extension_fields(spec.model, user, "edit")
    form_class = type(f"{spec.model.__name__}Form", (SpecForm,), {**fields, **extra, "extension_fields": owners})
    return form_class(data=data, files=files, initial=initial)


def bulk_edit_form(spec: type[ObjectSpec], names: tuple[str, ...], user, *, data=None) -> SpecForm:
    """Every field optional: only those given a value are changed; `_nullify` empties the chosen ones."""
    fields: dict[str, forms.Field] = {name: form_field(spec, name, user, required=False) for name in names}
    for formfield in fields.values():
        if isinstance(formfield, forms.BooleanField):
            formfield.widget = forms.Select(choices=[("", "(unchanged)"), ("true", "Yes"), ("false", "No")])
    nullable = [(n, verbose(spec, n)) for n in names if model_field(spec, n).null]
    extra, owners = _extension_fields(spec.model, user, "bulk")
    fields.update(extra)
    nullable += [(name, formfield.label) for name, formfield in extra.items()]
    fields["_nullify"] = forms.MultipleChoiceField(
        choices=nullable, required=False, label="Set empty", widget=forms.CheckboxSelectMultiple
    )
    form_class = type(f"{spec.model.__name__}BulkEditForm", (SpecForm,), {**fields, "extension_fields": owners})
    return form_class(data=data)


def initial_from(instance: models.Model | None, names: tuple[str, ...], model=None) -> dict:
    """Form initial data of `instance` for the fields `names`, and of the extensions' fields.

    `instance` None (a new object of `model`): only the extensions' defaults (e.g. custom field defaults).
    """
    from django.forms.models import model_to_dict

    model = model or type(instance)
    initial = model_to_dict(instance, fields=names) if instance is not None else {}
    if instance is not None:  # settable properties (`prefix`) as text
        for name in names:
            if name not in initial and isinstance(getattr(model, name, None), property):
                value = getattr(instance, name)
                initial[name] = "" if value is None else str(value)
    for extension in registry.form_extensions:
        initial.update(extension.initial(model, instance))
    return initial


def to_payload(cleaned_data: dict) -> dict:
    """Form values as an API request body: related objects by id, decimals and dates as strings."""
    return {name: _wire(value) for name, value in cleaned_data.items() if not name.startswith("_")}


def form_payload(form: SpecForm, model, *, bulk: bool = False) -> dict:
    """The API request body of a valid form: its own fields (`to_payload`) plus what each extension makes of its own.

    `bulk`: only the fields given a value, and `None` for those ticked in `_nullify`.
    """
    owners = form.extension_fields
    cleaned = form.cleaned_data
    nullify = list(cleaned.get("_nullify") or [])
    left_to_api = {name for name, field in form.fields.items() if getattr(field, "left_to_api", False)}
    # A file field sends its upload; with none, the stored file is left as it is.
    left_to_api |= {name for name, field in form.fields.items() if isinstance(field, forms.FileField)}
    payload = to_payload(
        {
            name: value
            for name, value in cleaned.items()
            if name not in owners and not (name in left_to_api and value in (None, "", False))
        }
    )
    if bulk:
        payload = {name: value for name, value in payload.items() if value not in (None, "", [])}
        payload.update({name: None for name in nullify if name not in owners})
    for extension in registry.form_extensions:
        values = {name: cleaned.get(name) for name, owner in owners.items() if owner is extension}
        if values:
            mine = [name for name in nullify if name in values]
            payload.update(extension.payload(model, values, bulk=bulk, nullify=mine))
    return payload


def extension_errors(errors: dict) -> dict:
    """API errors the extensions own, as {form field name: [messages]} (removed from `errors`)."""
    found = {}
    for extension in registry.form_extensions:
        found.update(extension.form_errors(errors))
    return found


def _wire(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (models.QuerySet, list, tuple)):
        return [_wire(v) for v in value]
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


# Filter parameters `<name>__<lookup>` the filter form shows as one bound of a range, and their labels.
RANGE_LOOKUPS = {"gte": "from", "lte": "until", "gt": "after", "lt": "before"}


def range_form_field(field: models.Field, label: str) -> forms.Field:
    """An input for one bound of a date, time or number range (a browser date/time picker for dates)."""
    if isinstance(field, models.DateTimeField):
        return forms.DateTimeField(
            required=False,
            label=label,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"],
        )
    if isinstance(field, models.DateField):
        return forms.DateField(required=False, label=label, widget=forms.DateInput(attrs={"type": "date"}))
    return forms.CharField(required=False, label=label)


def filter_form(spec: type[ObjectSpec], params: tuple[str, ...], user, *, data=None) -> SpecForm:
    """The list page's filter form: one field per filter parameter, named as the filterset's (`site_id`, `status`, ...)."""
    paths = dict(entry if isinstance(entry, tuple) else (entry, entry) for entry in spec.filter_fields)
    fields: dict[str, forms.Field] = {"q": forms.CharField(required=False, label="Search")}
    for param in params:
        base, _, lookup = param.rpartition("__")
        if lookup in RANGE_LOOKUPS and base:  # `time__gte`: a bound of a range of the filter `time`
            field, _many = _resolve(spec.model, paths.get(base, base))
            fields[param] = range_form_field(field, f"{verbose_label(field)} {RANGE_LOOKUPS[lookup]}")
            continue
        field, _many = _resolve(spec.model, paths.get(param, param))
        label = verbose_label(field) if param == paths.get(param, param) else param.replace("_", " ").capitalize()
        if field.is_relation and field.related_model is not None:
            formfield = related_form_field(field, user, many=True, required=False)
            formfield.label = label
            fields[f"{param}_id"] = formfield
        elif isinstance(field, models.BooleanField):
            fields[param] = forms.ChoiceField(
                choices=[("", "Any"), ("true", "Yes"), ("false", "No")], required=False, label=label
            )
        elif field.choices:
            fields[param] = forms.MultipleChoiceField(choices=field.choices, required=False, label=label)
            fields[param].widget.attrs["class"] = "form-select tom-select"
        else:
            fields[param] = forms.CharField(required=False, label=label)
    for extension in registry.filter_extensions:
        if extension.model == spec.model._meta.label_lower:
            fields.update(extension.filterform_fields)
    extra, owners = _extension_fields(spec.model, user, "filter")
    form_class = type(f"{spec.model.__name__}FilterForm", (SpecForm,), {**fields, **extra, "extension_fields": owners})
    return form_class(data=data)
