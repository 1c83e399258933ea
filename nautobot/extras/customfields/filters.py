"""`?cf_<name>=` on every list of a model with custom fields (REST API and web UI)."""

from django.conf import settings
from django.db.models import Q
from rest_framework import exceptions

from nautobot.extras.customfields.choices import CustomFieldFilterLogic, CustomFieldType
from nautobot.extras.customfields.data import fields_for_model


def custom_field_filters(queryset, params):
    """`?cf_<name>=value` (repeatable, OR): exact for most types, case-insensitive contains for loose text."""
    names = [p for p in params if p.startswith("cf_")]
    if not names or not hasattr(queryset.model, "_custom_field_data"):
        return queryset
    definitions = {f.name: f for f in fields_for_model(queryset.model)}
    for param in names:
        field = definitions.get(param.removeprefix("cf_"))
        if field is None or field.filter_logic == CustomFieldFilterLogic.DISABLED:
            if settings.STRICT_FILTERING:
                raise exceptions.ValidationError({param: ["Unknown filter field"]})
            continue
        queryset = _filter_one(queryset, field, params.getlist(param), CustomFieldType, CustomFieldFilterLogic)
    return queryset


def _filter_one(queryset, field, values, types, logic):
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
