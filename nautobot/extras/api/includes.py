"""`?include=computed_fields` and `?include=relationships`, and `cf_<name>` filters, for every model."""

from django.contrib.contenttypes.models import ContentType
from rest_framework import exceptions

from nautobot.core.registry import Include, QuerysetFilterHook, registry


def computed_fields(objects: list, request) -> dict:
    from nautobot.extras.models import ComputedField

    if not objects:
        return {}
    fields = list(ComputedField.objects.filter(content_type=ContentType.objects.get_for_model(type(objects[0]))))
    return {obj.pk: {field.slug: field.render(obj) for field in fields} for obj in objects}


def relationships(objects: list, request) -> dict:
    from nautobot.extras.relationships.selectors import relationships_data

    return relationships_data(objects, request)


def custom_field_filters(queryset, params):
    """`?cf_<name>=value` (repeatable, OR): exact for most types, case-insensitive contains for loose text."""
    names = [p for p in params if p.startswith("cf_")]
    if not names or not hasattr(queryset.model, "_custom_field_data"):
        return queryset
    from nautobot.extras.customfields.data import fields_for_model
    from nautobot.extras.models import CustomFieldFilterLogic, CustomFieldType

    definitions = {f.name: f for f in fields_for_model(queryset.model)}
    for param in names:
        field = definitions.get(param.removeprefix("cf_"))
        if field is None or field.filter_logic == CustomFieldFilterLogic.DISABLED:
            raise exceptions.ValidationError({param: ["Unknown filter field"]})
        queryset = _filter_one(queryset, field, params.getlist(param), CustomFieldType, CustomFieldFilterLogic)
    return queryset


def _filter_one(queryset, field, values, types, logic):
    from django.db.models import Q

    path = f"_custom_field_data__{field.name}"
    condition = Q()
    for value in values:
        if value == "null":
            condition |= Q(**{f"{path}__isnull": True})
        elif field.type in (types.TEXT, types.MARKDOWN) and field.filter_logic == logic.LOOSE:
            condition |= Q(**{f"{path}__icontains": value})
        elif field.type == types.INTEGER:
            try:
                condition |= Q(**{path: int(value)})
            except ValueError:
                raise exceptions.ValidationError({f"cf_{field.name}": [f"'{value}' is not a whole number."]}) from None
        elif field.type == types.BOOLEAN:
            condition |= Q(**{path: value.lower() in ("true", "1", "yes")})
        elif field.type == types.MULTISELECT:
            condition |= Q(**{f"{path}__contains": [value]})
        else:
            condition |= Q(**{path: value})
    return queryset.filter(condition)


def register() -> None:
    """Register both includes and the `cf_<name>` filters (called from `ExtrasConfig.ready`)."""
    registry.includes.register(Include("computed_fields", computed_fields))
    registry.includes.register(Include("relationships", relationships))
    registry.queryset_filters.register(QuerysetFilterHook(custom_field_filters))
