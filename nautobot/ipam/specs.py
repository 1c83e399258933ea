"""Specs of the IPAM models: their API fields, filters and search."""

import graphene

from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.ipam import filters as f
from nautobot.ipam import models as m
from nautobot.ipam.api.serializers import IPAddressSerializerBase, NetworkSerializerBase
from nautobot.ipam.api.views import PrefixViewSet

COMMON = ("custom_fields", "created", "last_updated")
TAGGED = ("tags", *COMMON)
NETWORK_FILTERS = (
    ("family", "ip_version"),
    ("mask_length", "prefix_length"),
    "description",
    "tenant",
    ("tenant_group", "tenant__group"),
)
NETWORK_GRAPHQL = {"prefix": graphene.String(), "family": graphene.Int()}


@register_spec
class RIRSpec(ObjectSpec):
    model = m.RIR
    api_fields = ("name", "slug", "is_private", "description", "aggregate_count", *COMMON)
    counts = {"aggregate_count": "aggregates"}
    filter_fields = ("name", "slug", "is_private", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class RoleSpec(ObjectSpec):
    model = m.Role
    api_fields = ("name", "slug", "weight", "description", "prefix_count", "vlan_count", *COMMON)
    counts = {"prefix_count": "prefixes", "vlan_count": "vlans"}
    filter_fields = ("name", "slug", "weight", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class RouteTargetSpec(ObjectSpec):
    model = m.RouteTarget
    api_fields = ("name", "tenant", "description", *TAGGED)
    brief_fields = ("name",)
    filter_fields = (
        "name",
        "tenant",
        ("tenant_group", "tenant__group"),
        "description",
        ("importing_vrf", "importing_vrfs"),
        ("exporting_vrf", "exporting_vrfs"),
    )
    search_fields = ("name", "description")


@register_spec
class VRFSpec(ObjectSpec):
    model = m.VRF
    api_fields = (
        "name",
        "rd",
        "tenant",
        "enforce_unique",
        "description",
        "import_targets",
        "export_targets",
        "ipaddress_count",
        "prefix_count",
        *TAGGED,
    )
    brief_fields = ("name", "rd")
    counts = {"ipaddress_count": "ip_addresses", "prefix_count": "prefixes"}
    filter_fields = (
        "name",
        "rd",
        "tenant",
        ("tenant_group", "tenant__group"),
        "enforce_unique",
        "description",
        ("import_target", "import_targets"),
        ("export_target", "export_targets"),
    )
    search_fields = ("name", "rd", "description")


@register_spec
class AggregateSpec(ObjectSpec):
    model = m.Aggregate
    api_fields = ("family", "prefix", "rir", "tenant", "date_added", "description", *TAGGED)
    brief_fields = ("family", "prefix")
    filter_fields = (*NETWORK_FILTERS, "rir", "date_added")
    serializer_base = NetworkSerializerBase
    filterset_base = f.AggregateFilterSet
    graphql_fields = NETWORK_GRAPHQL


@register_spec
class PrefixSpec(ObjectSpec):
    model = m.Prefix
    api_fields = (
        "family",
        "prefix",
        "site",
        "location",
        "vrf",
        "tenant",
        "vlan",
        "status",
        "role",
        "is_pool",
        "description",
        *TAGGED,
    )
    brief_fields = ("family", "prefix")
    filter_fields = (
        *NETWORK_FILTERS,
        "vrf",
        "site",
        ("region", "site__region"),
        "location",
        "vlan",
        ("vlan_vid", "vlan__vid"),
        "status",
        "role",
        "is_pool",
    )
    serializer_base = NetworkSerializerBase
    filterset_base = f.PrefixFilterSet
    viewset_base = PrefixViewSet
    graphql_fields = NETWORK_GRAPHQL


@register_spec
class IPAddressSpec(ObjectSpec):
    model = m.IPAddress
    api_fields = (
        "family",
        "address",
        "vrf",
        "tenant",
        "status",
        "role",
        "assigned_object_type",
        "assigned_object_id",
        "assigned_object",
        "nat_inside",
        "nat_outside",
        "dns_name",
        "description",
        *TAGGED,
    )
    brief_fields = ("family", "address")
    filter_fields = (
        ("family", "ip_version"),
        ("mask_length", "prefix_length"),
        "vrf",
        "dns_name",
        "description",
        "tenant",
        ("tenant_group", "tenant__group"),
        "status",
        "role",
        "interface",
        ("device", "interface__device"),
        "vminterface",
        ("virtual_machine", "vminterface__virtual_machine"),
    )
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("device", "device__n", "virtual_machine", "virtual_machine__n")
    search_fields = ("dns_name", "description")
    serializer_base = IPAddressSerializerBase
    filterset_base = f.IPAddressFilterSet
    extra_prefetch_related = ("interface__device", "vminterface__virtual_machine", "nat_outside_list")
    graphql_fields = {"address": graphene.String(), "family": graphene.Int()}
    graphql_unions = {"assigned_object": ("interface", "vminterface")}
    graphql_singles = {"nat_outside": "nat_outside_list"}


@register_spec
class VLANGroupSpec(ObjectSpec):
    model = m.VLANGroup
    api_fields = ("name", "slug", "site", "location", "description", "vlan_count", *COMMON)
    counts = {"vlan_count": "vlans"}
    filter_fields = ("name", "slug", "site", ("region", "site__region"), "location", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class VLANSpec(ObjectSpec):
    model = m.VLAN
    api_fields = (
        "site",
        "location",
        "group",
        "vid",
        "name",
        "tenant",
        "status",
        "role",
        "description",
        "prefix_count",
        *TAGGED,
    )
    brief_fields = ("vid", "name")
    counts = {"prefix_count": "prefixes"}
    filter_fields = (
        "site",
        ("region", "site__region"),
        "location",
        "group",
        "vid",
        "name",
        "tenant",
        ("tenant_group", "tenant__group"),
        "status",
        "role",
        "description",
    )
    search_fields = ("name", "description", "vid")
    filterset_base = f.VLANFilterSet


@register_spec
class ServiceSpec(ObjectSpec):
    model = m.Service
    api_fields = ("device", "virtual_machine", "name", "ports", "protocol", "ipaddresses", "description", *TAGGED)
    brief_fields = ("name", "protocol", "ports")
    filter_fields = ("device", "virtual_machine", "name", "protocol", "description")
    search_fields = ("name", "description")
    filterset_base = f.ServiceFilterSet
