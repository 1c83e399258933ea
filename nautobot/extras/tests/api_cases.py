"""Create payloads of the extras models (API contract suite)."""

from django.contrib.contenttypes.models import ContentType

from nautobot.core.testing import builders as b
from nautobot.core.testing.api import register_case
from nautobot.extras.models import CustomField, CustomFieldChoice, Status, Tag


def _named(prefix: str, **extra) -> dict:
    name = b.unique(prefix)
    return {"name": name, "slug": name, **extra}


register_case(Status, lambda: _named("status", color="ff00ff", content_types=["dcim.device"]))
register_case(Tag, lambda: _named("tag", color="aa1409", content_types=["dcim.device", "dcim.site"]))
register_case(CustomField, lambda: {"name": b.unique("cf").replace("-", "_"), "type": "text", "content_types": ["dcim.site"]})
register_case(
    CustomFieldChoice,
    lambda: {"field": str(b.custom_field("dcim.site", type="select").pk), "value": b.unique("choice")},
    update=lambda: {"weight": 50},
)
register_case(ContentType, lambda: {}, read_only=True)
