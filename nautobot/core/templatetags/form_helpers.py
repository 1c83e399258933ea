"""1.x's `form_helpers` template library: `{% render_field form.x %}`, `{% render_form form %}`,
`{% render_custom_fields form %}`, `{% render_relationships form %}`, `{% render_errors form %}` and the
`widget_type` filter. They render our Bootstrap 5 form rows (label, widget, errors, help), not 1.x's."""

from django import template

register = template.Library()


@register.filter
def widget_type(field):
    """The class name of a bound field's widget, lower-cased (`textinput`, `select`, ...)."""
    widget = getattr(getattr(field, "field", None), "widget", None) or getattr(field, "widget", None)
    return type(widget).__name__.lower() if widget is not None else None


@register.filter
def main_fields(form):
    """The visible fields of `form` other than its custom fields, relationships and note (shown apart)."""
    apart = {*getattr(form, "custom_fields", ()), *getattr(form, "relationships", ()), "object_note"}
    return [field for field in form.visible_fields() if field.name not in apart]


@register.inclusion_tag("utilities/templatetags/render_field.html")
def render_field(field, bulk_nullable=False):
    return {"field": field, "bulk_nullable": bulk_nullable}


@register.inclusion_tag("utilities/templatetags/render_form.html")
def render_form(form):
    return {"form": form}


@register.inclusion_tag("utilities/templatetags/render_fields.html")
def render_custom_fields(form):
    names = getattr(form, "custom_fields", [])
    return {"fields": [form[name] for name in names if name in form.fields]}


@register.inclusion_tag("utilities/templatetags/render_fields.html")
def render_relationships(form):
    names = getattr(form, "relationships", [])
    return {"fields": [form[name] for name in names if name in form.fields]}


@register.inclusion_tag("utilities/templatetags/render_errors.html")
def render_errors(form):
    return {"form": form}
