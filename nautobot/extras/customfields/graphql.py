"""Custom and computed fields in GraphQL, as 1.x has them: `cf_<name>` and `cpf_<slug>` on the types of their
models (`GRAPHQL_CUSTOM_FIELD_PREFIX`, `GRAPHQL_COMPUTED_FIELD_PREFIX`), beside `custom_field_data`. The core lays
them over the types while the service runs (`nautobot.core.graphql.dynamic`)."""

import datetime

from nautobot.core.graphql.dynamic import prefixed
from nautobot.core.registry import GraphQLExtraField
from nautobot.extras.customfields.choices import CustomFieldType
from nautobot.extras.customfields.models import ComputedField, CustomField

# The GraphQL scalar of each type (1.6's mapping); a multi-select is a list of strings and JSON its value, where
# 1.6 printed both as one Python string. Text, URL, selection and Markdown are strings.
SCALARS = {
    CustomFieldType.INTEGER: "Int",
    CustomFieldType.BOOLEAN: "Boolean",
    CustomFieldType.DATE: "Date",
    CustomFieldType.JSON: "GenericScalar",
}


def _value_of(name: str, field_type: str):
    def resolve(root, info):
        value = (root._custom_field_data or {}).get(name)
        if field_type == CustomFieldType.DATE and isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return value

    return resolve


def _rendered(computed_field: ComputedField):
    return lambda root, info: computed_field.render(root)


def _described(kind: str, definition) -> str:
    """`"Custom field Site type: what it holds"`: the field's description in GraphQL (and in warnings)."""
    return f"{kind} {definition}" + (f": {definition.description}" if definition.description else "")


def graphql_fields() -> list[GraphQLExtraField]:
    fields = []
    for custom_field in CustomField.objects.prefetch_related("content_types"):
        description = _described("Custom field", custom_field)
        for content_type in custom_field.content_types.all():
            model = content_type.model_class()
            if model is None:
                continue
            fields.append(
                GraphQLExtraField(
                    model=model,
                    name=prefixed("GRAPHQL_CUSTOM_FIELD_PREFIX", custom_field.name),
                    returns=SCALARS.get(custom_field.type, "String"),
                    many=custom_field.type == CustomFieldType.MULTISELECT,
                    resolve=_value_of(custom_field.name, custom_field.type),
                    description=description,
                )
            )
    for computed_field in ComputedField.objects.select_related("content_type"):
        model = computed_field.content_type.model_class()
        if model is None:
            continue
        fields.append(
            GraphQLExtraField(
                model=model,
                name=prefixed("GRAPHQL_COMPUTED_FIELD_PREFIX", computed_field.slug),
                returns="String",
                resolve=_rendered(computed_field),
                description=_described("Computed field", computed_field),
            )
        )
    return fields
