"""Register custom and computed fields with the core: the `custom_fields` serializer field and its validation,
`?include=computed_fields`, `cf_<name>` filters, form fields and the detail page panel."""

from nautobot.core.registry import ExtraField, Include, Panel, QuerysetFilterHook, ValidationHook, registry
from nautobot.extras.customfields.api import clean_custom_field_data, computed_fields, custom_fields_builder
from nautobot.extras.customfields.filters import custom_field_filters
from nautobot.extras.customfields.forms import custom_field_forms
from nautobot.extras.customfields.ui import custom_fields_panel


def register() -> None:
    registry.extra_fields.register(ExtraField("custom_fields", custom_fields_builder))
    registry.validation_hooks.register(ValidationHook(clean_custom_field_data))
    registry.includes.register(Include("computed_fields", computed_fields))
    registry.queryset_filters.register(QuerysetFilterHook(custom_field_filters))
    registry.form_extensions.register(custom_field_forms)
    registry.detail_panels.register(Panel(custom_fields_panel))
