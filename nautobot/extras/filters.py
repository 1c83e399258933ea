"""The filter sets and filters of extras that apps import from here (as in Nautobot 1.x).

The generic ones are the core's (`nautobot.core.filters`); those that name an extras model live here.
"""

import django_filters

from nautobot.core.filters import (
    CreatedUpdatedFilterSet,
    CreatedUpdatedModelFilterSetMixin,
    CustomFieldModelFilterSet,
    CustomFieldModelFilterSetMixin,
    NautobotFilterSet,
    TagFilter,
)
from nautobot.extras.configcontexts.filters import LocalContextFilterSet
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


__all__ = [
    "CreatedUpdatedFilterSet",
    "CreatedUpdatedModelFilterSetMixin",
    "CustomFieldModelFilterSet",
    "CustomFieldModelFilterSetMixin",
    "LocalContextFilterSet",
    "NautobotFilterSet",
    "StatusFilter",
    "StatusModelFilterSetMixin",
    "TagFilter",
]
