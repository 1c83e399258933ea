"""Form fields of 1.x apps: API-backed choosers of related objects, CSV import fields, tag filters, slugs, JSON.

`DynamicModelChoiceField` is the chooser our own generated forms use too (`related_form_field`): an
`APISelect` that renders only the chosen objects and lets the browser search the REST API for the rest,
validated against the field's queryset like any `ModelChoiceField`.
"""

import csv
import io

from nautobot.core.validators import EnhancedURLValidator
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from nautobot.core.forms.utils import expand_alphanumeric_pattern, parse_numeric_range
from nautobot.core.models.features import FeatureQuery
from nautobot.core.forms.widgets import (
    APISelect,
    APISelectMultiple,
    NumericArrayWidget,
    SlugWidget,
    StaticSelect2Multiple,
)
from nautobot.core.specs import has_spec, spec_for


def api_list_url(model: type[models.Model]) -> str | None:
    """The REST list endpoint of `model`: its spec's route, else the 1.x route name (`plugins-api:<app>-api:...`)."""
    names = []
    if has_spec(model):
        spec = spec_for(model)
        names.append(f"{spec.app_label()}-api:{spec.route_name()}-list")
    label, model_name = model._meta.app_label, model._meta.model_name
    names += [f"plugins-api:{label}-api:{model_name}-list", f"{label}-api:{model_name}-list"]
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


class DynamicModelChoiceMixin:
    """What 1.x `DynamicModelChoiceField` and its multiple variant add to Django's model choice fields.

    - `display_field`: the attribute of the API's objects shown as the option's label (default `display`);
    - `query_params`: `{param: value or "$field"}` filters of the API search (`"$field"`: another field's value);
    - `initial_params`: accepted (1.x preselects a parent from a child's initial value; not done here);
    - `null_option`: a label for an extra "none" choice, submitted as `null` and cleaned to `None`;
    - `disabled_indicator`: accepted (1.x greys out options whose attribute is true);
    - `to_field_name`: as Django's (the value submitted and searched on).
    """

    widget = APISelect

    def __init__(
        self,
        display_field: str = "display",
        query_params: dict | None = None,
        initial_params: dict | None = None,
        null_option: str | None = None,
        disabled_indicator: str | None = None,
        *args,
        **kwargs,
    ):
        self.display_field = display_field
        self.query_params = query_params or {}
        self.initial_params = initial_params or {}
        self.null_option = null_option
        self.disabled_indicator = disabled_indicator
        super().__init__(*args, **kwargs)

    def get_bound_field(self, form, field_name):
        bound = super().get_bound_field(form, field_name)
        widget = self.widget
        if isinstance(widget, APISelect):
            # Resolved here, not in __init__: an app's forms module is imported while the URLs are still loading.
            if "data-api-url" not in widget.attrs:
                url = api_list_url(self.queryset.model)
                if url:
                    widget.attrs["data-api-url"] = widget.attrs["data-url"] = url
            for name, value in self.query_params.items():
                widget.add_query_param(name, value)
            widget.null_option = self.null_option
            if self.display_field != "display":
                widget.attrs["data-display-field"] = self.display_field
            if self.to_field_name:
                widget.attrs["data-value-field"] = self.to_field_name
            if self.disabled_indicator:
                widget.attrs["data-disabled-indicator"] = self.disabled_indicator
        return bound

    def clean(self, value):
        if self.null_option is not None and value == "null":
            return None
        return super().clean(value)


class DynamicModelChoiceField(DynamicModelChoiceMixin, forms.ModelChoiceField):
    """A chooser of one object of `queryset`, searched through the REST API (see `DynamicModelChoiceMixin`)."""


class DynamicModelMultipleChoiceField(DynamicModelChoiceMixin, forms.ModelMultipleChoiceField):
    """A chooser of several objects of `queryset`, searched through the REST API."""

    widget = APISelectMultiple

    def clean(self, value):
        if self.null_option is not None and value and "null" in value:
            rest = [v for v in value if v != "null"]
            return [None, *super().clean(rest)] if rest else [None]
        return super().clean(value)


class TagFilterField(forms.MultipleChoiceField):
    """The tags filter of a list page: the slugs of the tags usable on `model`, each with its number of uses."""

    widget = StaticSelect2Multiple

    def __init__(self, model, *args, **kwargs):
        self.model = model

        def tag_choices():  # read when the form is rendered, not when its module is imported
            tag_model = apps.get_model("extras", "Tag")
            content_type = ContentType.objects.get_for_model(model)
            tags = tag_model.objects.filter(content_types=content_type).annotate(count=Count("extras_taggeditem_items"))
            return [(tag.slug, f"{tag.name} ({tag.count})") for tag in tags.order_by("name")]

        kwargs.setdefault("label", "Tags")
        kwargs.setdefault("required", False)
        super().__init__(*args, choices=tag_choices, **kwargs)


class SlugField(forms.SlugField):
    """A slug input the browser fills from `slug_source` (default `name`) until it is edited."""

    def __init__(self, slug_source: str = "name", *args, **kwargs):
        kwargs.setdefault("label", "Slug")
        kwargs.setdefault("help_text", "URL-friendly unique shorthand")
        kwargs.setdefault("widget", SlugWidget)
        super().__init__(*args, **kwargs)
        self.slug_source = slug_source
        self.widget.attrs["data-slug-source"] = slug_source


class JSONFormField(forms.JSONField):
    """JSON in a text area; no value is an empty box (not the text `null`)."""

    def prepare_value(self, value):
        return "" if value is None else super().prepare_value(value)


class JSONField(JSONFormField):
    """1.x's JSON field: `JSONFormField` in a monospace text area, with a hint about the format."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5, "class": "form-control font-monospace"}))
        super().__init__(*args, **kwargs)
        if not self.help_text:
            self.help_text = 'Enter data in <a href="https://json.org/">JSON</a> format.'


class CommentField(forms.CharField):
    """Free-form comments (Markdown), optional."""

    widget = forms.Textarea

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Comments")
        kwargs.setdefault("help_text", "Markdown syntax is supported")
        super().__init__(*args, **kwargs)


class LaxURLField(forms.URLField):
    """A URL whose host need not be a fully qualified domain name (`http://router/`), of any scheme that
    `ALLOWED_URL_SCHEMES` lists."""

    default_validators = [EnhancedURLValidator()]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(*args, **kwargs)


class ExpandableNameField(forms.CharField):
    """A name with alphanumeric ranges, cleaned to every name it stands for: `ge-0/0/[0-3]` gives four."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Alphanumeric ranges are supported for bulk creation, e.g. <code>[ge,xe]-0/0/[0-9]</code>.",
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if not value:
            return ""
        try:
            return list(expand_alphanumeric_pattern(value))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class NumericArrayField(forms.CharField):
    """Numbers given as ranges (`1-5,20`), cleaned to the sorted list of them."""

    widget = NumericArrayWidget

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return list(value)
        if not value:
            return []
        try:
            return parse_numeric_range(value)
        except ValueError:
            raise ValidationError("Enter numbers and ranges, e.g. 1-5,20,30-32.") from None


class MultiValueCharField(forms.CharField):
    """Several text values (a list); each must satisfy the field's length limits."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        if value in (None, "", []):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(v) for v in values if str(v) != ""]

    def run_validators(self, value):
        for item in value:
            super().run_validators(item)

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


# CSV import fields


class CSVModelChoiceField(forms.ModelChoiceField):
    """An object named by `to_field_name` in a CSV column; an unknown or ambiguous value is a clear error."""

    default_error_messages = {"invalid_choice": "Object not found: %(value)s"}

    def to_python(self, value):
        try:
            return super().to_python(value)
        except MultipleObjectsReturned:
            raise ValidationError(
                f'"{value}" is not a unique value for this field; multiple objects were found'
            ) from None


class CSVModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several objects in one CSV column, separated by commas."""

    default_error_messages = {"invalid_choice": "Object not found: %(value)s"}

    def clean(self, value):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        return super().clean(value)


def _flat_choices(choices) -> list[tuple]:
    flat = []
    for key, label in choices:
        if isinstance(label, (list, tuple)):  # a group
            flat.extend(label)
        else:
            flat.append((key, label))
    return flat


class CSVChoiceField(forms.ChoiceField):
    """A choice in a CSV column: its value or (case-insensitively) its label, cleaned to the value."""

    STATIC_CHOICES = True

    def clean(self, value):
        if value not in (None, ""):
            labels = {str(label).lower(): key for key, label in _flat_choices(self.choices)}
            value = labels.get(str(value).lower(), value)
        return super().clean(value)


class CSVMultipleChoiceField(CSVChoiceField):
    """Several choices in one CSV column, separated by commas."""

    def clean(self, value):
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        return [CSVChoiceField.clean(self, item.strip()) for item in str(value).split(",") if item.strip()]


def _content_type(value: str):
    app_label, _, model = str(value).strip().partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, model.lower())
    except ObjectDoesNotExist:
        raise ValidationError(f'Invalid object type "{value}": use the form app_label.model, e.g. dcim.site') from None


class CSVContentTypeField(CSVModelChoiceField):
    """A content type in a CSV column, written `app_label.model` (e.g. `dcim.site`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", ContentType.objects.all())
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, ContentType):
            return f"{value.app_label}.{value.model}"
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return _content_type(value)


class CSVMultipleContentTypeField(forms.ModelMultipleChoiceField):
    """Several content types in one CSV column, separated by commas."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", ContentType.objects.all())
        kwargs.pop("choices_as_strings", None)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if isinstance(value, str):
            value = [v for v in value.split(",") if v.strip()]
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        return self.queryset.filter(pk__in=[_content_type(v).pk for v in value])


class MultipleContentTypeField(forms.ModelMultipleChoiceField):
    """A choice of several content types, labelled `app | model`; `choices_as_strings` submits `app_label.model`.

    `feature` (1.x) limits the choice to the models having that feature (`FeatureQuery`), unless a queryset is
    given. The choices are read when the form is shown, never when the field is declared: 1.x apps declare it in
    form classes, which are imported before the database is there (at start, or by `nautobot-server test`).
    """

    widget = StaticSelect2Multiple

    def __init__(self, *args, feature=None, choices_as_strings=False, **kwargs):
        if "queryset" not in kwargs:
            queryset = ContentType.objects.order_by("app_label", "model")
            kwargs["queryset"] = queryset if feature is None else queryset.filter(FeatureQuery(feature).get_query())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.feature = feature
        self.choices_as_strings = choices_as_strings
        if choices_as_strings:
            self.choices = self._string_choices

    def _string_choices(self) -> list[tuple[str, str]]:
        return [(f"{ct.app_label}.{ct.model}", f"{ct.app_label} | {ct.name}") for ct in self.queryset.all()]

    def clean(self, value):
        if self.choices_as_strings and value:
            value = [_content_type(v).pk for v in value]
        return super().clean(value)


class CSVDataField(forms.CharField):
    """The text area of a CSV import: cleaned to `(headers, records)`, `headers` mapping each column to the
    `to_field_name` given after a dot (`site.slug`) or None, `records` a list of `{column: value}`."""

    widget = forms.Textarea

    def __init__(self, from_form, *args, **kwargs):
        self.from_form = from_form
        form = from_form()
        self.model = getattr(getattr(form, "_meta", None), "model", None)
        self.fields = form.fields
        self.required_fields = [name for name, field in form.fields.items() if field.required]
        kwargs.setdefault("help_text", "Enter the list of column headers followed by one line per record.")
        super().__init__(*args, **kwargs)
        self.strip = False
        self.widget.attrs.update({"class": "form-control font-monospace", "rows": 10})

    def to_python(self, value):
        reader = csv.reader(io.StringIO((value or "").strip()))
        try:
            header_row = next(reader)
        except StopIteration:
            return {}, []
        headers = {}
        for header in header_row:
            name, _, to_field = header.strip().partition(".")
            headers[name] = to_field or None
        records = []
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(headers):
                raise ValidationError(
                    f"Row {number}: found {len(row)} columns but expected {len(headers)}", code="invalid"
                )
            records.append({name: cell.strip() for name, cell in zip(headers, row, strict=True)})
        return headers, records

    def validate(self, value):
        headers, _records = value
        for name in self.required_fields:
            if name not in headers:
                raise ValidationError(f'Required column header "{name}" not found.')
        for name, to_field in headers.items():
            if name not in self.fields:
                raise ValidationError(f'Unexpected column header "{name}" found.')
            if to_field and not hasattr(self.fields[name], "to_field_name"):
                raise ValidationError(f'Column "{name}" is not a related object; dotted headers are not valid here.')
