"""Specs of the virtualization models: their API fields, filters and search."""

from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.extras.configcontexts.graphql import config_context_fields
from nautobot.virtualization import models as m
from nautobot.virtualization.api.serializers import VirtualMachineSerializerBase, VMInterfaceSerializerBase
from nautobot.virtualization.filters import VirtualMachineFilterSet, VMInterfaceFilterSet

COMMON = ("custom_fields", "created", "last_updated")
TAGGED = ("tags", *COMMON)


@register_spec
class ClusterTypeSpec(ObjectSpec):
    model = m.ClusterType
    api_fields = ("name", "slug", "description", "cluster_count", *COMMON)
    counts = {"cluster_count": "clusters"}
    filter_fields = ("name", "slug", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class ClusterGroupSpec(ObjectSpec):
    model = m.ClusterGroup
    api_fields = ("name", "slug", "description", "cluster_count", *COMMON)
    counts = {"cluster_count": "clusters"}
    filter_fields = ("name", "slug", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class ClusterSpec(ObjectSpec):
    model = m.Cluster
    api_fields = (
        "name",
        "type",
        "group",
        "tenant",
        "site",
        "location",
        "comments",
        "device_count",
        "virtualmachine_count",
        *TAGGED,
    )
    brief_fields = ("name",)
    counts = {"device_count": "devices", "virtualmachine_count": "virtual_machines"}
    filter_fields = (
        "name",
        "type",
        "group",
        "tenant",
        ("tenant_group", "tenant__group"),
        "site",
        ("region", "site__region"),
        "location",
        "comments",
    )
    search_fields = ("name", "comments")


@register_spec
class VirtualMachineSpec(ObjectSpec):
    model = m.VirtualMachine
    api_fields = (
        "name",
        "status",
        "site",
        "location",
        "cluster",
        "role",
        "tenant",
        "platform",
        "primary_ip",
        "primary_ip4",
        "primary_ip6",
        "vcpus",
        "memory",
        "disk",
        "comments",
        "local_context_schema",
        "local_context_data",
        *TAGGED,
    )
    # As the original's page: Primary IPv4/IPv6, not the API's derived `primary_ip` beside them.
    detail_fields = tuple(name for name in api_fields if name != "primary_ip")
    brief_fields = ("name",)
    filter_fields = (
        "name",
        "status",
        "cluster",
        ("cluster_group", "cluster__group"),
        ("cluster_type", "cluster__type"),
        "role",
        "tenant",
        ("tenant_group", "tenant__group"),
        "platform",
        ("site", "cluster__site"),
        ("region", "cluster__site__region"),
        ("location", "cluster__location"),
        "vcpus",
        "memory",
        "disk",
        ("mac_address", "interfaces__mac_address"),
        "local_context_schema",
        "primary_ip4",
        "primary_ip6",
        "comments",
    )
    search_fields = ("name", "comments")
    serializer_base = VirtualMachineSerializerBase
    filterset_base = VirtualMachineFilterSet
    extra_select_related = ("cluster__site", "cluster__location")
    graphql_fields = config_context_fields()


@register_spec
class VMInterfaceSpec(ObjectSpec):
    model = m.VMInterface
    endpoint = "interfaces"
    api_fields = (
        "virtual_machine",
        "name",
        "enabled",
        "parent_interface",
        "bridge",
        "mtu",
        "mac_address",
        "description",
        "mode",
        "untagged_vlan",
        "tagged_vlans",
        "status",
        *TAGGED,
    )
    brief_fields = ("virtual_machine", "name")
    field_versions = {"status": ("1.4", None)}
    default_status = "active"
    filter_fields = (
        "virtual_machine",
        ("cluster", "virtual_machine__cluster"),
        "name",
        "enabled",
        "mtu",
        "mac_address",
        "description",
        "mode",
        "status",
        "parent_interface",
        "bridge",
        "child_interfaces",
        "bridged_interfaces",
        "untagged_vlan",
        "tagged_vlans",
        "ip_addresses",
    )
    search_fields = ("name", "description")
    serializer_base = VMInterfaceSerializerBase
    filterset_base = VMInterfaceFilterSet
