"""1.x's `plugins` template library: what apps' template extensions add to a page.

`{% plugin_buttons object %}`, `{% plugin_left_page object %}`, `{% plugin_right_page object %}`,
`{% plugin_full_width_page object %}` on detail pages and `{% plugin_list_buttons model %}` on list pages
render the matching method of every `TemplateExtension` registered for the object's model
(`registry.template_extensions`, filled by each app's `template_extensions`).
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from nautobot.core.registry import registry

register = template.Library()


def _render(context, model, method: str, obj=None) -> str:
    label = model._meta.label_lower
    parts = []
    for extension_class in registry.template_extensions:
        if extension_class.model != label:
            continue
        extension_context = {
            "object": obj,
            "request": context.get("request"),
            "user": getattr(context.get("request"), "user", None),
            "settings": context.get("settings"),
            "csrf_token": context.get("csrf_token"),
            "perms": context.get("perms"),
        }
        html = getattr(extension_class(extension_context), method, lambda: "")()
        if html:
            parts.append(html)
    # Apps return HTML they built (TemplateExtension.render uses Django's escaping templates).
    return format_html_join("", "{}", ((mark_safe(part),) for part in parts))  # noqa: S308


@register.simple_tag(takes_context=True)
def plugin_buttons(context, obj):
    return _render(context, type(obj), "buttons", obj)


@register.simple_tag(takes_context=True)
def plugin_left_page(context, obj):
    return _render(context, type(obj), "left_page", obj)


@register.simple_tag(takes_context=True)
def plugin_right_page(context, obj):
    return _render(context, type(obj), "right_page", obj)


@register.simple_tag(takes_context=True)
def plugin_full_width_page(context, obj):
    return _render(context, type(obj), "full_width_page", obj)


@register.simple_tag(takes_context=True)
def plugin_list_buttons(context, model):
    return _render(context, model, "list_buttons")


@register.simple_tag(takes_context=True)
def plugin_object_detail_tabs(context, obj):
    """1.x `detail_tabs()`: tabs as `[{"title": ..., "url": ...}]` rendered as nav items."""
    tabs = []
    for extension_class in registry.template_extensions:
        if extension_class.model != obj._meta.label_lower:
            continue
        method = getattr(extension_class({"object": obj, "request": context.get("request")}), "detail_tabs", None)
        tabs.extend(method() or [] if callable(method) else [])
    request = context.get("request")
    return format_html_join(
        "",
        '<li class="nav-item" role="presentation"><a class="nav-link{}" href="{}">{}</a></li>',
        (
            (" active" if request is not None and request.path == tab["url"] else "", tab["url"], tab["title"])
            for tab in tabs
        ),
    )
