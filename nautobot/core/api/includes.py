"""Opt-in extras of a GET response (`?include=computed_fields,relationships`), added per page of objects.

Apps register a provider: `INCLUDES["name"] = provider(objects, request) -> {pk: value}`; one call per
page keeps the number of queries independent of the page size.
"""

from collections.abc import Callable

INCLUDES: dict[str, Callable[[list, object], dict]] = {}


def requested(request) -> list[str]:
    raw = request.GET.getlist("include")
    return [name.strip() for value in raw for name in value.split(",") if name.strip() in INCLUDES]


def add_includes(objects: list, data: list[dict], request) -> None:
    """Add each requested include to the serialized `data` of `objects` (same order), in place."""
    for name in requested(request):
        values = INCLUDES[name](objects, request)
        for obj, item in zip(objects, data, strict=True):
            item[name] = values.get(obj.pk, {})
