"""IPAM's part of `nautobot-server generate_test_data`: an RIR and aggregate, per site a /16 container, a management
/24 (as many as the site needs) and a VLAN group with VLANs; a management address on every device's `mgmt0`, made
its primary IPv4 address."""

import ipaddress

from nautobot.dcim.models import Device, Interface
from nautobot.extras.statuses.models import Status
from nautobot.ipam.models import RIR, VLAN, Aggregate, IPAddress, Prefix, Role, VLANGroup

VLANS = ((10, "users"), (20, "voice"), (30, "servers"), (40, "storage"), (99, "management"))


def generate(dataset) -> None:
    statuses = {s.slug: s for s in Status.objects.using(dataset.using).filter(slug__in=("active", "container"))}
    active, container = statuses["active"], statuses.get("container", statuses["active"])
    rir = dataset.bulk(RIR, [RIR(name="RFC 1918", slug="rfc-1918", is_private=True)])[0]
    dataset.bulk(Aggregate, [Aggregate(prefix="10.0.0.0/8", rir=rir)])
    roles = dataset.bulk(Role, [Role(name="Management", slug="management"), Role(name="Users", slug="users")])
    sites = dataset.made.get("dcim.site", [])
    devices_of: dict = {}
    devices = dataset.made.get("dcim.device", [])
    for device in devices:
        devices_of.setdefault(device.site_id, []).append(device)
    mgmt = {i.device_id: i for i in Interface.objects.using(dataset.using).filter(name="mgmt0", device__in=devices)}
    prefixes, groups, vlans, addresses, owners = [], [], [], [], []
    for n, site in enumerate(sites):
        block = (
            ipaddress.ip_network(f"10.{n % 256}.0.0/16")
            if n < 256
            else ipaddress.ip_network(f"10.{n // 256}.{n % 256}.0/24")
        )
        prefixes.append(Prefix(prefix=str(block), site=site, status=container, tenant=site.tenant))
        group = VLANGroup(name=f"{site.name} VLANs", slug=f"{site.slug}-vlans", site=site)
        groups.append(group)
        vlans.extend(
            VLAN(vid=vid, name=f"{name}-{site.slug}", site=site, group=group, status=active) for vid, name in VLANS
        )
        if block.prefixlen != 16:
            continue
        site_devices = devices_of.get(site.pk, [])
        subnets = block.subnets(new_prefix=24)
        for start in range(0, max(len(site_devices), 1), 250):
            subnet = next(subnets)
            prefixes.append(Prefix(prefix=str(subnet), site=site, status=active, role=roles[0], tenant=site.tenant))
            hosts = subnet.hosts()
            next(hosts)  # .1: the gateway
            for device in site_devices[start : start + 250]:
                if device.pk in mgmt:
                    address = IPAddress(address=f"{next(hosts)}/24", status=active, interface=mgmt[device.pk])
                    address.dns_name = f"{device.name}.example.net"
                    addresses.append(address)
                    owners.append(device)
    dataset.bulk(VLANGroup, groups)
    dataset.bulk(VLAN, vlans)
    dataset.bulk(Prefix, prefixes)
    addresses = dataset.bulk(IPAddress, addresses)
    for address, device in zip(addresses, owners, strict=True):
        device.primary_ip4 = address
    Device.objects.using(dataset.using).bulk_update(owners, ["primary_ip4"], batch_size=1000)
