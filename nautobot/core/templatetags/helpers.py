"""1.x's `helpers` template library: the filters and tags app templates use (`placeholder`, `fgcolor`,
`bettertitle`, `render_markdown`, `render_json`, `viewname`, `hyperlinked_object`, `has_perms`, ...)."""

import json

import markdown
import nh3
import re

import yaml
from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from nautobot.core.colors import foreground_color
from nautobot.core.formatting import bettertitle
from nautobot.core.runtime_settings import get_settings_or_config
from nautobot.core.views.urls import model_url_name

register = template.Library()


def _placeholder_html() -> str:
    return mark_safe('<span class="text-muted text-body-secondary">&mdash;</span>')


@register.filter
def placeholder(value):
    """The value, or a muted dash when it is empty."""
    if value is None or value == "" or value == [] or value is False and not isinstance(value, bool):
        return _placeholder_html()
    return value


@register.filter
def fgcolor(value):
    """The readable text color (`#000000` or `#ffffff`) on the hex background `value`."""
    return f"#{foreground_color(str(value or ''))}"


register.filter("bettertitle", bettertitle)


@register.filter
def render_markdown(value):
    """Markdown text (and a limited set of HTML in it) as HTML: rendered by Markdown, then cleaned by nh3 (its
    allow-list of tags and attributes; scripts, styles and event handlers are removed, and links keep only the
    schemes of `ALLOWED_URL_SCHEMES`)."""
    if not value:
        return ""
    html = markdown.markdown(str(value), extensions=["fenced_code", "tables", "nl2br"])
    # Links of a scheme ALLOWED_URL_SCHEMES lacks (javascript:, data: ...) lose their target.
    schemes = {scheme.lower() for scheme in settings.ALLOWED_URL_SCHEMES}
    return mark_safe(nh3.clean(html, url_schemes=schemes))  # noqa: S308  (cleaned by nh3 just before)


@register.filter
def render_json(value):
    """A value as indented JSON."""
    return json.dumps(value, indent=4, sort_keys=True, default=str)


@register.filter
def render_yaml(value):
    """A value as YAML."""
    return yaml.safe_dump(json.loads(json.dumps(value, default=str)), default_flow_style=False)


@register.filter
def render_boolean(value):
    """True, false or empty as a green check, a red cross or a dash."""
    if value is None:
        return _placeholder_html()
    if value:
        return mark_safe('<span class="text-success"><i class="mdi mdi-check-bold" title="Yes"></i></span>')
    return mark_safe('<span class="text-danger"><i class="mdi mdi-close-thick" title="No"></i></span>')


@register.filter
def meta(obj, attr):
    """An attribute of the model's `_meta` (`{{ object|meta:"verbose_name" }}`)."""
    return getattr(obj._meta, attr, "")


@register.filter
def viewname(model, action):
    """The URL name of a page of `model` (`dcim:site_list`, `plugins:<app>:<model>_edit`)."""
    return model_url_name(model, action)


@register.filter
def validated_viewname(model, action):
    """`viewname`, or None when no such page exists."""
    name = model_url_name(model, action)
    # A list page takes no key; an object's page its pk, or for a 1.x viewset routing by slug, the slug.
    for kwargs in (None, {"pk": "00000000-0000-0000-0000-000000000000"}, {"slug": "any"}):
        try:
            reverse(name, kwargs=kwargs)
            return name
        except NoReverseMatch:
            continue
    return None


@register.filter
def hyperlinked_object(value, field="display"):
    """The object as a link to its page (with its description as the link's title), or a dash."""
    if value is None:
        return _placeholder_html()
    text = getattr(value, field, None) or str(value)
    url = value.get_absolute_url() if hasattr(value, "get_absolute_url") else None
    if url:
        return format_html('<a href="{}" title="{}">{}</a>', url, getattr(value, "description", "") or "", text)
    return format_html("{}", text)


@register.filter
def has_perms(user, permissions_list):
    """Whether `user` has every permission of the comma-separated or list `permissions_list`."""
    permissions = permissions_list.split(",") if isinstance(permissions_list, str) else permissions_list
    return user.has_perms([p.strip() for p in permissions])


@register.filter
def has_one_or_more_perms(user, permissions_list):
    """Whether `user` has at least one of the permissions."""
    permissions = permissions_list.split(",") if isinstance(permissions_list, str) else permissions_list
    return any(user.has_perm(p.strip()) for p in permissions)


@register.filter
def split(value, separator=","):
    return str(value).split(separator)


@register.filter
def as_range(value):
    try:
        return range(int(value))
    except (TypeError, ValueError):
        return range(0)


@register.filter
def percentage(value, total):
    """`value` as a whole percentage of `total`."""
    try:
        return round(float(value) / float(total) * 100)
    except (TypeError, ValueError, ZeroDivisionError):
        return None


@register.filter
def humanize_speed(speed):
    """A speed in kbps as `10 Gbps`, `1.5 Mbps`, ..."""
    if not speed:
        return ""
    for divisor, unit in ((1_000_000_000, "Tbps"), (1_000_000, "Gbps"), (1_000, "Mbps")):
        if speed >= divisor:
            quotient = speed / divisor
            return f"{quotient:g} {unit}"
    return f"{speed} Kbps"


@register.filter
def get_item(mapping, key):
    """`mapping[key]` (None if missing)."""
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def strip_html(value):
    return strip_tags(str(value))


@register.filter(name="slugify_text")
def slugify_text(value):
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")


@register.simple_tag(takes_context=True)
def querystring(context, **kwargs):
    """The current query string with `kwargs` set (None removes a key)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    for key, value in kwargs.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}" if params else ""


@register.simple_tag
def settings_or_config(name):
    """A setting, else its runtime value (`get_settings_or_config`, as 1.x)."""
    return get_settings_or_config(name)


@register.simple_tag
def get_docs_url(model):
    """1.x linked to bundled model docs; none here."""
    return None


@register.inclusion_tag("utilities/templatetags/table_config_form.html")
def table_config_form(table, table_name=None):
    """The column chooser of `table`, in a dialog (`#<table_name>_config`) that the page's own button opens."""
    from nautobot.core.forms.base import TableConfigForm  # here: the forms import the models

    return {"table_name": table_name or type(table).__name__, "table_config_form": TableConfigForm(table=table)}


@register.inclusion_tag("utilities/templatetags/badge.html")
def badge(value, show_empty=False):
    return {"value": value, "show_empty": show_empty}


@register.inclusion_tag("utilities/templatetags/utilization_graph.html")
def utilization_graph(utilization, warning_threshold=75, danger_threshold=90):
    """A progress bar of `utilization` (a percentage, or a (used, total) pair)."""
    if isinstance(utilization, (list, tuple)):
        used, total = utilization[0], utilization[1]
        utilization = round(used / total * 100) if total else 0
    return {"utilization": utilization, "warning_threshold": warning_threshold, "danger_threshold": danger_threshold}
