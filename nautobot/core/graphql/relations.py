"""Which model relations GraphQL exposes, by their GraphQL field name (shared by types and optimizer).

A relation is exposed when the model at its other end has a spec (so it has a GraphQL type). Forward
relations are named after the model field, reverse ones after their accessor (`interfaces`,
`user_set`), which is also the name graphene-django gives them. Tags (django-taggit) are special:
graphene-django cannot convert them, so `types` declares them by hand and the optimizer prefetches them.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from taggit.managers import TaggableManager

from nautobot.core.specs import has_spec

_cache: dict[type[models.Model], dict[str, models.Field]] = {}


def is_single(field) -> bool:
    """A relation that yields at most one object: foreign key, one-to-one, either direction."""
    return bool(field.many_to_one or field.one_to_one)


def is_tags(field) -> bool:
    return isinstance(field, TaggableManager)


def graphql_name(field) -> str:
    """The name of `field` on the model class (accessor for reverse relations)."""
    return field.get_accessor_name() if field.auto_created and not field.concrete else field.name


def exposed_relations(model: type[models.Model]) -> dict[str, models.Field]:
    """Return `{graphql field name: django field}` for every relation of `model` that GraphQL shows."""
    relations = _cache.get(model)
    if relations is None:
        relations = {}
        for field in model._meta.get_fields():
            if not field.is_relation or isinstance(field, (GenericForeignKey, GenericRelation)):
                continue
            if field.related_model is None or not has_spec(field.related_model):
                continue
            if field.auto_created and not field.concrete and getattr(field, "symmetrical", False):
                continue
            relations[graphql_name(field)] = field
        _cache[model] = relations
    return relations
