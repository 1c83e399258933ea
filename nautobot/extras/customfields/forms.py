"""Custom fields in the web UI's generated forms: one `cf_<name>` field per custom field of the model.

The widget follows the field's type (text, number, Yes/No select, date picker, URL, select, multi-select,
JSON text area); a new object starts from the fields' defaults. The form fields only render and parse: the
values go to the API serializer as `custom_fields`, so the bounds, regex, choices and required rules are the
ones `customfields.values.validate_value` enforces for the REST API, and its messages come back beside the field.
List filter forms get `cf_<name>` filters (the same parameters as the REST API's).
"""

from django import forms

from nautobot.core.forms import JSONFormField
from nautobot.core.registry import FormExtension
from nautobot.extras.customfields.choices import CustomFieldFilterLogic
from nautobot.extras.customfields.choices import CustomFieldType as T
from nautobot.extras.customfields.data import fields_for_model

PREFIX = "cf_"
BOOLEAN_CHOICES = [("", "---------"), ("true", "Yes"), ("false", "No")]


class LenientMultipleChoiceField(forms.Field):
    """A list of the chosen values, not checked against the choices here (the API does it, with its message)."""

    widget = forms.SelectMultiple

    def __init__(self, *, choices=(), **kwargs) -> None:
        super().__init__(**kwargs)
        self.widget.choices = list(choices)

    def to_python(self, value):
        if value in (None, "", []):
            return []
        return [str(v) for v in (value if isinstance(value, (list, tuple)) else [value])]


def _choices(field) -> list[tuple[str, str]]:
    return [(c.value, c.value) for c in field.choices.all()]


def form_field(field, mode: str) -> forms.Field:
    """The form field of custom field `field`; never required nor bounded here (the API validates)."""
    options = {"required": False, "label": str(field), "help_text": field.description}
    if field.type == T.BOOLEAN:
        choices = [("", "Any"), *BOOLEAN_CHOICES[1:]] if mode == "filter" else BOOLEAN_CHOICES
        formfield = forms.CharField(widget=forms.Select(choices=choices), **options)
    elif field.type == T.INTEGER:
        attrs = {"step": 1}
        if field.validation_minimum is not None:
            attrs["min"] = field.validation_minimum
        if field.validation_maximum is not None:
            attrs["max"] = field.validation_maximum
        formfield = forms.CharField(widget=forms.NumberInput(attrs=attrs), **options)
    elif field.type == T.DATE:
        formfield = forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **options)
    elif field.type == T.URL:
        formfield = forms.CharField(widget=forms.URLInput, **options)
    elif field.type in (T.SELECT, T.MULTISELECT) and mode == "filter":
        formfield = LenientMultipleChoiceField(choices=_choices(field), **options)
        formfield.widget.attrs["class"] = "form-select tom-select"
    elif field.type == T.SELECT:
        formfield = forms.CharField(widget=forms.Select(choices=[("", "---------"), *_choices(field)]), **options)
    elif field.type == T.MULTISELECT:
        formfield = LenientMultipleChoiceField(choices=_choices(field), **options)
        formfield.widget.attrs["class"] = "form-select tom-select"
    elif field.type == T.MARKDOWN and mode != "filter":
        formfield = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **options)
    elif field.type == T.JSON and mode != "filter":
        formfield = JSONFormField(widget=forms.Textarea(attrs={"class": "form-control font-monospace"}), **options)
    else:
        formfield = forms.CharField(**options)
    formfield.display_required = field.required and mode == "edit"  # shown as required; enforced by the API
    return formfield


def _value_for_form(field, value):
    if field.type == T.BOOLEAN and isinstance(value, bool):
        return "true" if value else "false"
    return value


class CustomFieldForms(FormExtension):
    """The `cf_<name>` fields of every model with custom field data (see the module docstring)."""

    title = "Custom fields"

    def _definitions(self, model) -> list:
        if not hasattr(model, "_custom_field_data"):
            return []
        return fields_for_model(model)

    def fields(self, model, user, mode: str) -> dict:
        definitions = self._definitions(model)
        if mode == "filter":
            definitions = [f for f in definitions if f.filter_logic != CustomFieldFilterLogic.DISABLED]
        return {PREFIX + field.name: form_field(field, mode) for field in definitions}

    def initial(self, model, instance) -> dict:
        definitions = self._definitions(model)
        if not definitions:
            return {}
        if instance is None:
            data = {f.name: f.default for f in definitions if f.default is not None}
        else:
            data = getattr(instance, "_custom_field_data", None) or {}
        return {PREFIX + f.name: _value_for_form(f, data[f.name]) for f in definitions if data.get(f.name) is not None}

    def payload(self, model, values: dict, *, bulk: bool, nullify: list) -> dict:
        data = {}
        for name, value in values.items():
            if value in ("", []):
                value = None
            if bulk and value is None and name not in nullify:
                continue  # bulk edit: left blank means unchanged
            data[name.removeprefix(PREFIX)] = None if name in nullify else value
        return {"custom_fields": data} if data else {}

    def form_errors(self, errors: dict) -> dict:
        found = errors.pop("custom_fields", None)
        if found is None:
            return {}
        if not isinstance(found, dict):
            return {None: found if isinstance(found, list) else [found]}
        return {PREFIX + name: (texts if isinstance(texts, list) else [texts]) for name, texts in found.items()}


# One instance, so that registering it again (ready() runs twice in some tests) keeps one copy.
custom_field_forms = CustomFieldForms()
