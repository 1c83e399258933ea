"""Spec of tags (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.tags.api import TagSerializerBase
from nautobot.extras.tags.models import Tag

COMMON = ("custom_fields", "created", "last_updated")


class TagSpec(ObjectSpec):
    model = Tag
    slug_source = None  # the original requires a tag's slug
    api_fields = ("name", "slug", "color", "description", "tagged_items", "content_types", *COMMON)
    brief_fields = ("name", "slug", "color")
    field_versions = {"content_types": ("1.3", None)}
    counts = {"tagged_items": "extras_taggeditem_items"}
    filter_fields = ("name", "slug", "color", "description", "content_types")
    search_fields = ("name", "slug", "description")
    serializer_base = TagSerializerBase
