"""Specs of the DCIM models: their API fields, filters and search."""

from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.dcim import models as m
from nautobot.dcim.api.representations import GenericEndPrefetches
from nautobot.dcim.api.serializers import (
    CableSerializerBase,
    CableTerminationSerializerBase,
    DeviceSerializerBase,
    InterfaceRedundancyGroupSerializerBase,
    InterfaceSerializerBase,
    PathEndpointSerializerBase,
    VirtualChassisSerializerBase,
)
from nautobot.dcim.api.views import DeviceViewSet, PassThroughPortViewSet, PathEndpointViewSet, RackViewSet
from nautobot.dcim.filters import (
    CableFilterSet,
    CableTerminationFilterSet,
    DeviceFilterSet,
    DeviceTypeFilterSet,
    InterfaceFilterSet,
    PathEndpointFilterSet,
)
from nautobot.extras.configcontexts.graphql import config_context_fields

COMMON = ("custom_fields", "created", "last_updated")
TAGGED = ("tags", *COMMON)
ADDRESS = (
    "facility",
    "asn",
    "time_zone",
    "description",
    "physical_address",
    "shipping_address",
    "latitude",
    "longitude",
    "contact_name",
    "contact_phone",
    "contact_email",
    "comments",
)
ADDRESS_FILTERS = (
    "facility",
    "asn",
    "time_zone",
    "description",
    "physical_address",
    "shipping_address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "latitude",
    "longitude",
    "comments",
)


@register_spec
class RegionSpec(ObjectSpec):
    model = m.Region
    api_fields = ("name", "slug", "parent", "description", "site_count", "_depth", *COMMON)
    brief_fields = ("name", "slug", "_depth")
    counts = {"site_count": "sites"}
    filter_fields = ("name", "slug", "description", "parent")
    search_fields = ("name", "slug", "description")


@register_spec
class SiteSpec(ObjectSpec):
    model = m.Site
    api_fields = (
        "name",
        "slug",
        "status",
        "region",
        "tenant",
        *ADDRESS,
        "circuit_count",
        "device_count",
        "prefix_count",
        "rack_count",
        "virtualmachine_count",
        "vlan_count",
        *TAGGED,
    )
    counts = {
        "circuit_count": ("circuits.Circuit", "terminations__site"),
        "device_count": "devices",
        "prefix_count": "prefixes",
        "rack_count": "racks",
        "virtualmachine_count": ("virtualization.VirtualMachine", "cluster__site"),
        "vlan_count": "vlans",
    }
    filter_fields = ("name", "slug", "status", "region", "tenant", ("tenant_group", "tenant__group"), *ADDRESS_FILTERS)
    search_fields = (
        "name",
        "slug",
        "facility",
        "description",
        "physical_address",
        "shipping_address",
        "contact_name",
        "comments",
    )


@register_spec
class LocationTypeSpec(ObjectSpec):
    model = m.LocationType
    api_fields = ("name", "slug", "parent", "nestable", "content_types", "description", "_depth", *COMMON)
    brief_fields = ("name", "slug", "_depth")
    filter_fields = ("name", "slug", "description", "parent", "nestable", "content_types")
    search_fields = ("name", "slug", "description")


@register_spec
class LocationSpec(ObjectSpec):
    model = m.Location
    api_fields = ("name", "slug", "location_type", "parent", "site", "status", "tenant", *ADDRESS, "_depth", *TAGGED)
    brief_fields = ("name", "slug", "_depth")
    filter_fields = (
        "name",
        "slug",
        "location_type",
        "parent",
        "site",
        "status",
        "tenant",
        *ADDRESS_FILTERS,
        ("content_type", "location_type__content_types"),
    )
    search_fields = ("name", "slug", "description", "facility")


@register_spec
class RackGroupSpec(ObjectSpec):
    model = m.RackGroup
    api_fields = ("name", "slug", "site", "location", "parent", "description", "rack_count", "_depth", *COMMON)
    brief_fields = ("name", "slug", "_depth")
    counts = {"rack_count": "racks"}
    filter_fields = ("name", "slug", "description", "site", "location", "parent")
    search_fields = ("name", "slug", "description")


@register_spec
class RackRoleSpec(ObjectSpec):
    model = m.RackRole
    api_fields = ("name", "slug", "color", "description", "rack_count", *COMMON)
    counts = {"rack_count": "racks"}
    filter_fields = ("name", "slug", "color", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class RackSpec(ObjectSpec):
    model = m.Rack
    api_fields = (
        "name",
        "facility_id",
        "site",
        "location",
        "group",
        "tenant",
        "status",
        "role",
        "serial",
        "asset_tag",
        "type",
        "width",
        "u_height",
        "desc_units",
        "outer_width",
        "outer_depth",
        "outer_unit",
        "comments",
        "device_count",
        "powerfeed_count",
        *TAGGED,
    )
    brief_fields = ("name",)
    counts = {"device_count": "devices", "powerfeed_count": "powerfeeds"}
    filter_fields = (
        "name",
        "facility_id",
        "site",
        "location",
        "group",
        "tenant",
        "status",
        "role",
        "serial",
        "asset_tag",
        "type",
        "width",
        "u_height",
        "desc_units",
        "outer_width",
        "outer_depth",
        "outer_unit",
        "comments",
    )
    search_fields = ("name", "facility_id", "serial", "asset_tag", "comments")
    viewset_base = RackViewSet


@register_spec
class RackReservationSpec(ObjectSpec):
    model = m.RackReservation
    api_fields = ("rack", "units", "user", "tenant", "description", *TAGGED)
    brief_fields = ("user", "units")
    extra_kwargs = {"units": {"required": True}}
    filter_fields = ("rack", ("site", "rack__site"), ("group", "rack__group"), "user", "tenant", "description")
    search_fields = ("rack__name", "rack__facility_id", "user__username", "description")


@register_spec
class ManufacturerSpec(ObjectSpec):
    model = m.Manufacturer
    api_fields = ("name", "slug", "description", "devicetype_count", "platform_count", "inventoryitem_count", *COMMON)
    counts = {
        "devicetype_count": "device_types",
        "platform_count": "platforms",
        "inventoryitem_count": "inventory_items",
    }
    filter_fields = ("name", "slug", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class DeviceTypeSpec(ObjectSpec):
    model = m.DeviceType
    slug_source = "model"
    api_fields = (
        "manufacturer",
        "model",
        "slug",
        "part_number",
        "u_height",
        "is_full_depth",
        "subdevice_role",
        "front_image",
        "rear_image",
        "comments",
        "device_count",
        *TAGGED,
    )
    brief_fields = ("manufacturer", "model", "slug")
    counts = {"device_count": "instances"}
    filter_fields = (
        "manufacturer",
        "model",
        "slug",
        "part_number",
        "u_height",
        "is_full_depth",
        "subdevice_role",
        "comments",
    )
    search_fields = ("manufacturer__name", "model", "part_number", "comments")
    filterset_base = DeviceTypeFilterSet
    detail_tables = (
        "interfacetemplates",
        "consoleporttemplates",
        "consoleserverporttemplates",
        "powerporttemplates",
        "poweroutlettemplates",
        "frontporttemplates",
        "rearporttemplates",
        "devicebaytemplates",
    )


@register_spec
class DeviceRoleSpec(ObjectSpec):
    model = m.DeviceRole
    api_fields = ("name", "slug", "color", "vm_role", "description", "device_count", "virtualmachine_count", *COMMON)
    counts = {"device_count": "devices", "virtualmachine_count": "virtual_machines"}
    filter_fields = ("name", "slug", "color", "vm_role", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class PlatformSpec(ObjectSpec):
    model = m.Platform
    api_fields = (
        "name",
        "slug",
        "manufacturer",
        "napalm_driver",
        "napalm_args",
        "network_driver",
        "description",
        "device_count",
        "virtualmachine_count",
        *COMMON,
    )
    counts = {"device_count": "devices", "virtualmachine_count": "virtual_machines"}
    filter_fields = ("name", "slug", "manufacturer", "napalm_driver", "network_driver", "description")
    search_fields = ("name", "slug", "description")


@register_spec
class DeviceSpec(ObjectSpec):
    model = m.Device
    api_fields = (
        "name",
        "device_type",
        "device_role",
        "tenant",
        "platform",
        "serial",
        "asset_tag",
        "site",
        "location",
        "rack",
        "position",
        "face",
        "parent_device",
        "status",
        "primary_ip",
        "primary_ip4",
        "primary_ip6",
        "secrets_group",
        "cluster",
        "virtual_chassis",
        "vc_position",
        "vc_priority",
        "device_redundancy_group",
        "device_redundancy_group_priority",
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
        "device_type",
        ("manufacturer", "device_type__manufacturer"),
        ("role", "device_role"),
        "tenant",
        "platform",
        "serial",
        "asset_tag",
        "site",
        ("region", "site__region"),
        "location",
        "rack",
        ("rack_group", "rack__group"),
        "position",
        "face",
        "status",
        "cluster",
        "secrets_group",
        "virtual_chassis",
        "vc_position",
        "vc_priority",
        "device_redundancy_group",
        "device_redundancy_group_priority",
        "local_context_schema",
        ("model", "device_type"),
        ("is_full_depth", "device_type__is_full_depth"),
        ("mac_address", "interfaces__mac_address"),
    )
    search_fields = ("name", "serial", "asset_tag", "comments")
    list_columns = ("name", "status", "tenant", "site", "location", "rack", "device_role", "device_type")
    detail_tables = (
        "interfaces",
        "consoleports",
        "consoleserverports",
        "powerports",
        "poweroutlets",
        "frontports",
        "rearports",
        "devicebays",
        "inventoryitems",
    )
    serializer_base = DeviceSerializerBase
    filterset_base = DeviceFilterSet
    viewset_base = DeviceViewSet  # `<id>/napalm/`
    extra_select_related = ("parent_bay__device",)
    graphql_fields = config_context_fields()


@register_spec
class VirtualChassisSpec(ObjectSpec):
    model = m.VirtualChassis
    endpoint = "virtual-chassis"
    api_fields = ("name", "domain", "master", "member_count", *TAGGED)
    brief_fields = ("name", "master")
    counts = {"member_count": "members"}
    filter_fields = ("name", "domain", "master", ("site", "master__site"), ("tenant", "master__tenant"))
    search_fields = ("name", "domain")
    serializer_base = VirtualChassisSerializerBase


@register_spec
class DeviceRedundancyGroupSpec(ObjectSpec):
    model = m.DeviceRedundancyGroup
    api_fields = (
        "name",
        "slug",
        "description",
        "failover_strategy",
        "status",
        "secrets_group",
        "comments",
        *TAGGED,
    )
    filter_fields = ("name", "slug", "description", "failover_strategy", "status", "secrets_group")
    search_fields = ("name", "slug", "description", "comments")
    list_columns = ("name", "status", "failover_strategy", "description")
    detail_tables = ("members",)
    menu_section = "Redundancy"


@register_spec
class InterfaceRedundancyGroupSpec(ObjectSpec):
    model = m.InterfaceRedundancyGroup
    api_fields = (
        "name",
        "description",
        "status",
        "interfaces",
        "protocol",
        "protocol_group_id",
        "secrets_group",
        "virtual_ip",
        *TAGGED,
    )
    read_only_fields = ("interfaces",)
    brief_fields = ("name",)
    slug_source = None
    filter_fields = (
        "name",
        "description",
        "status",
        "protocol",
        "protocol_group_id",
        "secrets_group",
        "virtual_ip",
        ("interface", "interfaces"),
    )
    search_fields = ("name", "description")
    serializer_base = InterfaceRedundancyGroupSerializerBase
    extra_prefetch_related = ("interface_redundancy_group_associations__interface__device",)
    list_columns = ("name", "status", "protocol", "protocol_group_id", "virtual_ip", "description")
    form_fields = (
        "name",
        "description",
        "status",
        "protocol",
        "protocol_group_id",
        "secrets_group",
        "virtual_ip",
        "tags",
    )
    detail_tables = ("interface_redundancy_group_associations",)
    menu_section = "Redundancy"


@register_spec
class InterfaceRedundancyGroupAssociationSpec(ObjectSpec):
    model = m.InterfaceRedundancyGroupAssociation
    api_fields = ("interface_redundancy_group", "interface", "priority", "created", "last_updated")
    brief_fields = ("interface_redundancy_group", "interface", "priority")
    filter_fields = (
        "interface_redundancy_group",
        ("interface_redundancy_group_id", "interface_redundancy_group__id"),
        "interface",
        ("interface_id", "interface__id"),
        "priority",
    )
    search_fields = ()
    slug_source = None
    display_related = ("interface_redundancy_group", "interface__device")
    list_columns = ("interface_redundancy_group", "interface", "priority")
    menu_group = None  # managed from its group's page
    ui_views = ("list", "detail", "add", "edit", "delete", "bulk_delete")


def _template_spec(model, *fields: str) -> type[ObjectSpec]:
    """Register the spec of a component template model (they differ only in their own fields)."""
    attrs = {
        "model": model,
        "__module__": __name__,
        "api_fields": ("device_type", "name", "label", *fields, "description", *COMMON),
        "brief_fields": ("name",),
        "filter_fields": (
            "device_type",
            ("devicetype_id", "device_type__id"),
            "name",
            "label",
            "description",
            *sorted(TEMPLATE_FILTERS.intersection(fields)),
            *[TEMPLATE_RELATION_FILTERS[f] for f in fields if f in TEMPLATE_RELATION_FILTERS],
        ),
        "search_fields": ("name", "label", "description"),
        "list_columns": (
            "name",
            "device_type",
            "label",
            *[f for f in ("type", "mgmt_only", "positions") if f in fields],
            "description",
        ),
        "menu_group": None,  # reached from their device type
    }
    return register_spec(type(f"{model.__name__}Spec", (ObjectSpec,), attrs))


TEMPLATE_FILTERS = {
    "type",
    "mgmt_only",
    "feed_leg",
    "positions",
    "rear_port_position",
    "maximum_draw",
    "allocated_draw",
}
# Template relations the original names after the template model (`?power_port_template=<name>`).
TEMPLATE_RELATION_FILTERS = {
    "power_port": ("power_port_template", "power_port"),
    "rear_port": ("rear_port_template", "rear_port"),
}
COMPONENT_FILTERS = {
    "type",
    "mgmt_only",
    "enabled",
    "mtu",
    "mac_address",
    "mode",
    "feed_leg",
    "positions",
    "status",
    "discovered",
    "part_id",
    "serial",
    "asset_tag",
    "manufacturer",
    "lag",
    "parent_interface",
    "bridge",
    "parent",
    "cable",
    "power_port",
    "rear_port",
    "rear_port_position",
    "installed_device",
    "maximum_draw",
    "allocated_draw",
}


def _component_spec(model, *fields: str, extra_filter_fields: tuple = (), **extra) -> type[ObjectSpec]:
    """Register the spec of a device component model."""
    attrs = {
        "model": model,
        "__module__": __name__,
        "api_fields": ("device", "name", "label", *fields, "description", *TAGGED),
        "brief_fields": ("device", "name"),
        "filter_fields": (
            "device",
            ("site", "device__site"),
            ("region", "device__site__region"),
            "name",
            "label",
            "description",
            *[f for f in fields if f in COMPONENT_FILTERS],
            *extra_filter_fields,
        ),
        "search_fields": ("name", "label", "description"),
        "list_columns": (
            "name",
            "device",
            "label",
            *[f for f in ("type", "enabled", "mgmt_only", "positions", "installed_device", "cable") if f in fields],
            "description",
        ),
        "menu_section": "Device components",
        **extra,
    }
    return register_spec(type(f"{model.__name__}Spec", (ObjectSpec,), attrs))


_template_spec(m.ConsolePortTemplate, "type")
_template_spec(m.ConsoleServerPortTemplate, "type")
_template_spec(m.PowerPortTemplate, "type", "maximum_draw", "allocated_draw")
_template_spec(m.PowerOutletTemplate, "type", "power_port", "feed_leg")
_template_spec(m.InterfaceTemplate, "type", "mgmt_only")
_template_spec(m.RearPortTemplate, "type", "positions")
_template_spec(m.FrontPortTemplate, "type", "rear_port", "rear_port_position")
_template_spec(m.DeviceBayTemplate)

# Cable-able components show their cable and its far end; path endpoints also where their path ends.
CABLE_FIELDS = ("cable", "cable_peer", "cable_peer_type")
PATH_FIELDS = (*CABLE_FIELDS, "connected_endpoint", "connected_endpoint_type", "connected_endpoint_reachable")
PASS_THROUGH = {
    "brief_fields": ("device", "name", "cable"),
    "read_only_fields": ("cable",),  # set by creating or deleting a cable, never directly
    "serializer_base": CableTerminationSerializerBase,
    "filterset_base": CableTerminationFilterSet,
    "viewset_base": PassThroughPortViewSet,
    "extra_prefetch_related": GenericEndPrefetches("cable__termination_a", "cable__termination_b"),
}
ENDPOINT = {
    **PASS_THROUGH,
    "serializer_base": PathEndpointSerializerBase,
    "filterset_base": PathEndpointFilterSet,
    "viewset_base": PathEndpointViewSet,
    "extra_select_related": ("_path",),
    "extra_prefetch_related": GenericEndPrefetches(
        "cable__termination_a", "cable__termination_b", "_path__destination"
    ),
}

_component_spec(m.ConsolePort, "type", *PATH_FIELDS, **ENDPOINT)
_component_spec(m.ConsoleServerPort, "type", *PATH_FIELDS, **ENDPOINT)
_component_spec(m.PowerPort, "type", "maximum_draw", "allocated_draw", *PATH_FIELDS, **ENDPOINT)
_component_spec(m.PowerOutlet, "type", "power_port", "feed_leg", *PATH_FIELDS, **ENDPOINT)
_component_spec(
    m.Interface,
    "type",
    "enabled",
    "parent_interface",
    "bridge",
    "lag",
    "mtu",
    "mac_address",
    "mgmt_only",
    "mode",
    "untagged_vlan",
    "tagged_vlans",
    "status",
    *PATH_FIELDS,
    "count_ipaddresses",
    counts={"count_ipaddresses": "ip_addresses"},  # every API version, as the original's
    extra_filter_fields=(
        "child_interfaces",
        "bridged_interfaces",
        "member_interfaces",
        "untagged_vlan",
        "tagged_vlans",
    ),
    field_versions={"status": ("1.4", None)},
    default_status="active",
    **{**ENDPOINT, "serializer_base": InterfaceSerializerBase, "filterset_base": InterfaceFilterSet},
)
_component_spec(m.RearPort, "type", "positions", *CABLE_FIELDS, **PASS_THROUGH)
_component_spec(m.FrontPort, "type", "rear_port", "rear_port_position", *CABLE_FIELDS, **PASS_THROUGH)
_component_spec(m.DeviceBay, "installed_device")
_component_spec(
    m.InventoryItem,
    "parent",
    "manufacturer",
    "part_id",
    "serial",
    "asset_tag",
    "discovered",
    "_depth",
    brief_fields=("device", "name", "_depth"),
    extra_filter_fields=(("child_items", "children"),),
)


@register_spec
class PowerPanelSpec(ObjectSpec):
    model = m.PowerPanel
    api_fields = ("site", "location", "rack_group", "name", "powerfeed_count", *TAGGED)
    brief_fields = ("name",)
    counts = {"powerfeed_count": "powerfeeds"}
    filter_fields = ("site", ("region", "site__region"), "location", "rack_group", "name")
    search_fields = ("name",)


PowerFeedSpec = register_spec(
    type(
        "PowerFeedSpec",
        (ObjectSpec,),
        {
            "model": m.PowerFeed,
            "__module__": __name__,
            "api_fields": (
                "power_panel",
                "rack",
                "name",
                "status",
                "type",
                "supply",
                "phase",
                "voltage",
                "amperage",
                "max_utilization",
                "available_power",
                "comments",
                *PATH_FIELDS,
                *TAGGED,
            ),
            "filter_fields": (
                "power_panel",
                "rack",
                ("site", "power_panel__site"),
                "name",
                "status",
                "type",
                "supply",
                "phase",
                "voltage",
                "amperage",
                "max_utilization",
                "cable",
                "comments",
            ),
            "search_fields": ("name", "comments"),
            **ENDPOINT,
            "brief_fields": ("name", "cable"),
        },
    )
)


@register_spec
class CableSpec(ObjectSpec):
    model = m.Cable
    api_fields = (
        "termination_a_type",
        "termination_a_id",
        "termination_a",
        "termination_b_type",
        "termination_b_id",
        "termination_b",
        "type",
        "status",
        "label",
        "color",
        "length",
        "length_unit",
        *TAGGED,
    )
    brief_fields = ("label",)
    filter_fields = (
        "label",
        "type",
        "status",
        "color",
        "length",
        "length_unit",
        "termination_a_id",
        "termination_b_id",
    )
    search_fields = ("label",)
    serializer_base = CableSerializerBase
    filterset_base = CableFilterSet
    extra_prefetch_related = GenericEndPrefetches("termination_a", "termination_b")
