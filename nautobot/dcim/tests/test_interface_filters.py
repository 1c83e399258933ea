"""Interface and VM interface filters the original 1.x has: kind, virtual chassis, child/member/bridged
interfaces with their `has_` forms, VLANs by VID or UUID, cable; and relation filters taking a UUID."""

import pytest

from nautobot.virtualization.tests import builders as b
from nautobot.dcim.models import VirtualChassis
from nautobot.ipam.tests import builders as ib

pytestmark = pytest.mark.django_db


def names(api, url: str, **params) -> set[str]:
    response = api.get(url, limit=0, **params)
    assert response.status_code == 200, (params, response.content)
    return {r["name"] for r in response.json()["results"]}


IFACES = "/api/dcim/interfaces/"
VM_IFACES = "/api/virtualization/interfaces/"


def test_kind_and_virtual_chassis_filters(api):
    device = b.device()
    b.interface(device=device, name="ge0", type="1000base-t")
    b.interface(device=device, name="lag0", type="lag")
    b.interface(device=device, name="wlan0", type="ieee802.11ac")
    assert names(api, IFACES, device_id=device.pk, kind="physical") == {"ge0"}
    assert names(api, IFACES, device_id=device.pk, kind="virtual") == {"lag0"}
    assert names(api, IFACES, device_id=device.pk, kind="wireless") == {"wlan0"}
    assert names(api, IFACES, device_id=device.pk, kind="nonsense") == set()

    master, member = b.device(), b.device()
    chassis = VirtualChassis.objects.create(name=b.unique("vc"), master=master)
    for position, node in enumerate((master, member), start=1):
        node.virtual_chassis, node.vc_position = chassis, position
        node.save()
    b.interface(device=master, name="m0")
    b.interface(device=member, name="s0")
    assert names(api, IFACES, device_with_common_vc=member.pk) == {"m0", "s0"}
    assert names(api, IFACES, device_with_common_vc=device.pk) == {"ge0", "lag0", "wlan0"}
    assert names(api, IFACES, device_with_common_vc="00000000-0000-0000-0000-000000000000") == set()
    assert api.get(IFACES, device_with_common_vc="x").status_code == 400


def test_device_filter_of_a_virtual_chassis_master_includes_its_members(api):
    master, member, alone = b.device(), b.device(), b.device()
    chassis = VirtualChassis.objects.create(name=b.unique("vc"), master=master)
    for position, node in enumerate((master, member), start=1):
        node.virtual_chassis, node.vc_position = chassis, position
        node.save()
    b.interface(device=master, name="m0")
    b.interface(device=master, name="m-mgmt", mgmt_only=True)
    b.interface(device=member, name="s0")
    b.interface(device=member, name="s-mgmt", mgmt_only=True)
    b.interface(device=alone, name="a0")
    # The master's own interfaces, and the members' that are not management-only (the original's rule).
    assert names(api, IFACES, device_id=master.pk) == {"m0", "m-mgmt", "s0"}
    assert names(api, IFACES, device=master.name) == {"m0", "m-mgmt", "s0"} == names(api, IFACES, device=master.pk)
    assert names(api, IFACES, device_id=member.pk) == {"s0", "s-mgmt"}
    assert names(api, IFACES, device_id=[member.pk, alone.pk]) == {"s0", "s-mgmt", "a0"}
    # Unknown devices match nothing here (not a 400), as the original's.
    assert names(api, IFACES, device_id="00000000-0000-0000-0000-0000000000ff") == set()
    assert names(api, IFACES, device="nope") == set()
    assert api.get(IFACES, device_id="xyz").status_code == 400


def test_child_member_bridged_interfaces_and_has_forms(api):
    device = b.device()
    lag = b.interface(device=device, name="lag1", type="lag")
    parent = b.interface(device=device, name="eth1")
    bridge = b.interface(device=device, name="br1", type="bridge")
    b.interface(device=device, name="eth2", lag=lag, bridge=bridge)
    b.interface(device=device, name="eth1.10", type="virtual", parent_interface=parent)
    scope = {"device_id": device.pk}
    assert names(api, IFACES, **scope, member_interfaces="eth2") == {"lag1"}
    assert names(api, IFACES, **scope, has_member_interfaces=True) == {"lag1"}
    assert names(api, IFACES, **scope, child_interfaces="eth1.10") == {"eth1"}
    assert names(api, IFACES, **scope, has_child_interfaces="true") == {"eth1"}
    assert names(api, IFACES, **scope, bridged_interfaces_id=device.interfaces.get(name="eth2").pk) == {"br1"}
    assert names(api, IFACES, **scope, has_bridged_interfaces=False) == {"lag1", "eth1", "eth2", "eth1.10"}
    # A relation filter takes the related object's natural key or its UUID.
    assert names(api, IFACES, **scope, lag=lag.pk) == {"eth2"} == names(api, IFACES, **scope, lag="lag1")
    assert names(api, IFACES, device=device.pk) == {"lag1", "eth1", "br1", "eth2", "eth1.10"}


def test_vlans_by_vid_or_uuid_and_cable(api):
    device = b.device()
    vlan10, vlan20 = ib.vlan(vid=10), ib.vlan(vid=20)
    access = b.interface(device=device, name="access", mode="access", untagged_vlan=vlan10)
    trunk = b.interface(device=device, name="trunk", mode="tagged")
    trunk.tagged_vlans.set([vlan10, vlan20])
    idle = b.interface(device=device, name="idle")
    scope = {"device_id": device.pk}
    assert names(api, IFACES, **scope, untagged_vlan=10) == {"access"}
    assert names(api, IFACES, **scope, untagged_vlan=vlan10.pk) == {"access"}
    assert names(api, IFACES, **scope, tagged_vlans=[10, 20]) == {"trunk"}
    assert names(api, IFACES, **scope, tagged_vlans=vlan20.pk) == {"trunk"}
    assert names(api, IFACES, **scope, has_tagged_vlans=True) == {"trunk"}
    assert names(api, IFACES, **scope, has_tagged_vlans=False) == {"access", "idle"}
    response = api.get(IFACES, untagged_vlan="ten")
    assert response.status_code == 400 and "untagged_vlan" in response.json()
    cable = b.cable(access, b.interface())
    assert names(api, IFACES, **scope, cable=cable.pk) == {"access"}
    assert names(api, IFACES, **scope, cable_id=cable.pk) == {"access"}
    assert idle.name in names(api, IFACES, **scope, cable="null")


def test_vm_interface_filters(api):
    vm = b.virtual_machine()
    vlan = ib.vlan(vid=30)
    parent = b.vm_interface(virtual_machine=vm, name="veth0", mode="tagged")
    parent.tagged_vlans.set([vlan])
    b.vm_interface(virtual_machine=vm, name="veth0.5", parent_interface=parent, untagged_vlan=vlan, mode="access")
    ib.ip_address("10.66.0.1/24", vminterface=parent)
    scope = {"virtual_machine_id": vm.pk}
    assert names(api, VM_IFACES, **scope, has_ip_addresses=True) == {"veth0"}
    assert names(api, VM_IFACES, **scope, has_ip_addresses=False) == {"veth0.5"}
    assert names(api, VM_IFACES, **scope, has_child_interfaces=True) == {"veth0"}
    assert names(api, VM_IFACES, **scope, child_interfaces="veth0.5") == {"veth0"}
    assert names(api, VM_IFACES, **scope, untagged_vlan=30) == {"veth0.5"}
    assert names(api, VM_IFACES, **scope, tagged_vlans=vlan.pk, has_tagged_vlans=True) == {"veth0"}
    assert names(api, VM_IFACES, virtual_machine=vm.pk) == {"veth0", "veth0.5"}
