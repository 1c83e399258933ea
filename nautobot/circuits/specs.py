"""Specs of the circuits models: their API fields, filters and search."""

from nautobot.circuits import models as m
from nautobot.circuits.api.serializers import (
    CIRCUIT_END_RELATED,
    CircuitSerializerBase,
    CircuitTerminationSerializerBase,
)
from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.dcim.api.representations import GenericEndPrefetches
from nautobot.dcim.api.views import PathEndpointViewSet
from nautobot.dcim.filters import PathEndpointFilterSet

COMMON = ("custom_fields", "created", "last_updated")
TAGGED = ("tags", *COMMON)
PATH_FIELDS = (
    "cable",
    "cable_peer",
    "cable_peer_type",
    "connected_endpoint",
    "connected_endpoint_type",
    "connected_endpoint_reachable",
)


@register_spec
class ProviderSpec(ObjectSpec):
    model = m.Provider
    api_fields = (
        "name",
        "slug",
        "asn",
        "account",
        "portal_url",
        "noc_contact",
        "admin_contact",
        "comments",
        "circuit_count",
        *TAGGED,
    )
    counts = {"circuit_count": "circuits"}
    filter_fields = (
        "name",
        "slug",
        "asn",
        "account",
        "portal_url",
        ("site", "circuits__terminations__site"),
        ("location", "circuits__terminations__location"),
        ("region", "circuits__terminations__site__region"),
    )
    search_fields = ("name", "slug", "account", "comments")


@register_spec
class ProviderNetworkSpec(ObjectSpec):
    model = m.ProviderNetwork
    api_fields = ("provider", "name", "slug", "description", "comments", *TAGGED)
    filter_fields = ("provider", "name", "slug", "description")
    search_fields = ("name", "slug", "description", "comments")


@register_spec
class CircuitTypeSpec(ObjectSpec):
    model = m.CircuitType
    api_fields = ("name", "slug", "description", "circuit_count", *COMMON)
    counts = {"circuit_count": "circuits"}
    filter_fields = ("name", "slug", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class CircuitSpec(ObjectSpec):
    model = m.Circuit
    api_fields = (
        "cid",
        "provider",
        "type",
        "status",
        "tenant",
        "install_date",
        "commit_rate",
        "description",
        "comments",
        "termination_a",
        "termination_z",
        *TAGGED,
    )
    brief_fields = ("cid",)
    filter_fields = (
        "cid",
        "provider",
        "type",
        "status",
        "tenant",
        ("tenant_group", "tenant__group"),
        "install_date",
        "commit_rate",
        "description",
        ("site", "terminations__site"),
        ("location", "terminations__location"),
        ("region", "terminations__site__region"),
        ("provider_network", "terminations__provider_network"),
    )
    search_fields = ("cid", "description", "comments")
    serializer_base = CircuitSerializerBase
    extra_select_related = tuple(f"termination_{side}__{name}" for side in "az" for name in CIRCUIT_END_RELATED)


@register_spec
class CircuitTerminationSpec(ObjectSpec):
    model = m.CircuitTermination
    api_fields = (
        "circuit",
        "term_side",
        "site",
        "location",
        "provider_network",
        "port_speed",
        "upstream_speed",
        "xconnect_id",
        "pp_info",
        "description",
        *PATH_FIELDS,
        *TAGGED,
    )
    brief_fields = ("circuit", "term_side", "cable")
    display_related = CIRCUIT_END_RELATED
    read_only_fields = ("cable",)  # set by creating or deleting a cable, never directly
    filter_fields = (
        "circuit",
        "term_side",
        "site",
        "location",
        "provider_network",
        "port_speed",
        "upstream_speed",
        "xconnect_id",
        "pp_info",
        "description",
        ("provider", "circuit__provider"),
        "cable",
    )
    search_fields = ("circuit__cid", "xconnect_id", "pp_info", "description")
    serializer_base = CircuitTerminationSerializerBase
    filterset_base = PathEndpointFilterSet
    viewset_base = PathEndpointViewSet
    extra_select_related = ("_path",)
    extra_prefetch_related = GenericEndPrefetches("cable__termination_a", "cable__termination_b", "_path__destination")
