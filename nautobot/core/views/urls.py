"""The URLs of the generated pages: a spec's page (`spec_url`), an object's detail page (`object_url`) and their
URL names (`url_name`). Below every view, so that any of them (and tables, forms, apps) can link to any page."""

from django.db import models
from django.urls import NoReverseMatch, reverse

from nautobot.core.api.urlbuilding import is_plugin
from nautobot.core.models import BaseModel
from nautobot.core.specs import ObjectSpec, has_spec, spec_for


def url_name(spec: type[ObjectSpec], action: str) -> str:
    """`dcim:site_list`, `dcim:site` (detail), `dcim:site_edit`, ...; `plugins:<label>:...` for a plugin's models."""
    suffix = "" if action == "detail" else f"_{action}"
    namespace = f"plugins:{spec.app_label()}" if is_plugin(spec.app_label()) else spec.app_label()
    return f"{namespace}:{spec.route_name()}{suffix}"


def model_url_name(model: type[models.Model], action: str) -> str:
    """`url_name` of a model's page; for a model without a spec, the same pattern from its app label."""
    if has_spec(model):
        return url_name(spec_for(model), "detail" if action == "" else action)
    label = model._meta.app_label
    namespace = f"plugins:{label}" if is_plugin(label) else label
    suffix = "" if action in ("", "detail") else f"_{action}"
    return f"{namespace}:{model._meta.model_name}{suffix}"


def reverse_for_object(name: str, obj, keys: tuple[str, ...] = ("pk", "slug")) -> str | None:
    """The URL named `name` of `obj`, keyed by the first of `keys` the route takes (a 1.x viewset may look objects
    up by slug or its own `lookup_field`); None when it takes none of them."""
    for key in dict.fromkeys(keys):
        value = getattr(obj, key, None)
        if value is None:
            continue
        try:
            return reverse(name, kwargs={key: value})
        except NoReverseMatch:
            continue
    return None


def spec_url(spec: type[ObjectSpec], action: str = "list", pk=None) -> str | None:
    """The URL of one of `spec`'s pages, or None when the spec has no such page."""
    if action not in spec.ui_views and action != "changelog":
        return None
    try:
        return reverse(url_name(spec, action), kwargs={"pk": pk} if pk is not None else None)
    except NoReverseMatch:
        return None


_list_urls: dict = {}


def object_url(obj: models.Model) -> str | None:
    """The detail page of `obj` (None when its model has no UI); one `reverse()` per model, not per object."""
    model = type(obj)
    if getattr(model, "get_absolute_url", BaseModel.get_absolute_url) is not BaseModel.get_absolute_url:
        try:
            return obj.get_absolute_url()  # an app's model links its own way (a 1.x viewset may route by slug)
        except NoReverseMatch:
            pass  # the app's URL is not routed here: our page, if the model has one
    if not has_spec(model):
        return None
    spec = spec_for(model)
    if "detail" not in spec.ui_views:
        return None
    base = _list_urls.get(model)
    if base is None:
        base = _list_urls[model] = reverse(url_name(spec, "list"))
    return f"{base}{obj.pk}/"
