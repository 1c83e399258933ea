"""`?local_context_data=`: the filter of models with local config context data (named by specs as `filterset_base`)."""

from nautobot.core.filters import BaseFilterSet, BooleanFilter


class LocalContextFilterSet(BaseFilterSet):
    """Devices and VMs: `?local_context_data=true` selects those with local config context data."""

    local_context_data = BooleanFilter(method="_has_local_context_data", label="Has local config context data")

    def _has_local_context_data(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(local_context_data__isnull=value)
