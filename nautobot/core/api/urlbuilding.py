"""Absolute object URLs built once per request and model, not reversed per object."""

from django.db import models
from django.urls import reverse

from nautobot.core.specs import spec_for


def list_url_name(model: type[models.Model]) -> str:
    spec = spec_for(model)
    return f"{spec.app_label()}-api:{spec.route_name()}-list"


def list_url(request, model: type[models.Model]) -> str:
    """Return the absolute list URL of `model` for this request (cached on the request)."""
    cache = getattr(request, "_nautobot_list_urls", None)
    if cache is None:
        cache = request._nautobot_list_urls = {}
    url = cache.get(model)
    if url is None:
        path = reverse(list_url_name(model))
        url = cache[model] = request.build_absolute_uri(path) if request is not None else path
    return url


def detail_url(request, obj: models.Model) -> str:
    return f"{list_url(request, type(obj))}{obj.pk}/"
