"""Opt-in extras of a GET response (`?include=computed_fields,relationships`), added per page of objects.

Apps register a provider in `registry.includes` (an `Include(name, provide)`, `provide(objects, request) ->
{pk: value}`); one call per page keeps the number of queries independent of the page size.
"""

from nautobot.core.registry import registry


def requested(request) -> list[str]:
    raw = request.GET.getlist("include")
    return [name.strip() for value in raw for name in value.split(",") if registry.includes.has(name.strip())]


def add_includes(objects: list, data: list[dict], request) -> None:
    """Add each requested include to the serialized `data` of `objects` (same order), in place."""
    for name in requested(request):
        values = registry.includes.get(name).provide(objects, request)
        for obj, item in zip(objects, data, strict=True):
            item[name] = values.get(obj.pk, {})
