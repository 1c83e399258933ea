"""Absolute object URLs built once per request and model, not reversed per object."""

from django.db import models
from django.urls import reverse

from nautobot.core.specs import spec_for


def list_url_name(model: type[models.Model]) -> str:
    spec = spec_for(model)
    prefix = "plugins-api:" if is_plugin(spec.app_label()) else ""
    return f"{prefix}{spec.app_label()}-api:{spec.route_name()}-list"


def is_plugin(app_label: str) -> bool:
    """Whether `app_label` is a plugin's (its API lives under /api/plugins/<base_url>/)."""
    from django.apps import apps

    try:
        return getattr(apps.get_app_config(app_label), "nautobot_plugin", False)
    except LookupError:
        return False


def list_url(request, model: type[models.Model]) -> str:
    """Return the absolute list URL of `model` for this request (cached on the request).

    Without a request (change log, webhooks: work done outside a request), the URL is the path alone.
    """
    if request is None:
        return reverse(list_url_name(model))
    cache = getattr(request, "_nautobot_list_urls", None)
    if cache is None:
        cache = request._nautobot_list_urls = {}
    url = cache.get(model)
    if url is None:
        url = cache[model] = request.build_absolute_uri(reverse(list_url_name(model)))
    return url


def detail_url(request, obj: models.Model) -> str:
    return f"{list_url(request, type(obj))}{obj.pk}/"
