"""Register custom and computed fields with the core: the `custom_fields` serializer field and its validation,
`?include=computed_fields`, `cf_<name>` filters, form fields, the detail page panel and the GraphQL fields."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from nautobot.core.graphql import dynamic
from nautobot.core.registry import (
    ExtraField,
    GraphQLFieldSource,
    Include,
    Panel,
    QuerysetFilterHook,
    ValidationHook,
    registry,
)
from nautobot.extras.customfields.api import clean_custom_field_data, computed_fields, custom_fields_builder
from nautobot.extras.customfields.filters import custom_field_filters
from nautobot.extras.customfields.forms import custom_field_forms
from nautobot.extras.customfields.graphql import graphql_fields
from nautobot.extras.customfields.models import ComputedField, CustomField
from nautobot.extras.customfields.ui import custom_fields_panel


def register() -> None:
    registry.extra_fields.register(ExtraField("custom_fields", custom_fields_builder))
    registry.validation_hooks.register(ValidationHook(clean_custom_field_data))
    registry.includes.register(Include("computed_fields", computed_fields))
    registry.queryset_filters.register(QuerysetFilterHook(custom_field_filters))
    registry.form_extensions.register(custom_field_forms)
    registry.detail_panels.register(Panel(custom_fields_panel))
    registry.graphql_field_sources.register(GraphQLFieldSource(graphql_fields))
    # A new, changed or deleted definition shows in GraphQL at once here (elsewhere within the refresh interval).
    for model in (CustomField, ComputedField):
        for signal in (post_save, post_delete):
            signal.connect(dynamic.forget, sender=model, dispatch_uid=f"graphql-{model.__name__}-{signal}")
    m2m_changed.connect(dynamic.forget, sender=CustomField.content_types.through, dispatch_uid="graphql-cf-types")
