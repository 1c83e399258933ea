"""The filter sets and filters of extras that apps import from here (as in Nautobot 1.x).

The generic ones are the core's (`nautobot.core.filters`); those that name an extras model live here.
"""

import django_filters
from django.apps import apps

from nautobot.core.filters import (
    BaseFilterSet,
    CreatedUpdatedFilterSet,
    CreatedUpdatedModelFilterSetMixin,
    CustomFieldModelFilterSet,
    CustomFieldModelFilterSetMixin,
    TagFilter,
    filterset_for,
)
from nautobot.extras.configcontexts.filters import LocalContextFilterSet
from nautobot.extras.relationships.filters import RelationshipModelFilterSetMixin
from nautobot.extras.statuses.models import Status


class StatusFilter(django_filters.ModelMultipleChoiceFilter):
    """`?status=active&status=planned`: objects with any of the statuses, by slug; an unknown slug is a
    validation error."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("field_name", "status__slug")
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("queryset", Status.objects.all())
        super().__init__(*args, **kwargs)


class StatusModelFilterSetMixin(django_filters.FilterSet):
    """`status` (and `status__n`, by the `BaseFilterSet` it is combined with) of a model with a status."""

    status = StatusFilter()


class NautobotFilterSet(
    BaseFilterSet, CreatedUpdatedModelFilterSetMixin, RelationshipModelFilterSetMixin, CustomFieldModelFilterSetMixin
):
    """The base of an app model's filterset: `BaseFilterSet` (multi-value filters and lookup variants for
    `Meta.fields`), `created`/`last_updated`, `cr_<relationship>__<side>` and `cf_<name>` filters."""


# 1.x's filtersets of dynamic groups, the generated ones, made on first use (after the models are loaded).
_GENERATED = {"DynamicGroupFilterSet": "DynamicGroup", "DynamicGroupMembershipFilterSet": "DynamicGroupMembership"}


def __getattr__(name: str):
    if name in _GENERATED:
        return filterset_for(apps.get_model("extras", _GENERATED[name]))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CreatedUpdatedFilterSet",
    "CreatedUpdatedModelFilterSetMixin",
    "CustomFieldModelFilterSet",
    "CustomFieldModelFilterSetMixin",
    "LocalContextFilterSet",
    "NautobotFilterSet",
    "RelationshipModelFilterSetMixin",
    "StatusFilter",
    "StatusModelFilterSetMixin",
    "TagFilter",
]
