"""Hand-written filterset bases for DCIM: cable state of components, and cables by either end.

Named by the specs (`filterset_base`); the generated filtersets add the derived filters.
"""

import uuid

import django_filters
from django import forms
from django.db.models import Q

from nautobot.core.filters import (
    BaseFilterSet,
    BooleanFilter,
    ContentTypeFilter,
    MultiValueFilter,
    NaturalKeyOrPKFilter,
)
from nautobot.dcim.choices import NON_CONNECTABLE_INTERFACE_TYPES, VIRTUAL_INTERFACE_TYPES, WIRELESS_INTERFACE_TYPES
from nautobot.dcim.models import Device
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
    region = EitherEndFilter(field_name="site__region__slug")
    region_id = EitherEndFilter(field_name="site__region_id", inner=forms.UUIDField())
    tenant = EitherEndFilter(field_name="tenant__slug")
    tenant_id = EitherEndFilter(field_name="tenant_id", inner=forms.UUIDField())
    rack = EitherEndFilter(field_name="rack__name")
    rack_id = EitherEndFilter(field_name="rack_id", inner=forms.UUIDField())


class PrimaryIPFilterSet(LocalContextFilterSet):
    """Devices and VMs: `has_primary_ip=true|false` (an IPv4 or IPv6 primary address is set, or neither)."""

    has_primary_ip = BooleanFilter(method="filter_has_primary_ip")

    def filter_has_primary_ip(self, queryset, name, value):
        if value is None:
            return queryset
        condition = Q(primary_ip4__isnull=False) | Q(primary_ip6__isnull=False)
        return queryset.filter(condition) if value else queryset.exclude(condition)


def _has(relation: str) -> BooleanFilter:
    return BooleanFilter(field_name=relation, lookup_expr="isnull", exclude=True, distinct=True)


class DeviceFilterSet(PrimaryIPFilterSet):
    """Devices: also `is_virtual_chassis_member=true|false`, and whether they have components of a kind under
    the original's names (`interfaces=true` as `has_interfaces=true`; `pass_through_ports` for front ports)."""

    is_virtual_chassis_member = BooleanFilter(field_name="virtual_chassis", lookup_expr="isnull", exclude=True)
    virtual_chassis_member = BooleanFilter(field_name="virtual_chassis", lookup_expr="isnull", exclude=True)
    console_ports = _has("consoleports")
    console_server_ports = _has("consoleserverports")
    power_ports = _has("powerports")
    power_outlets = _has("poweroutlets")
    interfaces = _has("interfaces")
    device_bays = _has("devicebays")
    pass_through_ports = _has("frontports")


class DeviceTypeFilterSet(BaseFilterSet):
    """Device types: whether they have templates of a kind, under the original's names (`interfaces=true`,
    `pass_through_ports=true` for front port templates)."""

    console_ports = _has("consoleporttemplates")
    console_server_ports = _has("consoleserverporttemplates")
    power_ports = _has("powerporttemplates")
    power_outlets = _has("poweroutlettemplates")
    interfaces = _has("interfacetemplates")
    device_bays = _has("devicebaytemplates")
    pass_through_ports = _has("frontporttemplates")


class VLANFilter(MultiValueFilter):
    """Interfaces carrying a VLAN, untagged or tagged (`vlan_id` by UUID, `vlan` by VLAN ID number)."""

    def filter(self, qs, value):
        if not value:
            return qs
        untagged, tagged = (f"untagged_vlan__{self.field_name}__in", f"tagged_vlans__{self.field_name}__in")
        return qs.filter(Q(**{untagged: value}) | Q(**{tagged: value})).distinct()


def _vid() -> forms.IntegerField:
    return forms.IntegerField(min_value=1, max_value=4094)


class InterfaceVLANFilterSet(BaseFilterSet):
    """Interfaces (of devices or VMs) by VLAN: `vlan_id` (UUID) and `vlan` (VLAN ID number) untagged or tagged;
    `untagged_vlan`/`tagged_vlans` by VLAN ID number or UUID (the original names VLANs by `vid` here)."""

    vlan_id = VLANFilter(field_name="id", inner=forms.UUIDField())
    vlan = VLANFilter(field_name="vid", inner=_vid())
    untagged_vlan = NaturalKeyOrPKFilter(path="untagged_vlan", key="vid", key_field=_vid())
    untagged_vlan__n = NaturalKeyOrPKFilter(path="untagged_vlan", key="vid", key_field=_vid(), exclude=True)
    tagged_vlans = NaturalKeyOrPKFilter(path="tagged_vlans", key="vid", key_field=_vid(), distinct=True)
    tagged_vlans__n = NaturalKeyOrPKFilter(path="tagged_vlans", key="vid", key_field=_vid(), exclude=True)


class VirtualChassisDeviceFilter(MultiValueFilter):
    """Interfaces of the devices named (by name or UUID; by UUID only with `inner=UUIDField`) and, for a device
    that is the master of a virtual chassis, the other members' interfaces that are not management-only, as the
    original's `device`/`device_id` on interfaces. Unknown devices match nothing (not a 400), as there.

    `to_interface`: the path from the filtered model to its interface ("interface__" on IP addresses, which the
    original's `device`/`device_id` filter the same way).
    """

    def __init__(self, *args, to_interface: str = "", **kwargs) -> None:
        self.to_interface = to_interface
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = [v for v in value or [] if v not in (None, "")]
        if not value:
            return qs
        by_pk, by_name = Q(pk__in=[]), Q(name__in=[])
        for item in value:
            try:
                by_pk |= Q(pk=uuid.UUID(str(item)))
            except ValueError:
                by_name |= Q(name=item)
        devices = Device.objects.filter(by_pk | by_name).values("pk")
        at = self.to_interface
        members = Q(**{f"{at}mgmt_only": False, f"{at}device__virtual_chassis__master__in": devices})
        return qs.filter(Q(**{f"{at}device__in": devices}) | members)


class InterfaceFilterSet(PathEndpointFilterSet, InterfaceVLANFilterSet):
    """Interfaces: by device (with a virtual chassis master's members), VLAN carried, `kind` (physical, virtual,
    wireless), the interfaces of a virtual chassis."""

    device = VirtualChassisDeviceFilter()
    device_id = VirtualChassisDeviceFilter(inner=forms.UUIDField())
    kind = django_filters.CharFilter(method="filter_kind")
    device_with_common_vc = django_filters.UUIDFilter(method="filter_device_with_common_vc")

    def filter_kind(self, queryset, name, value):
        value = (value or "").strip().lower()
        if not value:
            return queryset
        if value == "physical":
            return queryset.exclude(type__in=NON_CONNECTABLE_INTERFACE_TYPES)
        kinds = {"virtual": VIRTUAL_INTERFACE_TYPES, "wireless": WIRELESS_INTERFACE_TYPES}
        return queryset.filter(type__in=kinds[value]) if value in kinds else queryset.none()

    def filter_device_with_common_vc(self, queryset, name, value):
        """Interfaces of the device, or of every member of its virtual chassis if it is in one."""
        if value is None:
            return queryset
        device = Device.objects.filter(pk=value).values("pk", "virtual_chassis_id").first()
        if device is None:
            return queryset.none()
        if device["virtual_chassis_id"]:
            return queryset.filter(device__virtual_chassis=device["virtual_chassis_id"])
        return queryset.filter(device=device["pk"])
