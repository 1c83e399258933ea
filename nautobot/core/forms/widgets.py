"""Form widgets: the API-backed select of related objects and the 1.x widget names apps use.

Nautobot 1.x ran Select2 and flatpickr on Bootstrap 3; our pages run Tom Select and the browser's own
date/time pickers on Bootstrap 5 (`nautobot.js`). The 1.x names keep their constructor arguments and the
attributes apps read (`add_query_param`, `data-url`), and render what our pages enhance.
"""

import json

from django import forms

from nautobot.core.colors import foreground_color


class APISelect(forms.Select):
    """A select whose options come from the REST API as the user types (Tom Select); only selected ones are rendered.

    `api_url` is the list endpoint to search (a template with `{{field}}` is not supported); `multiple` makes it a
    multi-select. As in 1.x, `add_query_param(name, value)` adds a filter to the requests: a literal, or
    `"$other_field"` for the current value of another field of the same form (read by the browser).
    """

    def __init__(self, api_url: str | None = None, full: bool = False, attrs=None, multiple: bool = False, **kwargs):
        base = {**(attrs or {})}
        if api_url:
            base["data-api-url"] = api_url
        base["class"] = " ".join(c for c in ("form-select api-select", base.get("class", "")) if c)
        if api_url:
            base["data-url"] = api_url  # the 1.x attribute name, read by apps' own scripts
        super().__init__(base, **kwargs)
        self.allow_multiple_selected = multiple
        self.full = full  # 1.x: ask for full representations instead of brief ones
        self.query_params: dict[str, list[str]] = {}

    def add_query_param(self, name: str, value) -> None:
        """Filter the options by `name=value` (`value` a literal or `"$field"`; a list adds several)."""
        values = value if isinstance(value, (list, tuple)) else [value]
        self.query_params.setdefault(name, [])
        for item in values:
            if str(item) not in self.query_params[name]:
                self.query_params[name].append(str(item))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if self.query_params:
            static = {k: [v for v in vs if not v.startswith("$")] for k, vs in self.query_params.items()}
            dynamic = {
                k: next(v for v in vs if v.startswith("$"))
                for k, vs in self.query_params.items()
                if any(v.startswith("$") for v in vs)
            }
            static = {k: vs for k, vs in static.items() if vs}
            if dynamic:
                widget_attrs["data-query-params"] = json.dumps(dynamic)
            if static:
                widget_attrs["data-static-params"] = json.dumps(static)
        if self.full:
            widget_attrs["data-full"] = "true"
        return context

    def optgroups(self, name, value, attrs=None):
        values = [v for v in (value or []) if v not in ("", None)]
        choices = getattr(self, "choices", None)
        options = [] if self.allow_multiple_selected else [self.create_option(name, "", "---------", False, 0)]
        null_option = getattr(self, "null_option", None)
        if null_option is not None:
            options.append(self.create_option(name, "null", null_option, "null" in values, len(options)))
        queryset = getattr(choices, "queryset", None)
        to_field = getattr(getattr(choices, "field", None), "to_field_name", None) or "pk"
        wanted = [v for v in values if v != "null"]
        if wanted and queryset is not None:
            try:
                found = list(queryset.filter(**{f"{to_field}__in": wanted}))
            except Exception:  # an invalid id typed into the URL: render nothing selected
                found = []
            for obj in found:
                key = getattr(obj, to_field) if to_field != "pk" else obj.pk
                options.append(self.create_option(name, str(key), str(obj), True, len(options)))
        return [(None, options, 0)]

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value if v not in ("", None)]


class APISelectMultiple(APISelect, forms.SelectMultiple):
    """`APISelect` choosing several objects."""

    def __init__(self, api_url: str | None = None, full: bool = False, attrs=None, **kwargs):
        super().__init__(api_url, full, attrs, multiple=True, **kwargs)


class StaticSelect2(forms.Select):
    """A select of fixed choices, searchable in the browser (1.x: Select2; ours: Tom Select)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({**(attrs or {}), "class": "form-select tom-select"}, choices)


class StaticSelect2Multiple(forms.SelectMultiple):
    """`StaticSelect2` choosing several values."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({**(attrs or {}), "class": "form-select tom-select"}, choices)


class StaticSelect2Tag(StaticSelect2):
    """1.x: a `StaticSelect2` that also accepts values typed in (rendered as a searchable select here)."""


class SelectWithDisabled(forms.Select):
    """Choices given as `(value, {"label": ..., "disabled": bool})` render disabled where asked."""

    option_template_name = "django/forms/widgets/select_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        disabled = False
        if isinstance(label, dict):
            label, disabled = label.get("label", ""), label.get("disabled", False)
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if disabled:
            option["attrs"]["disabled"] = "disabled"
        return option


class SelectWithPK(StaticSelect2):
    """1.x: a select that shows each choice's primary key too (it only renders the choices here)."""


class BulkEditNullBooleanSelect(forms.NullBooleanSelect):
    """Yes / No / unchanged, for bulk edit forms: empty means "leave as it is"."""

    def __init__(self, attrs=None):
        super().__init__({**(attrs or {}), "class": "form-select"})
        self.choices = (("1", "---------"), ("2", "Yes"), ("3", "No"))


class ColorSelect(forms.Select):
    """A select of the `ColorChoices` palette, each option showing its color."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [("", "---------"), *COLOR_CHOICES]
        super().__init__(*args, **kwargs)
        self.attrs["class"] = "form-select color-select"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["style"] = f"background-color: #{value}; color: #{foreground_color(value)}"
        return option


# 1.x `ColorChoices` (hex value, name): the palette of color pickers.
COLOR_CHOICES = (
    ("aa1409", "Dark red"),
    ("f44336", "Red"),
    ("e91e63", "Pink"),
    ("ffe4e1", "Rose"),
    ("ff66ff", "Fuchsia"),
    ("9c27b0", "Purple"),
    ("673ab7", "Dark purple"),
    ("3f51b5", "Indigo"),
    ("2196f3", "Blue"),
    ("03a9f4", "Light blue"),
    ("00bcd4", "Cyan"),
    ("009688", "Teal"),
    ("00ffff", "Aqua"),
    ("2f6a31", "Dark green"),
    ("4caf50", "Green"),
    ("8bc34a", "Light green"),
    ("cddc39", "Lime"),
    ("ffeb3b", "Yellow"),
    ("ffc107", "Amber"),
    ("ff9800", "Orange"),
    ("ff5722", "Dark orange"),
    ("795548", "Brown"),
    ("c0c0c0", "Light grey"),
    ("9e9e9e", "Grey"),
    ("607d8b", "Dark grey"),
    ("111111", "Black"),
    ("ffffff", "White"),
)


class DatePicker(forms.DateInput):
    """A date input (the browser's date picker)."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 (Django's argument name)
        super().__init__({"placeholder": "YYYY-MM-DD", **(attrs or {})}, format=format)


class DateTimePicker(forms.DateTimeInput):
    """A date and time input (the browser's picker)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format="%Y-%m-%dT%H:%M"):  # noqa: A002
        super().__init__({"placeholder": "YYYY-MM-DD hh:mm", **(attrs or {})}, format=format)


class TimePicker(forms.TimeInput):
    """A time input (the browser's picker)."""

    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):  # noqa: A002
        super().__init__({"placeholder": "hh:mm", **(attrs or {})}, format=format)


class SlugWidget(forms.TextInput):
    """The slug input; `slug_source` (on the field) names the field the browser fills it from."""


class SmallTextarea(forms.Textarea):
    """A short text area."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 3, **(attrs or {})})


class ContentTypeSelect(StaticSelect2):
    """A select of content types (searchable)."""


class MultiValueCharInput(StaticSelect2Multiple):
    """Several free-text values (1.x: tags typed in); here a searchable multi-select of the given values."""


class NumericArrayWidget(forms.TextInput):
    """A list of numbers typed as ranges, e.g. `1-5,20,30-32`."""

    def format_value(self, value):
        if isinstance(value, (list, tuple)):
            return ",".join(str(v) for v in value)
        return super().format_value(value)
