"""How values show on detail pages: related objects linked, statuses and colors as badges, JSON formatted."""

import datetime
import json

from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from nautobot.core.specs import ObjectSpec, has_spec, spec_for
from nautobot.core.views.defaults import HIDDEN, model_field, verbose
from nautobot.core.views.urls import object_url, spec_url
from nautobot.core.permissions import restrict


def linked(obj) -> str:
    """`obj` as a link to its page (a colored badge when it has a color, e.g. a status)."""
    if obj is None:
        return mark_safe('<span class="text-body-secondary">—</span>')
    url = object_url(obj)
    color = getattr(obj, "color", None)
    inner = format_html('<a href="{}">{}</a>', url, obj) if url else format_html("{}", obj)
    if color and isinstance(color, str):
        return format_html('<span class="badge" style="background-color:#{}">{}</span>', color, inner)
    return inner


def display_value(spec: type[ObjectSpec], obj, name: str) -> str:
    """The HTML of field, count or property `name` of `obj`."""
    field = model_field(spec, name)
    if field is not None and field.many_to_many:
        return format_html_join(" ", "{}", ((linked(o),) for o in getattr(obj, name).all())) or linked(None)
    if field is not None and field.is_relation:
        return linked(getattr(obj, name, None))
    if field is not None and field.choices:
        value = getattr(obj, f"get_{name}_display")()
    else:
        value = getattr(obj, name, None)
    if value in (None, ""):
        return linked(None)
    if isinstance(field, models.BooleanField) or isinstance(value, bool):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>', "success" if value else "secondary", "Yes" if value else "No"
        )
    if isinstance(field, models.JSONField) or isinstance(value, (dict, list)):
        return format_html("<pre class='mb-0'>{}</pre>", json.dumps(value, indent=2, default=str))
    if name == "color":
        return format_html('<span class="color-swatch" style="background-color:#{}"></span> {}', value, value)
    if isinstance(value, datetime.datetime):
        return format_html(
            "{}", timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S %Z") if timezone.is_aware(value) else value
        )
    if isinstance(value, models.Model):
        return linked(value)
    return format_html("{}", value)


def detail_rows(spec: type[ObjectSpec], obj) -> list[tuple[str, str]]:
    """(label, html) for every field of `detail_fields` (else `api_fields`) worth showing (not ids, urls, tags or
    custom fields)."""
    rows = []
    for name in spec.detail_fields or spec.api_fields:
        if (
            name in HIDDEN
            or name == "tags"
            or name.endswith("_type")
            and name.startswith(("cable_peer", "connected_endpoint"))
        ):
            continue
        field = model_field(spec, name)
        if field is None and name not in spec.counts and not hasattr(type(obj), name):
            continue
        try:
            rows.append((verbose(spec, name), display_value(spec, obj, name)))
        except Exception as exc:  # a property that cannot be computed for this object must not break the page
            rows.append((verbose(spec, name), format_html('<span class="text-danger">{}</span>', exc)))
    for name in ("created", "last_updated"):
        if name in spec.api_fields and getattr(obj, name, None):
            rows.append((verbose(spec, name), format_html("{}", getattr(obj, name).strftime("%Y-%m-%d %H:%M:%S %Z"))))
    return rows


def related_links(spec: type[ObjectSpec], obj, user) -> list[dict]:
    """Reverse relations of `obj` whose model has a list page filterable by it: label, count and filtered list URL."""
    links = []
    for relation in spec.model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many or not has_spec(related) or relation.get_accessor_name() in spec.detail_tables:
            continue
        related_spec = spec_for(related)
        param = _filter_param(related_spec, relation.field.name)
        url = spec_url(related_spec, "list")
        if (
            param is None
            or url is None
            or not user.has_perm(f"{related._meta.app_label}.view_{related._meta.model_name}")
        ):
            continue
        count = restrict(related.objects.filter(**{relation.field.name: obj}), user, "view").count()
        links.append({"label": related._meta.verbose_name_plural, "count": count, "url": f"{url}?{param}_id={obj.pk}"})
    return links


def _filter_param(spec: type[ObjectSpec], field_name: str) -> str | None:
    for entry in spec.filter_fields:
        param, path = entry if isinstance(entry, tuple) else (entry, entry)
        if path == field_name:
            return param
    return None
