"""graphene-django converters for fields it does not know, registered when the core is ready (`CoreConfig.ready`).

Our generated types declare these fields themselves (`types`); the converters are for the graphene-django types
1.x apps declare on their own models (`graphql_types`), which graphene-django builds field by field when the
app's module is imported, and which fail to import without them.
"""

from __future__ import annotations

import graphene
from graphene_django.converter import convert_django_field
from graphene_django.registry import Registry
from taggit.managers import TaggableManager


@convert_django_field.register(TaggableManager)
def convert_tags(field: TaggableManager, type_registry: Registry | None = None) -> graphene.Dynamic:
    """`tags`: a list of tags, as 1.x registered it (without it, "Don't know how to convert the Django field
    <model>.tags")."""

    def build() -> graphene.Field | None:
        from nautobot.core.graphql.types import registry  # here: the types need the models and specs

        tag_type = (type_registry and type_registry.get_type_for_model(field.related_model)) or (
            registry.get_type_for_model(field.related_model)
        )
        return graphene.List(tag_type) if tag_type else None

    return graphene.Dynamic(build)
