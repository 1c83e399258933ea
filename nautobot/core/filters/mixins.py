"""Nautobot 1.x's filterset mixins that apps combine with `BaseFilterSet` (`class MyFilterSet(BaseFilterSet,
CreatedUpdatedFilterSet, CustomFieldModelFilterSet)`); each is a django-filter `FilterSet` adding its filters."""

import django_filters
from django.utils.datastructures import MultiValueDict

from nautobot.core.filters.base import SearchFilter
from nautobot.core.registry import registry


class CreatedUpdatedModelFilterSetMixin(django_filters.FilterSet):
    """`created`, `created__gte`, `created__lte` (dates) and `last_updated`, `__gte`, `__lte` (date-times)."""

    created = django_filters.DateFilter()
    created__gte = django_filters.DateFilter(field_name="created", lookup_expr="gte")
    created__lte = django_filters.DateFilter(field_name="created", lookup_expr="lte")
    last_updated = django_filters.DateTimeFilter()
    last_updated__gte = django_filters.DateTimeFilter(field_name="last_updated", lookup_expr="gte")
    last_updated__lte = django_filters.DateTimeFilter(field_name="last_updated", lookup_expr="lte")


CreatedUpdatedFilterSet = CreatedUpdatedModelFilterSetMixin  # the name before 1.4


class CustomFieldModelFilterSetMixin(django_filters.FilterSet):
    """`cf_<name>` parameters filter on custom fields, as they do on every list of the REST API and web UI
    (the filters registered in `registry.queryset_filters`, applied with the filterset's data)."""

    applies_queryset_filters = True

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.data
        if not hasattr(data, "getlist"):  # a plain dict (`FilterSet({"cf_x": [...]})`), as tests and jobs give
            data = MultiValueDict({k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in data.items()})
        for hook in registry.queryset_filters:
            queryset = hook.apply(queryset, data)
        return queryset


CustomFieldModelFilterSet = CustomFieldModelFilterSetMixin  # the name before 1.4


class NameSlugSearchFilterSet(django_filters.FilterSet):
    """`q`: name or slug contains the text (case-insensitive)."""

    q = SearchFilter(filter_predicates={"name": "icontains", "slug": "icontains"})
