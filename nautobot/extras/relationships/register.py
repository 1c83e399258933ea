"""Register relationships with the core: the write-only `relationships` field and `?include=relationships`."""

from nautobot.core.registry import ExtraField, Include, ModelFields, registry
from nautobot.extras.relationships.api import included_relationships, relationships_builder, relationships_field_names


def register() -> None:
    registry.model_fields.register(ModelFields(relationships_field_names))
    registry.extra_fields.register(ExtraField("relationships", relationships_builder))
    registry.includes.register(Include("relationships", included_relationships))
