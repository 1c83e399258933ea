"""Template filters of the web UI."""

from django import template

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
