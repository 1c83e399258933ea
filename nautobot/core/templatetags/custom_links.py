"""1.x's `custom_links` template library: `{% custom_links object %}` (no custom link feature here: renders nothing)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def custom_links(context, obj):
    return ""
