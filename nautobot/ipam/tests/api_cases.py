"""How to build a valid create payload for each IPAM model (used by the API contract suite)."""

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import register_case
from nautobot.ipam import models as m
from nautobot.ipam.tests import builders as ib


def _named(prefix: str, **extra) -> dict:
    name = b.unique(prefix)
    return {"name": name, "slug": name, **extra}


def _ip_on_interface() -> dict:
    interface = b.interface(device=b.device())
    return {
        "address": ib.unique_host(24),
        "status": "active",
        "role": "loopback",
        "assigned_object_type": "dcim.interface",
        "assigned_object_id": str(interface.pk),
        "dns_name": "host.example.com",
        "nat_inside": str(ib.ip_address(ib.unique_host(32)).pk),
    }


register_case(m.RIR, lambda: _named("rir", is_private=True))
register_case(m.Role, lambda: _named("role", weight=100))
register_case(m.RouteTarget, lambda: {"name": b.unique("65000:"), "tenant": str(b.tenant().pk)})
register_case(
    m.VRF,
    lambda: {
        "name": b.unique("vrf"),
        "rd": b.unique("65001:"),
        "enforce_unique": True,
        "import_targets": [str(ib.route_target().pk)],
        "export_targets": [str(ib.route_target().pk)],
    },
)
register_case(
    m.Aggregate, lambda: {"prefix": ib.unique_ipv6_network(48), "rir": str(ib.rir().pk), "date_added": "2024-01-31"}
)
register_case(
    m.Prefix,
    lambda: {
        "prefix": ib.unique_network(24),
        "status": "active",
        "site": str(b.site().pk),
        "vrf": str(ib.vrf().pk),
        "role": str(ib.role().pk),
        "vlan": str(ib.vlan().pk),
        "is_pool": True,
    },
)
register_case(m.IPAddress, _ip_on_interface)
register_case(m.VLANGroup, lambda: _named("vg", site=str(b.site().pk)))
register_case(
    m.VLAN,
    lambda: {
        "vid": 100,
        "name": b.unique("vlan"),
        "status": "active",
        "group": str(ib.vlan_group().pk),
        "role": str(ib.role().pk),
    },
)
register_case(
    m.Service,
    lambda: {
        "device": str(b.device().pk),
        "name": b.unique("ssh"),
        "protocol": "tcp",
        "ports": [22, 2222],
        "ipaddresses": [str(ib.ip_address(ib.unique_host(32)).pk)],
    },
)
