"""Hand-written filterset bases for DCIM: cable state of components, and cables by either end.

Named by the specs (`filterset_base`); the generated filtersets add the derived filters.
"""

import django_filters
from django import forms
from django.db.models import Q

from nautobot.core.filters import BaseFilterSet, BooleanFilter, ContentTypeFilter, MultiValueFilter
from nautobot.extras.filters import LocalContextFilterSet


class CableTerminationFilterSet(BaseFilterSet):
    """`cabled=true|false`: has a cable or not."""

    cabled = django_filters.BooleanFilter(field_name="cable", lookup_expr="isnull", exclude=True)


class PathEndpointFilterSet(CableTerminationFilterSet):
    """`connected=true|false`: its cable path reaches an endpoint over connected cables (or not)."""

    connected = django_filters.BooleanFilter(method="filter_connected")

    def filter_connected(self, queryset, name, value):
        if value is None:
            return queryset
        condition = Q(_path__is_active=True)
        return queryset.filter(condition) if value else queryset.exclude(condition)


class EitherEndFilter(MultiValueFilter):
    """A cable whose A or B end sits on a device matching `<device path>` (e.g. `site__slug`)."""

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for side in ("a", "b"):
            condition |= Q(**{f"_termination_{side}_device__{self.field_name}__in": value})
        return qs.filter(condition).distinct()


class CableFilterSet(BaseFilterSet):
    """Cables: by end type, and by the device, site or rack of either end."""

    termination_a_type = ContentTypeFilter(field_name="termination_a_type")
    termination_a_type__n = ContentTypeFilter(field_name="termination_a_type", exclude=True)
    termination_b_type = ContentTypeFilter(field_name="termination_b_type")
    termination_b_type__n = ContentTypeFilter(field_name="termination_b_type", exclude=True)
    device = EitherEndFilter(field_name="name")
    device_id = EitherEndFilter(field_name="id", inner=forms.UUIDField())
    site = EitherEndFilter(field_name="site__slug")
    site_id = EitherEndFilter(field_name="site_id", inner=forms.UUIDField())
    rack = EitherEndFilter(field_name="rack__name")
    rack_id = EitherEndFilter(field_name="rack_id", inner=forms.UUIDField())


class DeviceFilterSet(LocalContextFilterSet):
    """Devices: `has_primary_ip=true|false` (an IPv4 or IPv6 primary address is set, or neither)."""

    has_primary_ip = BooleanFilter(method="filter_has_primary_ip")

    def filter_has_primary_ip(self, queryset, name, value):
        if value is None:
            return queryset
        condition = Q(primary_ip4__isnull=False) | Q(primary_ip6__isnull=False)
        return queryset.filter(condition) if value else queryset.exclude(condition)


class VLANFilter(MultiValueFilter):
    """Interfaces carrying a VLAN, untagged or tagged (`vlan_id` by UUID, `vlan` by VLAN ID number)."""

    def filter(self, qs, value):
        if not value:
            return qs
        untagged, tagged = (f"untagged_vlan__{self.field_name}__in", f"tagged_vlans__{self.field_name}__in")
        return qs.filter(Q(**{untagged: value}) | Q(**{tagged: value})).distinct()


class InterfaceFilterSet(PathEndpointFilterSet):
    vlan_id = VLANFilter(field_name="id", inner=forms.UUIDField())
    vlan = VLANFilter(field_name="vid", inner=forms.IntegerField(min_value=1, max_value=4094))
