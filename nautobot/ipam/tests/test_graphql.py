"""IPAM through GraphQL: CIDR strings, REST filters as arguments, and devices → interfaces → IP addresses in
the same number of queries for one device or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nautobot.core.testing import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.ipam.tests import builders as ib
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db
NESTED = '{ devices(has_primary_ip: ["true"]) { name primary_ip4 { address } interfaces { name ip_addresses { address family vrf { name } status { slug } } } } }'


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
