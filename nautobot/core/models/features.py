"""Model features: what a model takes part in (custom fields, statuses, webhooks...), as 1.x apps declare them.

A 1.x app marks its models with `@extras_features("custom_fields", "graphql", "statuses", ...)`. The decorator only
notes the names on the class; when Django is ready, `register_declared_features()` (run by the core's `ready()`)
puts one `ModelFeatures` entry per marked model in the registry's `model_features` store. A model of ours declares
no features: what it takes part in follows from its bases and its spec (`model_features()` derives it), so
`FeatureQuery` answers the same question for both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from nautobot.core.registry import ModelFeatures, registry

_DECLARED = "_nautobot_extras_features"


def extras_features(*features: str) -> Callable[[type[models.Model]], type[models.Model]]:
    """Class decorator: declare the 1.x features (`"custom_fields"`, `"graphql"`, `"webhooks"`...) of a model."""
    for feature in features:
        if not isinstance(feature, str) or not feature:
            raise TypeError(f"extras_features() takes feature names (strings), not {feature!r}.")

    def wrap(model_class: type[models.Model]) -> type[models.Model]:
        setattr(model_class, _DECLARED, frozenset(features))
        return model_class

    return wrap


def declared_features(model: type[models.Model]) -> frozenset[str] | None:
    """The features `model` itself declares with `@extras_features` (None: it declares none)."""
    return model.__dict__.get(_DECLARED)


def register_declared_features() -> None:
    """Register the features of every installed model marked with `@extras_features` (from `ready()`)."""
    for model in apps.get_models():
        features = declared_features(model)
        if features is not None:
            registry.model_features.register(ModelFeatures(model._meta.label_lower, features))


def model_features(model: type[models.Model]) -> frozenset[str]:
    """The features `model` takes part in: those it declared, else those its bases and spec give it."""
    entry = registry.model_features.get(model._meta.label_lower)
    if entry is not None:
        return entry.features
    return _derived_features(model)


# The apps whose models (those with custom fields: the primary and organizational ones) dynamic groups can select.
DYNAMIC_GROUP_APPS = frozenset({"circuits", "dcim", "ipam", "tenancy", "virtualization"})


def _derived_features(model: type[models.Model]) -> frozenset[str]:
    # Here, not at the top: the specs module imports the registry, which this module's importers load first.
    from nautobot.core.specs import has_spec

    if not has_spec(model):
        return frozenset()
    names = {field.name: field for field in model._meta.get_fields()}
    features = {"custom_links", "custom_validators", "export_templates", "graphql", "relationships"}
    if "_custom_field_data" in names:
        features.add("custom_fields")
        if model._meta.app_label in DYNAMIC_GROUP_APPS:
            features.add("dynamic_groups")
    if "last_updated" in names:
        features.add("webhooks")
    status = names.get("status")
    if status is not None and status.is_relation and status.related_model._meta.label == "extras.Status":
        features.add("statuses")
    return frozenset(features)


class FeatureQuery:
    """The models having a feature, as content types: `FeatureQuery("statuses")` (1.x).

    Call it (or `get_query()`) for a `Q` on `ContentType`, usable as `limit_choices_to`; `as_queryset()` for the
    content types; `get_choices()` for `(label, pk)` form choices; `list_subclasses()` for the model classes.
    """

    def __init__(self, feature: str) -> None:
        self.feature = feature

    def __call__(self) -> Q:
        return self.get_query()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.feature!r}>"

    def list_subclasses(self) -> list[type[models.Model]]:
        """The installed models that have the feature, in app and model order."""
        return [model for model in apps.get_models() if self.feature in model_features(model)]

    def get_query(self) -> Q:
        query = Q(pk__in=[])
        for model in self.list_subclasses():
            query |= Q(app_label=model._meta.app_label, model=model._meta.model_name)
        return query

    def as_queryset(self) -> Any:
        return ContentType.objects.filter(self.get_query()).order_by("app_label", "model")

    def as_dict(self) -> dict[str, list[str]]:
        """`{app_label: [model name, ...]}` of the models that have the feature."""
        result: dict[str, list[str]] = {}
        for model in self.list_subclasses():
            result.setdefault(model._meta.app_label, []).append(model._meta.model_name)
        return result

    def get_choices(self) -> list[tuple[str, int]]:
        return [(f"{ct.app_label}.{ct.model}", ct.pk) for ct in self.as_queryset()]


class TaggableClassesQuery(FeatureQuery):
    """The models whose objects can be tagged (they have a `tags` relation to `extras.Tag`)."""

    def __init__(self) -> None:
        super().__init__("tags")

    def list_subclasses(self) -> list[type[models.Model]]:
        return [model for model in apps.get_models() if _tag_relation(model)]


class ChangeLoggedModelsQuery(FeatureQuery):
    """The models whose changes are logged (they have `last_updated` and a spec, or declare `webhooks`)."""

    def __init__(self) -> None:
        super().__init__("webhooks")


def _tag_relation(model: type[models.Model]) -> bool:
    try:
        field = model._meta.get_field("tags")
    except FieldDoesNotExist:
        return False
    return field.is_relation and field.related_model is not None and field.related_model._meta.label == "extras.Tag"
