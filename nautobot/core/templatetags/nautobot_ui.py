"""Template filters of the web UI."""

from django import template

from nautobot.core.registry import registry
from nautobot.core.views.display import linked as linked_html

register = template.Library()


@register.filter
def linked(obj) -> str:
    """`obj` as a link to its detail page (plain text when its model has none)."""
    return linked_html(obj)


@register.filter
def verbose_model(obj) -> str:
    return str(obj._meta.verbose_name)


@register.filter
def field_groups(form) -> list:
    """[(title, bound fields)]: the form's own fields first (no title), then those of each `FormExtension` under
    its `title` (e.g. "Custom fields")."""
    owners = getattr(form, "extension_fields", {})
    groups: dict = {None: []}
    for field in form.visible_fields():
        owner = owners.get(field.name)
        groups.setdefault(getattr(owner, "title", None) if owner else None, []).append(field)
    return [(title, fields) for title, fields in groups.items() if fields]


@register.simple_tag(takes_context=True)
def detail_panels(context, obj) -> dict:
    """The panels features add to `obj`'s detail page (custom fields, relationships, ...) as
    `{"main": [...], "side": [...], "wide": [...]}`; the 1.x detail template places them around the app's blocks.
    The view's own `panels`, `side_panels` and `wide_panels` are used when it gives them. Template extensions
    are left out: that template places them itself (`plugin_left_page`, ...)."""
    if "panels" in context:
        return {
            "main": context.get("panels") or [],
            "side": context.get("side_panels") or [],
            "wide": context.get("wide_panels") or [],
        }
    request = context.get("request")
    found = {"main": [], "side": [], "wide": []}
    for panel in registry.detail_panels:
        if getattr(panel.render, "__name__", "") == "template_extension_panel":
            continue
        content = panel.render(obj, request)
        if content:
            found["wide" if content.get("wide") else "side" if content.get("side") else "main"].append(content)
    return found
