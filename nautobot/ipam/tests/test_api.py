"""IPAM wire shapes: CIDR fields, families, interface assignment, versioned NAT, primary IPs, interface VLANs."""

import pytest
from django.core.exceptions import ValidationError

from nautobot.virtualization.tests import builders as b
from nautobot.ipam.tests import builders as ib

pytestmark = pytest.mark.django_db


def test_prefix_shape_normalizes_host_bits_and_nests_brief(admin):
    created = admin.post("/api/ipam/prefixes/", {"prefix": "10.9.8.7/24", "status": "active"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["prefix"] == "10.9.8.0/24" and body["display"] == "10.9.8.0/24"
    assert body["family"] == {"value": 4, "label": "IPv4"}
    assert body["is_pool"] is False and body["vrf"] is None
    brief = admin.get(body["url"], brief=1).json()
    assert brief == {
        "id": body["id"],
        "display": "10.9.8.0/24",
        "url": body["url"],
        "family": 4,
        "prefix": "10.9.8.0/24",
    }


@pytest.mark.parametrize("bad", ["10.0.0.300/24", "not-a-prefix", 12, "10.0.0.0/33"])
def test_prefix_rejects_bad_networks_with_a_field_error(admin, bad):
    response = admin.post("/api/ipam/prefixes/", {"prefix": bad, "status": "active"})
    assert response.status_code == 400
    assert "prefix" in response.json()


def test_zero_length_prefix_is_refused(admin):
    response = admin.post("/api/ipam/prefixes/", {"prefix": "0.0.0.0/0", "status": "active"})
    assert response.status_code == 400 and "/0" in response.json()["prefix"][0]


def test_vrf_enforce_unique_refuses_duplicates_but_global_table_allows_them(admin):
    vrf = ib.vrf(enforce_unique=True)
    assert (
        admin.post("/api/ipam/prefixes/", {"prefix": "10.1.0.0/16", "status": "active", "vrf": str(vrf.pk)}).status_code
        == 201
    )
    duplicate = admin.post("/api/ipam/prefixes/", {"prefix": "10.1.0.0/16", "status": "active", "vrf": str(vrf.pk)})
    assert duplicate.status_code == 400 and "Duplicate prefix" in duplicate.json()["prefix"][0]
    for _ in range(2):
        assert admin.post("/api/ipam/prefixes/", {"prefix": "10.1.0.0/16", "status": "active"}).status_code == 201


def test_overlapping_aggregates_are_refused(admin):
    rir = ib.rir()
    assert admin.post("/api/ipam/aggregates/", {"prefix": "198.51.100.0/24", "rir": str(rir.pk)}).status_code == 201
    inner = admin.post("/api/ipam/aggregates/", {"prefix": "198.51.100.128/25", "rir": str(rir.pk)})
    assert inner.status_code == 400 and "cannot overlap" in inner.json()["prefix"][0]


def test_ip_address_assignment_shape_and_reassignment(admin):
    interface = b.interface(device=b.device())
    created = admin.post(
        "/api/ipam/ip-addresses/",
        {
            "address": "192.0.2.10/24",
            "status": "active",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": str(interface.pk),
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["family"] == {"value": 4, "label": "IPv4"} and body["address"] == "192.0.2.10/24"
    assert body["assigned_object_type"] == "dcim.interface" and body["assigned_object_id"] == str(interface.pk)
    assert body["assigned_object"]["name"] == interface.name
    assert body["assigned_object"]["device"]["name"] == interface.device.name
    unassigned = admin.patch(body["url"], {"assigned_object_type": None, "assigned_object_id": None}).json()
    assert unassigned["assigned_object"] is None and unassigned["assigned_object_type"] is None


def test_ip_address_assignment_errors_are_400(admin):
    missing = admin.post(
        "/api/ipam/ip-addresses/",
        {
            "address": "192.0.2.11/24",
            "status": "active",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": "00000000-0000-0000-0000-000000000000",
        },
    )
    assert missing.status_code == 400 and "assigned_object_id" in missing.json()
    wrong_type = admin.post(
        "/api/ipam/ip-addresses/",
        {
            "address": "192.0.2.12/24",
            "status": "active",
            "assigned_object_type": "dcim.device",
            "assigned_object_id": str(b.device().pk),
        },
    )
    assert wrong_type.status_code == 400 and "assigned_object_type" in wrong_type.json()


def test_nat_outside_is_single_in_1_2_and_a_list_from_1_3(admin, admin_13):
    inside = ib.ip_address("10.0.0.5/24")
    first = ib.ip_address("203.0.113.5/32", nat_inside=inside)
    url = f"/api/ipam/ip-addresses/{inside.pk}/"
    assert admin.get(url).json()["nat_outside"]["id"] == str(first.pk)
    assert [o["id"] for o in admin_13.get(url).json()["nat_outside"]] == [str(first.pk)]
    assert admin.get(f"/api/ipam/ip-addresses/{first.pk}/").json()["nat_outside"] is None
    assert admin.get(f"/api/ipam/ip-addresses/{first.pk}/").json()["nat_inside"]["id"] == str(inside.pk)
    ib.ip_address("203.0.113.6/32", nat_inside=inside)
    too_many = admin.get(url)
    assert too_many.status_code == 412 and "1.3" in too_many.json()["detail"]
    assert len(admin_13.get(url).json()["nat_outside"]) == 2


def test_ip_address_dns_name_and_slaac_validation(admin):
    bad_dns = admin.post(
        "/api/ipam/ip-addresses/", {"address": "192.0.2.20/24", "status": "active", "dns_name": "bad name!"}
    )
    assert bad_dns.status_code == 400 and "dns_name" in bad_dns.json()
    slaac_v4 = admin.post("/api/ipam/ip-addresses/", {"address": "192.0.2.21/24", "status": "slaac"})
    assert slaac_v4.status_code == 400 and "status" in slaac_v4.json()
    assert admin.post("/api/ipam/ip-addresses/", {"address": "2001:db8::21/64", "status": "slaac"}).status_code == 201


def test_device_primary_ips(admin):
    device = b.device()
    interface = b.interface(device=device)
    v4 = ib.ip_address("192.0.2.30/24", interface=interface)
    v6 = ib.ip_address("2001:db8::30/64", interface=interface)
    elsewhere = ib.ip_address("192.0.2.31/24", interface=b.interface(device=b.device()))
    url = f"/api/dcim/devices/{device.pk}/"
    body = admin.patch(url, {"primary_ip4": str(v4.pk)}).json()
    assert body["primary_ip4"]["address"] == "192.0.2.30/24" and body["primary_ip"]["id"] == str(v4.pk)
    body = admin.patch(url, {"primary_ip6": str(v6.pk)}).json()
    assert body["primary_ip"]["id"] == str(v6.pk)  # IPv6 preferred unless PREFER_IPV4
    wrong_family = admin.patch(url, {"primary_ip4": str(v6.pk)})
    assert wrong_family.status_code == 400 and "not an IPv4 address" in wrong_family.json()["primary_ip4"][0]
    not_here = admin.patch(url, {"primary_ip4": str(elsewhere.pk)})
    assert not_here.status_code == 400 and "not assigned to this device" in not_here.json()["primary_ip4"][0]
    moved = admin.patch(
        f"/api/ipam/ip-addresses/{v4.pk}/",
        {"assigned_object_id": str(b.interface(device=b.device()).pk), "assigned_object_type": "dcim.interface"},
    )
    assert moved.status_code == 400 and "primary IP" in str(moved.json())
    nat = ib.ip_address("203.0.113.30/32", nat_inside=v4)
    assert admin.patch(url, {"primary_ip4": str(nat.pk)}).status_code == 200  # NAT outside of an address on the device
    assert admin.get("/api/dcim/devices/", has_primary_ip="true").json()["count"] == 1
    assert admin.delete(f"/api/ipam/ip-addresses/{nat.pk}/").status_code == 204
    assert admin.get(url).json()["primary_ip4"] is None


def test_interface_vlans_follow_the_802_1q_mode(admin):
    device = b.device()
    local, global_vlan, foreign = ib.vlan(site=device.site), ib.vlan(), ib.vlan(site=b.site())
    interface = b.interface(device=device)
    url = f"/api/dcim/interfaces/{interface.pk}/"
    refused = admin.patch(url, {"mode": "access", "tagged_vlans": [str(local.pk)]})
    assert refused.status_code == 400 and "Mode must be set to tagged" in refused.json()["tagged_vlans"][0]
    body = admin.patch(
        url, {"mode": "tagged", "untagged_vlan": str(local.pk), "tagged_vlans": [str(global_vlan.pk)]}
    ).json()
    assert body["untagged_vlan"]["vid"] == local.vid and [v["id"] for v in body["tagged_vlans"]] == [
        str(global_vlan.pk)
    ]
    assert admin.get("/api/dcim/interfaces/", vlan_id=str(global_vlan.pk)).json()["count"] == 1
    assert admin.get("/api/dcim/interfaces/", vlan=str(local.vid)).json()["count"] == 1
    keep_tagged = admin.patch(url, {"mode": "access"})
    assert keep_tagged.status_code == 400 and "Clear tagged_vlans" in keep_tagged.json()["tagged_vlans"][0]
    other_site = admin.patch(url, {"tagged_vlans": [str(foreign.pk)]})
    assert other_site.status_code == 400 and "same site" in other_site.json()["tagged_vlans"][0]
    other_untagged = admin.patch(url, {"untagged_vlan": str(foreign.pk)})
    assert other_untagged.status_code == 400 and "untagged_vlan" in other_untagged.json()
    cleared = admin.patch(url, {"mode": "", "tagged_vlans": []}).json()
    assert cleared["untagged_vlan"] is None and cleared["tagged_vlans"] == [] and cleared["mode"] is None


def test_service_ports_are_validated(admin):
    device = b.device()
    bad = admin.post(
        "/api/ipam/services/", {"device": str(device.pk), "name": "x", "protocol": "tcp", "ports": [0, 70000]}
    )
    assert bad.status_code == 400 and "ports" in bad.json()
    orphan = admin.post("/api/ipam/services/", {"name": "x", "protocol": "tcp", "ports": [22]})
    assert orphan.status_code == 400
    ok = admin.post(
        "/api/ipam/services/", {"device": str(device.pk), "name": "ssh", "protocol": "tcp", "ports": [22, 830]}
    )
    assert ok.status_code == 201 and ok.json()["protocol"] == {"value": "tcp", "label": "TCP"}
    assert admin.get("/api/ipam/services/", port="830").json()["count"] == 1
    assert admin.get("/api/ipam/services/", port="83").json()["count"] == 0


def test_vrf_route_targets_and_vlan_display(admin):
    rt = ib.route_target()
    vrf = admin.post("/api/ipam/vrfs/", {"name": "blue", "rd": "65000:1", "import_targets": [str(rt.pk)]}).json()
    assert vrf["display"] == "blue (65000:1)" and vrf["import_targets"][0]["name"] == rt.name
    assert admin.get("/api/ipam/vrfs/", import_target=rt.name).json()["count"] == 1
    assert admin.get("/api/ipam/route-targets/", importing_vrf_id=vrf["id"]).json()["count"] == 1
    no_rd = [admin.post("/api/ipam/vrfs/", {"name": f"red{i}", "rd": ""}) for i in range(2)]
    assert [r.status_code for r in no_rd] == [201, 201] and no_rd[0].json()["rd"] is None
    vlan = admin.post("/api/ipam/vlans/", {"vid": 42, "name": "users", "status": "active"}).json()
    assert vlan["display"] == "42 (users)"


def test_an_address_has_one_interface_at_most():
    ip = ib.ip_address("192.0.2.52/24", interface=b.interface(device=b.device()))
    ip.vminterface = b.vm_interface()
    with pytest.raises(ValidationError, match="one interface only"):
        ip.full_clean()


def test_interfaces_count_their_ip_addresses_in_every_version_vm_interfaces_do_not(admin, admin_13):
    busy, idle = b.interface(), b.interface()
    ib.ip_address("10.77.0.1/24", interface=busy)
    ib.ip_address("10.77.0.2/24", interface=busy)
    vm_interface = b.vm_interface()
    ib.ip_address("10.77.0.3/24", vminterface=vm_interface)
    for client in (admin, admin_13):
        rows = client.get("/api/dcim/interfaces/", id=[str(busy.pk), str(idle.pk)]).json()["results"]
        assert {r["id"]: r["count_ipaddresses"] for r in rows} == {str(busy.pk): 2, str(idle.pk): 0}
        assert client.get(f"/api/dcim/interfaces/{busy.pk}/").json()["count_ipaddresses"] == 2
        assert "count_ipaddresses" not in client.get(f"/api/dcim/interfaces/{busy.pk}/", brief=1).json()
        vm_body = client.get(f"/api/virtualization/interfaces/{vm_interface.pk}/").json()
        assert "count_ipaddresses" not in vm_body and "ip_addresses" not in vm_body
    post = admin.options("/api/dcim/interfaces/").json()["actions"]["POST"]
    assert post["count_ipaddresses"]["read_only"] is True
