"""Spec of statuses (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.statuses.models import Status

COMMON = ("custom_fields", "created", "last_updated")


class StatusSpec(ObjectSpec):
    model = Status
    api_fields = ("content_types", "name", "slug", "color", "description", *COMMON)
    filter_fields = ("name", "slug", "color", "description", "content_types")
    search_fields = ("name", "slug", "description")
