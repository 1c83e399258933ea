"""Specs of the tenancy models."""

from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.tenancy.models import Tenant, TenantGroup

COMMON = ("custom_fields", "created", "last_updated")
TENANT_COUNTS = (
    "circuit_count",
    "device_count",
    "ipaddress_count",
    "prefix_count",
    "rack_count",
    "site_count",
    "virtualmachine_count",
    "vlan_count",
    "vrf_count",
    "cluster_count",
)


@register_spec
class TenantGroupSpec(ObjectSpec):
    model = TenantGroup
    api_fields = ("name", "slug", "parent", "description", "tenant_count", "_depth", *COMMON)
    brief_fields = ("name", "slug", "_depth")
    counts = {"tenant_count": "tenants"}
    filter_fields = ("name", "slug", "description", "parent")
    search_fields = ("name", "slug", "description")


@register_spec
class TenantSpec(ObjectSpec):
    model = Tenant
    api_fields = ("name", "slug", "group", "description", "comments", *TENANT_COUNTS, "tags", *COMMON)
    counts = {
        "circuit_count": "circuits",
        "device_count": "devices",
        "ipaddress_count": "ip_addresses",
        "prefix_count": "prefixes",
        "rack_count": "racks",
        "site_count": "sites",
        "virtualmachine_count": "virtual_machines",
        "vlan_count": "vlans",
        "vrf_count": "vrfs",
        "cluster_count": "clusters",
    }
    filter_fields = ("name", "slug", "description", "group")
    search_fields = ("name", "slug", "description", "comments")
