"""IPAM through GraphQL: CIDR strings, REST filters as arguments, and devices → interfaces → IP addresses in
the same number of queries for one device or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nautobot.virtualization.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.ipam.tests import builders as ib
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db
NESTED = "{ devices(has_primary_ip: true) { name primary_ip4 { address } interfaces { name ip_addresses { address family vrf { name } status { slug } } } } }"


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_superuser("ipam-graphql", "g@example.com", "pw")
    return TokenClient(Token.objects.create(user=user, write_enabled=False).key)


def data(client, query: str) -> dict:
    response = client.post("/api/graphql/", {"query": query})
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def device_with_addresses(index: int):
    device = b.device()
    vrf = ib.vrf()
    for n in range(3):
        interface = b.interface(device=device, name=f"eth{n}")
        ip = ib.ip_address(f"10.{index}.{n}.1/24", interface=interface, vrf=vrf)
        ib.ip_address(f"2001:db8:{index}:{n}::1/64", interface=interface)
    device.primary_ip4 = ip
    device.save()
    return device


def test_prefixes_and_addresses_are_strings_and_filters_apply(reader):
    ib.prefix("10.0.0.0/8")
    ib.prefix("10.1.0.0/16")
    ib.prefix("192.168.0.0/16")
    found = data(
        reader, '{ prefixes(within_include: ["10.0.0.0/8"]) { prefix family network broadcast prefix_length } }'
    )
    assert found["prefixes"] == [
        {"prefix": "10.0.0.0/8", "family": 4, "network": "10.0.0.0", "broadcast": "10.255.255.255", "prefix_length": 8},
        {"prefix": "10.1.0.0/16", "family": 4, "network": "10.1.0.0", "broadcast": "10.1.255.255", "prefix_length": 16},
    ]
    device_with_addresses(1)
    found = data(
        reader,
        '{ ip_addresses(parent: ["10.1.0.0/16"], family: ["4"]) { address interface { name device { name } } } }',
    )
    assert [a["address"] for a in found["ip_addresses"]] == ["10.1.0.1/24", "10.1.1.1/24", "10.1.2.1/24"]
    assert found["ip_addresses"][0]["interface"]["name"] == "eth0"


def test_devices_interfaces_addresses_cost_the_same_queries_for_one_device_or_five(reader):
    device_with_addresses(1)
    data(reader, NESTED)  # warm: a process's first query reads the custom field definitions
    with CaptureQueriesContext(connection) as one:
        first = data(reader, NESTED)
    assert len(first["devices"][0]["interfaces"]) == 3
    assert len(first["devices"][0]["interfaces"][0]["ip_addresses"]) == 2
    assert first["devices"][0]["primary_ip4"] == {"address": "10.1.2.1/24"}
    for index in range(2, 6):
        device_with_addresses(index)
    with CaptureQueriesContext(connection) as five:
        many = data(reader, NESTED)
    assert len(many["devices"]) == 5
    assert len(five) == len(one), "\n".join(q["sql"] for q in five.captured_queries)


ASSIGNED = """{ ip_addresses { address
  assigned_object { __typename
    ... on InterfaceType { name device { name } }
    ... on VMInterfaceType { name virtual_machine { name } } }
  interface { name } vminterface { name } } }"""


def test_assigned_object_is_a_union_of_interface_and_vm_interface_in_constant_queries(reader):
    def add(index: int) -> None:
        interface = b.interface(device=b.device(name=f"dev{index}"), name=f"eth{index}")
        ib.ip_address(f"10.9.{index}.1/24", interface=interface)
        vm_interface = b.vm_interface(virtual_machine=b.virtual_machine(name=f"vm{index}"), name=f"veth{index}")
        ib.ip_address(f"10.9.{index}.2/24", vminterface=vm_interface)
        ib.ip_address(f"10.9.{index}.3/24")

    add(1)
    data(reader, ASSIGNED)  # warm: a process's first query reads the custom field definitions
    with CaptureQueriesContext(connection) as one:
        found = data(reader, ASSIGNED)["ip_addresses"]
    assert found == [
        {
            "address": "10.9.1.1/24",
            "assigned_object": {"__typename": "InterfaceType", "name": "eth1", "device": {"name": "dev1"}},
            "interface": {"name": "eth1"},
            "vminterface": None,
        },
        {
            "address": "10.9.1.2/24",
            "assigned_object": {"__typename": "VMInterfaceType", "name": "veth1", "virtual_machine": {"name": "vm1"}},
            "interface": None,
            "vminterface": {"name": "veth1"},
        },
        {"address": "10.9.1.3/24", "assigned_object": None, "interface": None, "vminterface": None},
    ]
    for index in range(2, 5):
        add(index)
    with CaptureQueriesContext(connection) as four:
        assert len(data(reader, ASSIGNED)["ip_addresses"]) == 12
    assert len(four) == len(one), "\n".join(q["sql"] for q in four.captured_queries)


NAT_OUTSIDE = (
    '{ ip_addresses(parent: ["10.8.0.0/16"]) { address nat_outside { address } nat_outside_list { address } } }'
)


def test_nat_outside_is_one_object_or_null_beside_the_list_in_constant_queries(reader):
    # As the original 1.x GraphQL: `nat_outside` is an IPAddressType (not a list), `nat_outside_list` the list.
    def add(index: int) -> None:
        inside = ib.ip_address(f"10.8.{index}.1/24")
        ib.ip_address(f"203.0.113.{index}/32", nat_inside=inside)
        ib.ip_address(f"10.8.{index}.2/24")

    add(1)
    data(reader, NAT_OUTSIDE)  # warm: a process's first query reads the custom field definitions
    with CaptureQueriesContext(connection) as one:
        found = data(reader, NAT_OUTSIDE)["ip_addresses"]
    assert found == [
        {
            "address": "10.8.1.1/24",
            "nat_outside": {"address": "203.0.113.1/32"},
            "nat_outside_list": [{"address": "203.0.113.1/32"}],
        },
        {"address": "10.8.1.2/24", "nat_outside": None, "nat_outside_list": []},
    ]
    for index in range(2, 5):
        add(index)
    with CaptureQueriesContext(connection) as four:
        assert len(data(reader, NAT_OUTSIDE)["ip_addresses"]) == 8
    assert len(four) == len(one), "\n".join(q["sql"] for q in four.captured_queries)


def test_nat_outside_of_an_address_with_several_is_a_field_error_and_the_list_has_them_all(reader):
    inside = ib.ip_address("10.7.0.1/24")
    ib.ip_address("203.0.113.71/32", nat_inside=inside)
    ib.ip_address("203.0.113.72/32", nat_inside=inside)
    query = f'{{ ip_address(id: "{inside.pk}") {{ address nat_outside_list {{ address }} }} }}'
    assert data(reader, query)["ip_address"]["nat_outside_list"] == [
        {"address": "203.0.113.71/32"},
        {"address": "203.0.113.72/32"},
    ]
    single = f'{{ ip_address(id: "{inside.pk}") {{ nat_outside {{ address }} }} }}'
    body = reader.post("/api/graphql/", {"query": single}).json()
    assert body["data"] == {"ip_address": {"nat_outside": None}}
    assert "nat_outside_list" in body["errors"][0]["message"]
    assert body["errors"][0]["path"] == ["ip_address", "nat_outside"]


def test_nat_outside_is_not_shown_without_permission_to_view_it(django_user_model):
    user = django_user_model.objects.create_user("ipam-limited", "l@example.com", "pw")
    grant = ObjectPermission.objects.create(name="inside only", actions=["view"], constraints={"dns_name": "inside"})
    grant.object_types.add(b.content_type("ipam.ipaddress"))
    grant.users.add(user)
    inside = ib.ip_address("10.6.0.1/24", dns_name="inside")
    ib.ip_address("203.0.113.61/32", nat_inside=inside)
    client = TokenClient(Token.objects.create(user=user, write_enabled=False).key)
    assert data(client, NAT_OUTSIDE.replace("10.8.0.0/16", "10.6.0.0/16"))["ip_addresses"] == [
        {"address": "10.6.0.1/24", "nat_outside": None, "nat_outside_list": []}
    ]
