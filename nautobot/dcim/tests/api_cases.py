"""How to build a valid create payload for each DCIM model (used by the API contract suite)."""

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import register_case
from nautobot.dcim import models as m


def _named(prefix: str, **extra) -> dict:
    name = b.unique(prefix)
    return {"name": name, "slug": name, **extra}


register_case(m.Region, lambda: _named("region", parent=str(b.region().pk)))
register_case(
    m.Site,
    lambda: _named("site", status="active", region={"slug": b.region().slug}, time_zone="Europe/Paris", asn=65001),
)
register_case(m.LocationType, lambda: _named("lt", content_types=["dcim.device", "dcim.rack"]))
register_case(
    m.Location, lambda: _named("loc", location_type=str(b.location_type().pk), site=str(b.site().pk), status="planned")
)
register_case(m.RackGroup, lambda: _named("rg", site=str(b.site().pk)))
register_case(m.RackRole, lambda: _named("rr", color="ff0000"))
register_case(
    m.Rack,
    lambda: {
        "name": b.unique("rack"),
        "site": str(b.site().pk),
        "status": "active",
        "u_height": 42,
        "type": "4-post-cabinet",
        "width": 19,
    },
)
register_case(
    m.RackReservation,
    lambda: {"rack": str(b.rack().pk), "units": [1, 2], "user": str(b.user().pk), "description": "for a test"},
)
register_case(m.Manufacturer, lambda: _named("mfr"))
register_case(
    m.DeviceType,
    lambda: {
        "manufacturer": str(b.manufacturer().pk),
        "model": b.unique("model"),
        "slug": b.unique("model"),
        "u_height": 1,
    },
)
register_case(m.DeviceRole, lambda: _named("role", color="00ff00"))
register_case(m.Platform, lambda: _named("platform", napalm_driver="eos"))
register_case(
    m.Device,
    lambda: {
        "name": b.unique("device"),
        "device_type": str(b.device_type().pk),
        "device_role": str(b.device_role().pk),
        "site": str(b.site().pk),
        "status": "active",
    },
)
register_case(
    m.VirtualChassis, lambda: {"name": b.unique("vc"), "domain": "example"}, update=lambda: {"domain": "changed"}
)

for template, extra in (
    (m.ConsolePortTemplate, {"type": "rj-45"}),
    (m.ConsoleServerPortTemplate, {"type": "rj-45"}),
    (m.PowerPortTemplate, {"type": "iec-60320-c14", "maximum_draw": 200}),
    (m.PowerOutletTemplate, {"type": "iec-60320-c13", "feed_leg": "A"}),
    (m.InterfaceTemplate, {"type": "1000base-t", "mgmt_only": False}),
    (m.RearPortTemplate, {"type": "8p8c", "positions": 2}),
    (m.DeviceBayTemplate, {}),
):
    register_case(
        template, lambda extra=extra: {"device_type": str(b.device_type().pk), "name": b.unique("tpl"), **extra}
    )


def _front_port_template() -> dict:
    rear = b.rear_port_template()
    return {
        "device_type": str(rear.device_type_id),
        "name": b.unique("front"),
        "type": "8p8c",
        "rear_port": str(rear.pk),
        "rear_port_position": 1,
    }


register_case(m.FrontPortTemplate, _front_port_template)

for component, extra in (
    (m.ConsolePort, {"type": "rj-45"}),
    (m.ConsoleServerPort, {"type": "rj-45"}),
    (m.PowerPort, {"type": "iec-60320-c14"}),
    (m.PowerOutlet, {"type": "iec-60320-c13"}),
    (m.Interface, {"type": "1000base-t", "mtu": 9000, "mac_address": "00:11:22:aa:bb:cc"}),
    (m.RearPort, {"type": "8p8c", "positions": 2}),
    (m.DeviceBay, {}),
    (m.InventoryItem, {"part_id": "X-1", "serial": "S1"}),
):
    register_case(component, lambda extra=extra: {"device": str(b.device().pk), "name": b.unique("c"), **extra})


def _front_port() -> dict:
    rear = b.rear_port()
    return {
        "device": str(rear.device_id),
        "name": b.unique("front"),
        "type": "8p8c",
        "rear_port": str(rear.pk),
        "rear_port_position": 1,
    }


register_case(m.FrontPort, _front_port)


def _cable() -> dict:
    near, far = _interface(), _interface()
    return {
        "termination_a_type": "dcim.interface",
        "termination_a_id": str(near.pk),
        "termination_b_type": "dcim.interface",
        "termination_b_id": str(far.pk),
        "type": "cat6",
        "status": "connected",
        "label": b.unique("cable"),
        "color": "ff0000",
        "length": 3,
        "length_unit": "m",
    }


def _interface():
    return b.interface(device=b.device())


register_case(m.Cable, _cable)
register_case(
    m.PowerPanel,
    lambda: {"site": str(b.site().pk), "name": b.unique("panel")},
    update=lambda: {"name": b.unique("panel")},
)
register_case(
    m.PowerFeed,
    lambda: {
        "power_panel": str(b.power_panel().pk),
        "name": b.unique("feed"),
        "status": "active",
        "type": "primary",
        "supply": "ac",
        "phase": "three-phase",
        "voltage": 208,
        "amperage": 30,
        "max_utilization": 80,
    },
)

register_case(
    m.DeviceRedundancyGroup,
    lambda: _named("drg", status="active", failover_strategy="active-passive", description="firewall pair"),
    update=lambda: {"description": "changed"},
)
register_case(
    m.InterfaceRedundancyGroup,
    lambda: {"name": b.unique("irg"), "status": "active", "protocol": "vrrp", "protocol_group_id": "10"},
    update=lambda: {"protocol_group_id": "20"},
)


def _irg_association() -> dict:
    group = m.InterfaceRedundancyGroup.objects.create(name=b.unique("irg"), status=b.status())
    return {"interface_redundancy_group": str(group.pk), "interface": str(b.interface().pk), "priority": 100}


register_case(m.InterfaceRedundancyGroupAssociation, _irg_association, update=lambda: {"priority": 50})
