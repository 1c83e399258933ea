"""The "Custom fields" panel of every detail page of a model with custom fields."""

from django.utils.html import format_html

from nautobot.extras.customfields.data import fields_for_model


def custom_fields_panel(obj, request) -> dict | None:
    """The object's custom field values, labelled and in display order (None when its model has none)."""
    if not hasattr(obj, "_custom_field_data"):
        return None
    definitions = fields_for_model(type(obj))
    if not definitions:
        return None
    data = obj._custom_field_data or {}
    rows = []
    for field in definitions:
        value = data.get(field.name)
        rows.append((field.label or field.name, format_html("{}", "—" if value in (None, "") else value)))
    return {"title": "Custom fields", "rows": rows}
