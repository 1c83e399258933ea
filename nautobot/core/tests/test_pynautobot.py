"""The real client, pynautobot 1.5.5, against a real `nautobot-server start` on PostgreSQL."""

import pynautobot
import pytest

from nautobot.core.testing.processes import ADMIN_TOKEN

pytestmark = pytest.mark.slow
TOKEN = ADMIN_TOKEN


@pytest.fixture
def server(api_server):
    return api_server


def test_pynautobot_crud_filters_and_pagination(server):
    nb = pynautobot.api(server, token=TOKEN)
    assert nb.version == "1.2"
    assert nb.status()["nautobot-version"]

    region = nb.dcim.regions.create(name="Europe", slug="europe")
    site = nb.dcim.sites.create(name="Paris 1", slug="par1", status="active", region=region.id)
    assert str(site) == "Paris 1" and site.status.value == "active" and site.region.id == region.id
    assert nb.dcim.sites.get(slug="par1").id == site.id
    assert nb.dcim.sites.get(slug="missing") is None
    assert [s.name for s in nb.dcim.sites.filter(region="europe")] == ["Paris 1"]
    assert nb.dcim.sites.count(status="active") == 1

    site.description = "first floor"
    assert site.save() is True
    assert nb.dcim.sites.get(site.id).description == "first floor"
    assert nb.dcim.sites.update(id=site.id, data={"facility": "DC-1"}) is True
    assert nb.dcim.sites.get(site.id).facility == "DC-1"

    created = nb.dcim.manufacturers.create([{"name": f"vendor-{i:04}", "slug": f"vendor-{i:04}"} for i in range(1100)])
    assert len(created) == 1100
    assert len(list(nb.dcim.manufacturers.all())) == 1100, "pagination past MAX_PAGE_SIZE (1,000)"
    threaded = pynautobot.api(server, token=TOKEN, threading=True)
    assert len({m.id for m in threaded.dcim.manufacturers.all()}) == 1100
    assert len(list(nb.dcim.manufacturers.filter(name__isw="vendor-10"))) == 100

    assert region.delete() is True
    assert nb.dcim.regions.get(slug="europe") is None


def test_pynautobot_choices_devices_and_virtual_chassis(server):
    nb = pynautobot.api(server, token=TOKEN)
    choices = nb.dcim.interfaces.choices()
    assert {"value": "1000base-t", "display": "1000BASE-T (1GE)"} in choices["type"]
    site = nb.dcim.sites.create(name="Lyon", slug="lyon", status="active")
    manufacturer = nb.dcim.manufacturers.create(name="Arista", slug="arista")
    device_type = nb.dcim.device_types.create(manufacturer=manufacturer.id, model="DCS-7050", slug="dcs-7050")
    nb.dcim.interface_templates.create(device_type=device_type.id, name="Ethernet1", type="1000base-t")
    role = nb.dcim.device_roles.create(name="Leaf", slug="leaf")
    leaf1 = nb.dcim.devices.create(
        name="leaf1", device_type=device_type.id, device_role=role.id, site=site.id, status="active"
    )
    interfaces = list(nb.dcim.interfaces.filter(device_id=leaf1.id))
    assert [i.name for i in interfaces] == ["Ethernet1"] and str(interfaces[0].device) == "leaf1"

    chassis = nb.dcim.virtual_chassis.create(name="stack1", master=leaf1.id)
    member = nb.dcim.devices.get(leaf1.id)
    assert member.virtual_chassis.id == chassis.id and member.vc_position == 1

    modern = pynautobot.api(server, token=TOKEN, api_version="1.3")
    tag = modern.extras.tags.create(name="Core", slug="core", content_types=["dcim.device"])
    assert tag.content_types == ["dcim.device"]
    leaf1.tags = [tag.id]
    leaf1.save()
    assert [t.slug for t in nb.dcim.devices.get(leaf1.id).tags] == ["core"]
    assert nb.dcim.devices.count(tag="core") == 1


def test_pynautobot_errors(server):
    nb = pynautobot.api(server, token=TOKEN)
    with pytest.raises(pynautobot.RequestError) as error:
        nb.dcim.sites.create(name="No Status", slug="no-status")
    assert "status" in error.value.error
    with pytest.raises(pynautobot.RequestError):
        pynautobot.api(server, token="f" * 40)


def test_pynautobot_cables_and_trace(server):
    nb = pynautobot.api(server, token=TOKEN)
    site = nb.dcim.sites.create(name="Nice", slug="nice", status="active")
    manufacturer = nb.dcim.manufacturers.create(name="Juniper", slug="juniper")
    device_type = nb.dcim.device_types.create(manufacturer=manufacturer.id, model="QFX", slug="qfx")
    role = nb.dcim.device_roles.create(name="Spine", slug="spine")
    a, z = (
        nb.dcim.devices.create(
            name=name, device_type=device_type.id, device_role=role.id, site=site.id, status="active"
        )
        for name in ("spine1", "spine2")
    )
    ifaces = [nb.dcim.interfaces.create(device=d.id, name="xe-0/0/0", type="10gbase-x-sfpp") for d in (a, z)]
    cable = nb.dcim.cables.create(
        termination_a_type="dcim.interface",
        termination_a_id=ifaces[0].id,
        termination_b_type="dcim.interface",
        termination_b_id=ifaces[1].id,
        status="connected",
    )
    assert nb.dcim.cables.get(termination_a_id=ifaces[0].id).id == cable.id
    near = nb.dcim.interfaces.get(ifaces[0].id)
    assert near.cable.id == cable.id and near.connected_endpoint.id == ifaces[1].id
    trace = near.trace()
    assert len(trace) == 1
    first, middle, last = trace[0]
    assert first.id == ifaces[0].id and middle.id == cable.id and last.id == ifaces[1].id
    assert {i.id for i in nb.dcim.interfaces.filter(cabled=True)} == {i.id for i in ifaces}


def test_pynautobot_circuits_and_virtual_machines(server):
    nb = pynautobot.api(server, token=TOKEN)
    site = nb.dcim.sites.create(name="Lille", slug="lille", status="active")
    provider = nb.circuits.providers.create(name="Telco", slug="telco", asn=65010)
    circuit_type = nb.circuits.circuit_types.create(name="Transit", slug="transit")
    circuit = nb.circuits.circuits.create(cid="CID-1", provider=provider.id, type=circuit_type.id, status="active")
    assert str(circuit) == "CID-1"
    term_a, term_z = (
        nb.circuits.circuit_terminations.create(circuit=circuit.id, term_side=side, site=site.id, port_speed=1000000)
        for side in ("A", "Z")
    )
    assert str(term_a) == "CID-1"
    assert nb.circuits.circuits.get(circuit.id).termination_a.id == term_a.id
    manufacturer = nb.dcim.manufacturers.create(name="Cisco", slug="cisco")
    device_type = nb.dcim.device_types.create(manufacturer=manufacturer.id, model="ASR", slug="asr")
    role = nb.dcim.device_roles.create(name="Edge", slug="edge")
    x, y = (
        nb.dcim.interfaces.create(
            device=nb.dcim.devices.create(
                name=name, device_type=device_type.id, device_role=role.id, site=site.id, status="active"
            ).id,
            name="ge-0/0/0",
            type="1000base-t",
        )
        for name in ("edge1", "edge2")
    )
    near = nb.dcim.cables.create(
        termination_a_type="dcim.interface",
        termination_a_id=x.id,
        termination_b_type="circuits.circuittermination",
        termination_b_id=term_a.id,
        status="connected",
    )
    far = nb.dcim.cables.create(
        termination_a_type="circuits.circuittermination",
        termination_a_id=term_z.id,
        termination_b_type="dcim.interface",
        termination_b_id=y.id,
        status="connected",
    )
    trace = nb.dcim.interfaces.get(x.id).trace()
    assert [[hop.id for hop in segment] for segment in trace] == [[x.id, near.id, term_a.id], [term_z.id, far.id, y.id]]
    assert nb.dcim.interfaces.get(x.id).connected_endpoint.id == y.id
    assert nb.circuits.circuit_terminations.count(cabled=True) == 2

    cluster_type = nb.virtualization.cluster_types.create(name="VMware", slug="vmware")
    cluster = nb.virtualization.clusters.create(name="cluster1", type=cluster_type.id, site=site.id)
    vm = nb.virtualization.virtual_machines.create(
        name="vm1", cluster=cluster.id, status="active", vcpus=2, memory=4096, local_context_data={"ntp": "10.0.0.1"}
    )
    interface = nb.virtualization.interfaces.create(virtual_machine=vm.id, name="eth0")
    ip = nb.ipam.ip_addresses.create(
        address="192.0.2.5/24",
        status="active",
        assigned_object_type="virtualization.vminterface",
        assigned_object_id=interface.id,
    )
    vm.primary_ip4 = ip.id
    assert vm.save() is True
    fetched = nb.virtualization.virtual_machines.get(name="vm1")
    assert fetched.primary_ip4.id == ip.id and fetched.site.id == site.id
    assert fetched.config_context == {"ntp": "10.0.0.1"} and fetched.local_context_data == {"ntp": "10.0.0.1"}
    assert nb.virtualization.clusters.get(cluster.id).virtualmachine_count == 1
    assert [i.name for i in nb.virtualization.interfaces.filter(virtual_machine_id=vm.id)] == ["eth0"]
    assert nb.ipam.ip_addresses.get(virtual_machine_id=vm.id).assigned_object.name == "eth0"


def test_pynautobot_ipam_allocation_filters_and_nat(server):
    nb = pynautobot.api(server, token=TOKEN)
    parent = nb.ipam.prefixes.create(prefix="192.0.2.0/29", status="active")
    assert str(parent) == "192.0.2.0/29" and parent.family.value == 4
    assert [a.address for a in parent.available_ips.list()][:2] == ["192.0.2.1/29", "192.0.2.2/29"]
    one = parent.available_ips.create({"status": "active", "dns_name": "a.example.com"})
    assert one.address == "192.0.2.1/29" and one.dns_name == "a.example.com"
    pair = parent.available_ips.create([{"status": "active"}, {"status": "active"}])
    assert [a.address for a in pair] == ["192.0.2.2/29", "192.0.2.3/29"]
    with pytest.raises(pynautobot.AllocationError):
        parent.available_ips.create([{"status": "active"}] * 4)  # 3 left: 204, nothing created
    assert nb.ipam.ip_addresses.count(parent="192.0.2.0/29") == 3

    container = nb.ipam.prefixes.create(prefix="10.10.0.0/16", status="container")
    child = container.available_prefixes.create({"prefix_length": 24, "status": "active"})
    assert child.prefix == "10.10.0.0/24"
    assert [p.prefix for p in nb.ipam.prefixes.filter(within_include="10.10.0.0/16")] == [
        "10.10.0.0/16",
        "10.10.0.0/24",
    ]
    assert [p.prefix for p in nb.ipam.prefixes.filter(contains="10.10.0.5")] == ["10.10.0.0/16", "10.10.0.0/24"]
    found = nb.ipam.ip_addresses.filter(address=["192.0.2.1", "192.0.2.3/29"])
    assert sorted(a.address for a in found) == ["192.0.2.1/29", "192.0.2.3/29"]

    outside = nb.ipam.ip_addresses.create(address="203.0.113.1/32", status="active", nat_inside=one.id)
    assert nb.ipam.ip_addresses.get(one.id).nat_outside.id == outside.id  # API 1.2: one object
    v13 = pynautobot.api(server, token=TOKEN, api_version="1.3")
    assert [o.id for o in v13.ipam.ip_addresses.get(one.id).nat_outside] == [outside.id]
