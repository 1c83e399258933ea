"""Register relationships with the core: the write-only `relationships` field, `?include=relationships` and the
GraphQL fields `rel_<slug>`."""

from django.db.models.signals import post_delete, post_save

from nautobot.core.graphql import dynamic
from nautobot.core.registry import ExtraField, GraphQLFieldSource, Include, ModelFields, registry
from nautobot.extras.relationships.api import included_relationships, relationships_builder, relationships_field_names
from nautobot.extras.relationships.graphql import graphql_fields
from nautobot.extras.relationships.models import Relationship


def register() -> None:
    registry.model_fields.register(ModelFields(relationships_field_names))
    registry.extra_fields.register(ExtraField("relationships", relationships_builder))
    registry.includes.register(Include("relationships", included_relationships))
    registry.graphql_field_sources.register(GraphQLFieldSource(graphql_fields))
    for signal in (post_save, post_delete):
        signal.connect(dynamic.forget, sender=Relationship, dispatch_uid=f"graphql-relationship-{signal}")
