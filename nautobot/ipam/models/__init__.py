"""IPAM models: RIRs, roles, route targets, VRFs, aggregates, prefixes, IP addresses, VLANs and services."""

# As in 1.x, where apps imported them from here too (`from nautobot.ipam.models import Device, Interface`).
from nautobot.dcim.models import Device, Interface
from nautobot.ipam.models.networks import ASSIGNMENT_FIELDS, Aggregate, IPAddress, Prefix
from nautobot.ipam.models.organizing import RIR, VRF, Role, RouteTarget
from nautobot.ipam.models.services import SERVICE_PARENTS, Service
from nautobot.ipam.models.vlans import VLAN, VLANGroup

__all__ = (
    "ASSIGNMENT_FIELDS",
    "Aggregate",
    "Device",
    "IPAddress",
    "Interface",
    "Prefix",
    "RIR",
    "VRF",
    "Role",
    "RouteTarget",
    "SERVICE_PARENTS",
    "Service",
    "VLAN",
    "VLANGroup",
)
