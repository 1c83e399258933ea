"""1.x's `computed_fields` template library: `{% computed_field object "slug" %}`, a computed field's value."""

from django import template
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

register = template.Library()


@register.simple_tag
def computed_field(obj, key, fallback=""):
    """The computed field `key` of `obj`'s model rendered for `obj` (its fallback value if it fails)."""
    model = apps.get_model("extras", "ComputedField")
    field = model.objects.filter(slug=key, content_type=ContentType.objects.get_for_model(obj)).first()
    if field is None:
        return fallback
    return field.render(obj)
