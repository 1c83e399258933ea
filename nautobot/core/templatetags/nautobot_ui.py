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
