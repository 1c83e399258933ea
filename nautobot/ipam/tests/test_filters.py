"""Network filters compare stored bytes: within, within_include, contains, parent, address, mask_length, family."""

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.ipam.tests import builders as ib

pytestmark = pytest.mark.django_db


def prefixes(admin, **params) -> list[str]:
    response = admin.get("/api/ipam/prefixes/", limit=0, **params)
    assert response.status_code == 200, response.content
    return [p["prefix"] for p in response.json()["results"]]


def addresses(admin, **params) -> list[str]:
    response = admin.get("/api/ipam/ip-addresses/", limit=0, **params)
    assert response.status_code == 200, response.content
    return [p["address"] for p in response.json()["results"]]


@pytest.fixture
def tree():
    for network in (
        "10.0.0.0/8",
        "10.1.0.0/16",
        "10.1.2.0/24",
        "10.1.2.128/25",
        "10.2.0.0/16",
        "11.0.0.0/8",
        "9.255.255.0/24",
        "2001:db8::/32",
        "2001:db8:1::/48",
        "128.0.0.0/1",
    ):
        ib.prefix(network)


def test_within_and_within_include(admin, tree):
    assert prefixes(admin, within="10.1.0.0/16") == ["10.1.2.0/24", "10.1.2.128/25"]
    assert prefixes(admin, within_include="10.1.0.0/16") == ["10.1.0.0/16", "10.1.2.0/24", "10.1.2.128/25"]
    assert prefixes(admin, within="2001:db8::/32") == ["2001:db8:1::/48"]
    assert prefixes(admin, within=["10.1.0.0/16", "10.2.0.0/15"]) == ["10.1.2.0/24", "10.1.2.128/25", "10.2.0.0/16"]


def test_contains_takes_addresses_and_networks(admin, tree):
    assert prefixes(admin, contains="10.1.2.200") == ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.128/25"]
    assert prefixes(admin, contains="10.1.2.0/24") == ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"]
    assert prefixes(admin, contains="200.1.1.1") == ["128.0.0.0/1"]  # high bytes compare unsigned
    assert prefixes(admin, contains="2001:db8:1::5") == ["2001:db8::/32", "2001:db8:1::/48"]


def test_exact_prefix_mask_length_and_family(admin, tree):
    assert prefixes(admin, prefix=["10.1.0.0/16", "11.0.0.0/8"]) == ["10.1.0.0/16", "11.0.0.0/8"]
    assert prefixes(admin, mask_length=8) == ["10.0.0.0/8", "11.0.0.0/8"]
    assert prefixes(admin, mask_length__gte=25, family=4) == ["10.1.2.128/25"]
    assert prefixes(admin, family=6) == ["2001:db8::/32", "2001:db8:1::/48"]


def test_ordering_is_numeric_by_version(admin, tree):
    assert prefixes(admin)[:3] == ["9.255.255.0/24", "10.0.0.0/8", "10.1.0.0/16"]
    assert prefixes(admin)[-3:] == ["128.0.0.0/1", "2001:db8::/32", "2001:db8:1::/48"]


def test_search_finds_containing_networks(admin, tree):
    assert prefixes(admin, q="10.2.3.4") == ["10.0.0.0/8", "10.2.0.0/16"]


@pytest.mark.parametrize("param", ["within", "within_include", "contains", "prefix"])
def test_bad_network_values_are_a_400_naming_the_parameter(admin, param):
    response = admin.get("/api/ipam/prefixes/", **{param: "10.0.0.999/8"})
    assert response.status_code == 400 and param in response.json()


def test_ip_parent_address_and_assignment_filters(admin):
    vrf = ib.vrf()
    interface = b.interface(device=b.device(name="edge1"))
    ib.ip_address("10.0.0.1/24", interface=interface)
    ib.ip_address("10.0.0.1/32", vrf=vrf)
    ib.ip_address("10.0.1.1/24")
    ib.ip_address("2001:db8::1/64")
    assert addresses(admin, parent="10.0.0.0/24") == ["10.0.0.1/24", "10.0.0.1/32"]
    assert addresses(admin, parent=["10.0.0.0/24", "10.0.1.0/24"]) == ["10.0.0.1/24", "10.0.0.1/32", "10.0.1.1/24"]
    assert addresses(admin, address="10.0.0.1") == ["10.0.0.1/24", "10.0.0.1/32"]
    assert addresses(admin, address=["10.0.0.1/32", "2001:db8::1/64"]) == ["10.0.0.1/32", "2001:db8::1/64"]
    assert addresses(admin, mask_length=64) == ["2001:db8::1/64"]
    assert addresses(admin, family=6) == ["2001:db8::1/64"]
    assert addresses(admin, vrf=vrf.rd) == ["10.0.0.1/32"]
    assert addresses(admin, vrf_id=str(vrf.pk)) == ["10.0.0.1/32"]
    assert addresses(admin, vrf="null") == ["10.0.0.1/24", "10.0.1.1/24", "2001:db8::1/64"]
    assert addresses(admin, device="edge1") == ["10.0.0.1/24"]
    assert addresses(admin, interface_id=str(interface.pk)) == ["10.0.0.1/24"]
    assert addresses(admin, assigned_to_interface="True") == ["10.0.0.1/24"]
    assert len(addresses(admin, assigned_to_interface="false")) == 3
    assert addresses(admin, q="10.0.1") == ["10.0.1.1/24"]
    assert admin.get("/api/ipam/ip-addresses/", address="10.0.0.1/99").status_code == 400


def test_present_in_vrf_follows_route_targets(admin):
    rt = ib.route_target()
    importer, exporter, other = ib.vrf(), ib.vrf(), ib.vrf()
    importer.import_targets.add(rt)
    exporter.export_targets.add(rt)
    ib.prefix("10.10.0.0/24", vrf=importer)
    ib.prefix("10.20.0.0/24", vrf=exporter)
    ib.prefix("10.30.0.0/24", vrf=other)
    assert set(prefixes(admin, present_in_vrf_id=str(importer.pk))) == {"10.10.0.0/24", "10.20.0.0/24"}
    assert set(prefixes(admin, present_in_vrf=importer.rd)) == {"10.10.0.0/24", "10.20.0.0/24"}
    assert prefixes(admin, present_in_vrf_id=str(other.pk)) == ["10.30.0.0/24"]


def test_vlans_available_on_device_are_global_ones_and_those_of_its_site(admin):
    site, other_site = b.site(), b.site()
    device = b.device(site=site)
    global_vlan = ib.vlan()
    site_vlan = ib.vlan(site=site)
    grouped_vlan = ib.vlan(site=site, group=ib.vlan_group(site=site))
    ib.vlan(site=other_site)
    ib.vlan(site=other_site, group=ib.vlan_group(site=other_site))

    def vlans(**params):
        response = admin.get("/api/ipam/vlans/", limit=0, **params)
        assert response.status_code == 200, response.content
        return {v["id"] for v in response.json()["results"]}

    assert vlans(available_on_device=device.pk) == {str(v.pk) for v in (global_vlan, site_vlan, grouped_vlan)}
    assert vlans(available_on_device="00000000-0000-0000-0000-000000000000") == set()
    response = admin.get("/api/ipam/vlans/", available_on_device="not-a-uuid")
    assert response.status_code == 400 and "available_on_device" in response.json()
