"""Base forms of 1.x apps: Bootstrap styling, bulk edit, CSV import, confirmation, table columns, bulk rename.

These are plain Django forms with the 1.x constructor signatures and attributes (`BulkEditForm(model, data)`,
`Meta.nullable_fields`, `CSVModelForm(data, headers=...)`, `TableConfigForm(table)`); the 1.x views
(`nautobot.core.views.generic`) drive them and save through the write path.
"""

import json
import re

import yaml
from django import forms

from nautobot.core.forms.widgets import StaticSelect2


def style_widget(formfield: forms.Field) -> None:
    """Give the widget of `formfield` its Bootstrap 5 class (kept if it has one)."""
    widget = formfield.widget
    if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
        widget.attrs.setdefault("class", "form-check-input")
    elif isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput):
        return
    elif isinstance(widget, forms.Select):
        widget.attrs.setdefault("class", "form-select")
    else:
        widget.attrs.setdefault("class", "form-control")
        if isinstance(widget, forms.Textarea) and str(widget.attrs.get("rows", "10")) == "10":  # Django's default
            widget.attrs["rows"] = 3


class BootstrapMixin(forms.BaseForm):
    """Styles every widget for Bootstrap; text inputs show their label as a placeholder (as 1.x does)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for formfield in self.fields.values():
            style_widget(formfield)
            widget = formfield.widget
            if isinstance(widget, (forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput)):
                widget.attrs.setdefault("placeholder", formfield.label or "")


class ReturnURLForm(forms.Form):
    """Carries `return_url`, where the view goes after the form is done."""

    return_url = forms.CharField(required=False, widget=forms.HiddenInput())


class ConfirmationForm(BootstrapMixin, ReturnURLForm):
    """A yes-I-am-sure form (deletes): `confirm` must be submitted true."""

    confirm = forms.BooleanField(required=True, widget=forms.HiddenInput(), initial=True)


class BulkEditForm(forms.Form):
    """Base of bulk edit forms: `BulkEditForm(model, data)`; the fields listed in `Meta.nullable_fields` may be
    emptied on every chosen object (the view reads their names from the submitted `_nullify` list)."""

    def __init__(self, model, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        meta = getattr(self, "Meta", None)
        self.nullable_fields = list(getattr(meta, "nullable_fields", ()))


class CSVModelForm(forms.ModelForm):
    """A model form fed by one CSV row; `headers` (`{column: to_field_name or None}`) tells the related-object
    columns which field identifies the object (`site.slug` in the header makes `site` look sites up by slug)."""

    def __init__(self, *args, headers=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, to_field in (headers or {}).items():
            if to_field and name in self.fields and hasattr(self.fields[name], "to_field_name"):
                self.fields[name].to_field_name = to_field


class ImportForm(BootstrapMixin, forms.Form):
    """Objects given as JSON or YAML text (1.x: device type import)."""

    data = forms.CharField(widget=forms.Textarea, help_text="Enter object data in JSON or YAML format.")
    format = forms.ChoiceField(choices=(("json", "JSON"), ("yaml", "YAML")), initial="yaml")

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("data", "")
        if cleaned.get("format") == "json":
            try:
                cleaned["data"] = json.loads(text)
            except ValueError as exc:
                raise forms.ValidationError({"data": f"Invalid JSON data: {exc}"}) from None
        else:
            try:
                cleaned["data"] = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                raise forms.ValidationError({"data": f"Invalid YAML data: {exc}"}) from None
        return cleaned


class TableConfigForm(BootstrapMixin, forms.Form):
    """The columns a user shows in a table: the choices are the table's columns, the initial value those shown."""

    columns = forms.MultipleChoiceField(
        choices=[],
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Use the buttons below to arrange columns in the desired order, then select all columns to display.",
    )

    def __init__(self, table, *args, **kwargs):
        self.table = table
        super().__init__(*args, **kwargs)
        self.fields["columns"].choices = list(getattr(table, "configurable_columns", ()))
        self.fields["columns"].initial = list(getattr(table, "visible_columns", ()))

    @property
    def table_name(self) -> str:
        return type(self.table).__name__


class BulkRenameForm(forms.Form):
    """Find and replace in the names of the chosen objects (`use_regex`: `find` is a regular expression)."""

    find = forms.CharField()
    replace = forms.CharField(required=False)
    use_regex = forms.BooleanField(required=False, initial=True, label="Use regular expressions")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("use_regex") and cleaned.get("find"):
            try:
                cleaned["find"] = re.compile(cleaned["find"])
            except re.error as exc:
                raise forms.ValidationError({"find": f"Invalid regular expression: {exc}"}) from None
        return cleaned


class AddressFieldMixin(forms.ModelForm):
    """Model forms of IP addresses: the `address` field starts from the instance's address."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and getattr(instance, "address", None) is not None:
            kwargs["initial"] = {"address": str(instance.address), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)


class PrefixFieldMixin(forms.ModelForm):
    """Model forms of prefixes: the `prefix` field starts from the instance's prefix."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and getattr(instance, "prefix", None) is not None:
            kwargs["initial"] = {"prefix": str(instance.prefix), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)


class SearchForm(BootstrapMixin, forms.Form):
    """The global search: `q`, optionally narrowed to one object type (`obj_type`)."""

    q = forms.CharField(label="Search")
    obj_type = forms.ChoiceField(choices=(("", "All objects"),), required=False, label="Type", widget=StaticSelect2)
