"""The brief (nested) representation of any object: `{id, display, url, + the spec's brief fields}`.

Compiled once per model into a list of getters, because it runs for every related object of every
row of every list.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from nautobot.core.api.urlbuilding import list_url
from nautobot.core.specs import spec_for

_compiled: dict[type[models.Model], list[tuple[str, Callable[[Any, Any], Any]]]] = {}


def _getter(model: type[models.Model], name: str) -> Callable[[Any, Any], Any]:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and _is_forward_single(field) and field.related_model is ContentType:
        attname = field.attname  # a content type is written `app_label.model`, as the API's content type fields

        def content_type(obj, request):
            pk = getattr(obj, attname)
            if pk is None:
                return None
            found = ContentType.objects.get_for_id(pk)
            return f"{found.app_label}.{found.model}"

        return content_type
    if field is not None and _is_forward_single(field):
        attname = field.name

        def related(obj, request):
            target = getattr(obj, attname)
            return None if target is None else brief_representation(target, request)

        return related
    if field is not None and field.choices:
        display_name = f"get_{name}_display"

        def choice(obj, request):
            value = getattr(obj, name)
            return None if value in ("", None) else {"value": value, "label": getattr(obj, display_name)()}

        return choice
    if field is not None and isinstance(field, (models.UUIDField, models.GenericIPAddressField)):
        return lambda obj, request: None if getattr(obj, name) is None else str(getattr(obj, name))
    if field is not None and field.is_relation:
        raise TypeError(f"brief field {model._meta.label}.{name} must be a plain field or a foreign key")
    if field is None and isinstance(getattr(model, name, None), property):
        # A computed value (e.g. a prefix as a netaddr object): JSON has no type for it, so its text.
        def computed(obj, request):
            value = getattr(obj, name)
            return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)

        return computed
    return lambda obj, request: getattr(obj, name)


def _is_forward_single(field) -> bool:
    """A foreign key or one-to-one field declared on this model."""
    return field.is_relation and field.concrete and (field.many_to_one or field.one_to_one)


def _compile(model: type[models.Model]) -> list[tuple[str, Callable[[Any, Any], Any]]]:
    compiled = _compiled.get(model)
    if compiled is None:
        spec = spec_for(model)
        compiled = _compiled[model] = [(name, _getter(model, name)) for name in spec.brief_fields]
    return compiled


def brief_representation(obj: models.Model, request) -> dict:
    """Return `obj` as a nested object of the API."""
    model = type(obj)
    pk = obj.pk
    key = pk if isinstance(pk, int) else str(pk)
    data = {"id": key, "display": getattr(obj, "display", None) or str(obj), "url": f"{list_url(request, model)}{key}/"}
    for name, get in _compile(model):
        data[name] = get(obj, request)
    return data


def brief_select_related(model: type[models.Model], prefix: str = "") -> list[str]:
    """Foreign keys that the brief representation of `model` follows (for `select_related`), its display's too."""
    spec = spec_for(model)
    paths = [prefix + path for path in spec.display_related]
    for name in spec.brief_fields:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if _is_forward_single(field) and field.related_model is not ContentType:
            paths.append(prefix + name)
            paths.extend(brief_select_related(field.related_model, prefix=f"{prefix}{name}__"))
    return paths
