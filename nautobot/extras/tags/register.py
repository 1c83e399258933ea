"""Register tags with the core: the `tags` serializer field, and their loading for a page of objects."""

from nautobot.core.registry import ExtraField, RowLoader, registry
from nautobot.extras.tags.api import tags_builder
from nautobot.extras.tags.loading import load_tags


def register() -> None:
    registry.extra_fields.register(ExtraField("tags", tags_builder))
    registry.row_loaders.register(RowLoader(load_tags))
