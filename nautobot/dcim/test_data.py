"""DCIM's part of `nautobot-server generate_test_data`: regions, sites (one per 50 devices) with racks, device
types with their component templates, devices (2 core switches and a router per site, then access switches and
servers) with their components, and cabling: every access switch to both core switches, every server to an access
switch. Paths are traced by `trace_paths` after every app has run."""

from django.contrib.contenttypes.models import ContentType

from nautobot.dcim.models import (
    Cable,
    ConsolePortTemplate,
    Device,
    DeviceRole,
    DeviceType,
    Interface,
    InterfaceTemplate,
    Manufacturer,
    Platform,
    PowerPortTemplate,
    Rack,
    Region,
    Site,
)
from nautobot.dcim.services import devices_instantiate_components
from nautobot.extras.statuses.models import Status

REGIONS = {"Europe": ("fr", "de", "nl"), "North America": ("us", "ca"), "Asia Pacific": ("sg", "jp", "au")}
# role slug, colour, device type slug, interfaces (name pattern, count, type), share of the devices
TYPES = {
    "core": ("Arista", "dcs-7280", 32, "40gbase-x-qsfpp", 1),
    "router": ("Juniper", "mx204", 8, "10gbase-x-sfpp", 1),
    "access": ("Cisco", "c9300-48t", 48, "1000base-t", 1),
    "server": ("Dell", "r650", 2, "10gbase-t", 2),
}
ROLE_COLOURS = {"core": "f44336", "router": "3f51b5", "access": "4caf50", "server": "9e9e9e"}
UPLINKS = 4  # the last ports of an access switch: two go to the core switches
DEVICES_PER_SITE = 50
DEVICES_PER_RACK = 20


def generate(dataset) -> None:
    rng, made = dataset.rng, dataset.made
    active = Status.objects.using(dataset.using).get(slug="active")
    tenants = made.get("tenancy.tenant", [])

    regions = dataset.bulk(Region, [Region(name=n, slug=n.lower().replace(" ", "-")) for n in REGIONS])
    countries = dataset.bulk(
        Region,
        [Region(name=c.upper(), slug=c, parent=r) for r in regions for c in REGIONS[r.name]],
    )
    site_count = max(1, -(-dataset.devices // DEVICES_PER_SITE))
    sites = dataset.bulk(
        Site,
        [
            Site(
                name=f"Site {i:03}",
                slug=f"site-{i:03}",
                status=active,
                region=countries[i % len(countries)],
                tenant=rng.choice(tenants) if tenants else None,
                facility=f"DC{i:03}",
                time_zone="UTC",
            )
            for i in range(1, site_count + 1)
        ],
    )

    vendors = sorted({t[0] for t in TYPES.values()})
    made_vendors = dataset.bulk(Manufacturer, [Manufacturer(name=n, slug=n.lower()) for n in vendors])
    manufacturers = dict(zip(vendors, made_vendors, strict=True))
    types = dict(
        zip(
            TYPES,
            dataset.bulk(
                DeviceType,
                [
                    DeviceType(manufacturer=manufacturers[vendor], model=model.upper(), slug=model, u_height=1)
                    for vendor, model, *_ in TYPES.values()
                ],
            ),
            strict=True,
        )
    )
    interface_templates = []
    for role, (_vendor, _model, ports, kind, _share) in TYPES.items():
        device_type = types[role]
        interface_templates.append(
            InterfaceTemplate(device_type=device_type, name="mgmt0", type="1000base-t", mgmt_only=True)
        )
        interface_templates.extend(
            InterfaceTemplate(device_type=device_type, name=f"Ethernet1/{n}", type=kind) for n in range(1, ports + 1)
        )
    dataset.bulk(InterfaceTemplate, interface_templates)
    dataset.bulk(
        ConsolePortTemplate, [ConsolePortTemplate(device_type=t, name="console", type="rj-45") for t in types.values()]
    )
    dataset.bulk(
        PowerPortTemplate,
        [
            PowerPortTemplate(device_type=t, name=f"PSU{n}", type="iec-60320-c14")
            for t in types.values()
            for n in (1, 2)
        ],
    )
    roles = dict(
        zip(
            TYPES,
            dataset.bulk(DeviceRole, [DeviceRole(name=r.capitalize(), slug=r, color=ROLE_COLOURS[r]) for r in TYPES]),
            strict=True,
        )
    )
    platforms = dataset.bulk(
        Platform,
        [
            Platform(name="Arista EOS", slug="eos", napalm_driver="eos", network_driver="arista_eos"),
            Platform(name="Cisco IOS-XE", slug="ios", napalm_driver="ios", network_driver="cisco_ios"),
            Platform(name="Juniper Junos", slug="junos", napalm_driver="junos", network_driver="juniper_junos"),
            Platform(name="Linux", slug="linux"),
        ],
    )
    platform_of = {"core": platforms[0], "access": platforms[1], "router": platforms[2], "server": platforms[3]}

    # Who goes where: per site 2 core switches and a router, then access switches and servers 1:2.
    plan = []
    for index in range(dataset.devices):
        site = sites[index // DEVICES_PER_SITE]
        slot = index % DEVICES_PER_SITE
        role = ("core", "core", "router")[slot] if slot < 3 else ("access" if slot % 3 == 0 else "server")
        plan.append((site, slot, role))
    racks = {}
    rack_rows = []
    for site, slot, _role in plan:
        key = (site.pk, slot // DEVICES_PER_RACK)
        if key not in racks:
            racks[key] = Rack(
                name=f"{site.slug}-r{slot // DEVICES_PER_RACK + 1:02}", site=site, status=active, u_height=42
            )
            rack_rows.append(racks[key])
    dataset.bulk(Rack, rack_rows)
    counters: dict = {}
    devices = []
    for site, slot, role in plan:
        counters[(site.pk, role)] = counters.get((site.pk, role), 0) + 1
        devices.append(
            Device(
                name=f"{site.slug}-{role}-{counters[(site.pk, role)]:02}",
                site=site,
                rack=racks[(site.pk, slot // DEVICES_PER_RACK)],
                position=slot % DEVICES_PER_RACK * 2 + 1,
                face="front",
                device_type=types[role],
                device_role=roles[role],
                platform=platform_of[role],
                status=active,
                tenant=site.tenant,
                serial=f"SN{rng.randrange(16**10):010X}",
            )
        )
    devices = dataset.bulk(Device, devices)
    devices_instantiate_components(devices=devices)
    _cable(dataset, devices, plan)


def _cable(dataset, devices, plan) -> None:
    """Access switches' last two ports to the two core switches of their site; each server's first port to the
    next free port of an access switch of its site."""
    connected = Status.objects.using(dataset.using).get(slug="connected")
    interfaces = {}
    for interface in Interface.objects.using(dataset.using).filter(device__in=devices).only("pk", "device_id", "name"):
        interfaces[(interface.device_id, interface.name)] = interface
    by_site: dict = {}
    for device, (site, _slot, role) in zip(devices, plan, strict=True):
        by_site.setdefault(site.pk, {}).setdefault(role, []).append(device)
    pairs = []
    for members in by_site.values():
        cores, access, servers = members.get("core", []), members.get("access", []), members.get("server", [])
        for k, switch in enumerate(access[: TYPES["core"][2]]):  # one core port per access switch
            for n, core in enumerate(cores):
                uplink = interfaces[(switch.pk, f"Ethernet1/{TYPES['access'][2] - n}")]
                pairs.append((uplink, interfaces[(core.pk, f"Ethernet1/{k + 1}")]))
        free = {switch.pk: 1 for switch in access}
        for n, server in enumerate(servers):
            if not access:
                break
            switch = access[n % len(access)]
            if free[switch.pk] > TYPES["access"][2] - UPLINKS:
                continue
            port = interfaces[(switch.pk, f"Ethernet1/{free[switch.pk]}")]
            free[switch.pk] += 1
            pairs.append((interfaces[(server.pk, "Ethernet1/1")], port))
    interface_type = ContentType.objects.db_manager(dataset.using).get_for_model(Interface)
    cables = dataset.bulk(
        Cable,
        [
            Cable(
                termination_a_type=interface_type,
                termination_a_id=a.pk,
                termination_b_type=interface_type,
                termination_b_id=b.pk,
                _termination_a_device_id=a.device_id,
                _termination_b_device_id=b.device_id,
                status=connected,
                type="cat6",
            )
            for a, b in pairs
        ],
    )
    ends = []
    for cable, (a, b) in zip(cables, pairs, strict=True):
        a.cable, b.cable = cable, cable
        ends += [a, b]
    Interface.objects.using(dataset.using).bulk_update(ends, ["cable"], batch_size=1000)
