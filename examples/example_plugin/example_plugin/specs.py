"""API, filters and GraphQL of the widget come from the shared machinery."""

from nautobot.core.specs import ObjectSpec, register_spec
from example_plugin.models import Widget


@register_spec
class WidgetSpec(ObjectSpec):
    model = Widget
    api_fields = ("name", "site", "size", "description", "tags", "custom_fields", "created", "last_updated")
    brief_fields = ("name",)
    filter_fields = ("name", "site", "size", "description")
    search_fields = ("name", "description")
