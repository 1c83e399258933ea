"""Hand-written filterset bases for IPAM: network filters, VRF presence, interface assignment.

Network filters (`prefix`, `within`, `within_include`, `contains`, `parent`, `address`) parse their
values with netaddr and become range comparisons on the stored bytes (`ipam.networks`); a value that
is not an address is a 400 naming the parameter. Every filter takes repeated values (OR).
"""

import re
import uuid
from collections.abc import Callable

import django_filters
from django import forms
from django.db import connection
from django.db.models import Q

from nautobot.core.filters import (
    BaseFilterSet,
    BooleanFilter,
    MultiValueFilter,
    NaturalKeyOrPKFilter,
    SearchFilter,
)
from nautobot.dcim.filters import VirtualChassisDeviceFilter
from nautobot.dcim.models import Device
from nautobot.ipam import networks
from nautobot.ipam.models import ASSIGNMENT_FIELDS, VRF

PARTIAL_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){0,2}\.?$")


class NetworkValueField(forms.CharField):
    """A network (`10.0.0.0/8`) or address; cleaned to an `IPNetwork`."""

    def clean(self, value):
        value = super().clean(value)
        try:
            return networks.parse_network(value)
        except networks.NetworkParseError as error:
            raise forms.ValidationError(str(error)) from None


class AddressValueField(forms.CharField):
    """An address with or without mask, checked now and matched by `networks.address_equals`."""

    def clean(self, value):
        value = super().clean(value)
        try:
            networks.address_equals(value)
        except networks.NetworkParseError as error:
            raise forms.ValidationError(str(error)) from None
        return value


class ConditionFilter(MultiValueFilter):
    """Each value becomes a `Q` through `condition(value)`; the values are ORed."""

    def __init__(self, condition: Callable[..., Q], *, inner: forms.Field, **kwargs) -> None:
        self.condition = condition
        super().__init__(inner=inner, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        combined = Q()
        for item in value:
            combined |= self.condition(item)
        return qs.exclude(combined) if self.exclude else qs.filter(combined)


def _network_filter(condition: Callable[..., Q]) -> ConditionFilter:
    return ConditionFilter(condition, inner=NetworkValueField())


class PresentInVRFFilter(NaturalKeyOrPKFilter):
    """Objects in the VRF (by `rd` or UUID; it must exist), or in a VRF exporting a route target that it imports."""

    def __init__(self, *, key: str, **kwargs) -> None:
        super().__init__(path="vrf", key=key, **kwargs)

    def filter(self, qs, value):
        value = [v for v in value or [] if v is not None]
        if not value:
            return qs
        by_pk = Q(pk__in=[v for v in value if isinstance(v, uuid.UUID)])
        by_key = Q(**{f"{self.key}__in": [v for v in value if not isinstance(v, uuid.UUID)]})
        vrfs = list(VRF.objects.filter(by_pk | by_key).prefetch_related("import_targets"))
        condition = Q(vrf__in=vrfs)
        targets = [t.pk for vrf in vrfs for t in vrf.import_targets.all()]
        if targets:
            condition |= Q(vrf__export_targets__in=targets)
        return qs.filter(condition).distinct()


def network_search(value: str) -> Q:
    """`q` on networks: the description, or networks containing the address or network typed."""
    condition = Q(description__icontains=value)
    try:
        condition |= networks.network_contains(networks.parse_network(value))
    except networks.NetworkParseError:
        pass
    return condition


class VRFFilterMixin(BaseFilterSet):
    vrf = NaturalKeyOrPKFilter(path="vrf", key="rd")
    vrf__n = NaturalKeyOrPKFilter(path="vrf", key="rd", exclude=True)
    present_in_vrf = PresentInVRFFilter(key="rd")
    present_in_vrf_id = PresentInVRFFilter(key="pk")


class NetworkSearch(SearchFilter):
    def __init__(self, condition: Callable[[str], Q]) -> None:
        self.condition = condition
        super().__init__(fields=())

    def filter(self, qs, value):
        value = (value or "").strip()
        return qs.filter(self.condition(value)) if value else qs


class AggregateFilterSet(BaseFilterSet):
    prefix = _network_filter(networks.network_equals)
    within = _network_filter(networks.network_within)
    within_include = _network_filter(lambda n: networks.network_within(n, include_self=True))
    contains = _network_filter(networks.network_contains)
    q = NetworkSearch(network_search)


class PrefixFilterSet(AggregateFilterSet, VRFFilterMixin):
    """Prefixes: network filters plus VRF presence."""


def address_search(value: str) -> Q:
    """`q` on addresses: DNS name, description, or an address (a partial IPv4 such as `10.0.` is a range)."""
    condition = Q(dns_name__icontains=value) | Q(description__icontains=value)
    try:
        condition |= networks.host_within(networks.parse_network(value))
    except networks.NetworkParseError:
        if PARTIAL_IPV4.match(value):
            octets = [o for o in value.split(".") if o]
            if all(int(o) <= 255 for o in octets):
                padded = ".".join([*octets, *["0"] * (4 - len(octets))])
                condition |= networks.host_within(networks.parse_network(f"{padded}/{8 * len(octets)}"))
    return condition


class IPAddressFilterSet(VRFFilterMixin):
    """IP addresses: by parent network, address (with or without mask), assignment."""

    parent = _network_filter(networks.host_within)
    address = ConditionFilter(networks.address_equals, inner=AddressValueField())
    assigned_to_interface = BooleanFilter(method="filter_assigned")
    # A virtual chassis master's addresses include those on its members' interfaces (not management-only), as 1.x.
    device = VirtualChassisDeviceFilter(to_interface="interface__")
    device_id = VirtualChassisDeviceFilter(to_interface="interface__", inner=forms.UUIDField())
    q = NetworkSearch(address_search)

    def filter_assigned(self, queryset, name, value):
        if value is None:
            return queryset
        assigned = Q()
        for fk, _ in ASSIGNMENT_FIELDS.values():
            assigned |= Q(**{f"{fk}__isnull": False})
        return queryset.filter(assigned) if value else queryset.exclude(assigned)


class AvailableOnDeviceFilter(django_filters.Filter):
    """`?available_on_device=<device uuid>`: VLANs without a site, and those of the device's site.

    As the original's, one device (the last value if repeated); an unknown device matches nothing.
    """

    field_class = forms.UUIDField

    def filter(self, qs, value):
        if not value:
            return qs
        site_id = Device.objects.filter(pk=value).values_list("site_id", flat=True).first()
        if site_id is None:
            return qs.none()
        return qs.filter(Q(site__isnull=True) | Q(site_id=site_id))


class VLANFilterSet(BaseFilterSet):
    available_on_device = AvailableOnDeviceFilter()


class ServiceFilterSet(BaseFilterSet):
    """Services: `port` matches any service listening on that port."""

    port = MultiValueFilter(method="filter_port", inner=forms.IntegerField(min_value=1, max_value=65535))

    def filter_port(self, queryset, name, value):
        if not value:
            return queryset
        if connection.vendor in ("postgresql", "mysql"):
            condition = Q()
            for port in value:
                condition |= Q(ports__contains=[port])
            return queryset.filter(condition)
        # SQLite has no JSON containment: match the port as a whole number in the stored JSON text.
        pattern = r"[\[ ,](" + "|".join(str(p) for p in value) + r")[,\]]"
        return queryset.filter(ports__regex=pattern)
