"""`available-prefixes/` and `available-ips/`: listing free space, allocating it, 204 when full, and no
duplicates under concurrent requests (one connection per thread, against the real database)."""

import threading

import pytest
from django.db import connection

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.extras.changelog.models import ObjectChange
from nautobot.ipam.models import IPAddress, Prefix
from nautobot.ipam.tests import builders as ib
from nautobot.users.models import ObjectPermission, Token


def url(prefix, action: str) -> str:
    return f"/api/ipam/prefixes/{prefix.pk}/{action}/"


@pytest.mark.django_db
def test_available_prefixes_lists_free_blocks_and_allocates_first_fit(admin):
    vrf = ib.vrf()
    site = b.site()
    parent = ib.prefix("10.0.0.0/16", vrf=vrf, site=site)
    ib.prefix("10.0.0.0/24", vrf=vrf)
    ib.prefix("10.0.2.0/23", vrf=vrf)
    ib.prefix("10.0.1.0/24")  # another VRF (the global table): not a child
    listed = admin.get(url(parent, "available-prefixes")).json()
    assert [p["prefix"] for p in listed] == [
        "10.0.1.0/24",
        "10.0.4.0/22",
        "10.0.8.0/21",
        "10.0.16.0/20",
        "10.0.32.0/19",
        "10.0.64.0/18",
        "10.0.128.0/17",
    ]
    assert listed[0]["family"] == 4 and listed[0]["vrf"]["id"] == str(vrf.pk)
    one = admin.post(url(parent, "available-prefixes"), {"prefix_length": 24, "description": "first"})
    assert one.status_code == 201, one.content
    body = one.json()
    assert body["prefix"] == "10.0.1.0/24" and body["vrf"]["id"] == str(vrf.pk) and body["site"]["id"] == str(site.pk)
    assert body["description"] == "first" and body["status"]["value"] == "active"
    many = admin.post(
        url(parent, "available-prefixes"), [{"prefix_length": 22}, {"prefix_length": 26, "status": "reserved"}]
    )
    assert many.status_code == 201
    assert [(p["prefix"], p["status"]["value"]) for p in many.json()] == [
        ("10.0.4.0/22", "active"),
        ("10.0.8.0/26", "reserved"),
    ]


@pytest.mark.django_db
def test_available_prefixes_full_or_bad_length(admin):
    parent = ib.prefix("10.5.0.0/24")
    ib.prefix("10.5.0.0/25")
    too_big = admin.post(url(parent, "available-prefixes"), {"prefix_length": 24})
    assert too_big.status_code == 204  # the test client drops a 204's body; the view's data is what is sent
    assert too_big.data == {"detail": "Insufficient space is available to accommodate the requested prefix size(s)"}
    assert admin.post(url(parent, "available-prefixes"), {}).json() == {
        "prefix_length": ["this field can not be missing"]
    }
    assert admin.post(url(parent, "available-prefixes"), {"prefix_length": "24"}).status_code == 400
    assert admin.post(url(parent, "available-prefixes"), {"prefix_length": 33}).json() == {
        "prefix_length": ["Invalid prefix length (33) for IPv4"]
    }
    assert Prefix.objects.count() == 2


@pytest.mark.django_db
def test_available_ips_skips_taken_network_and_broadcast(admin):
    parent = ib.prefix("192.0.2.0/29")
    ib.ip_address("192.0.2.1/29")
    ib.ip_address("192.0.2.3/32", vrf=ib.vrf())  # another VRF: does not take the address here
    listed = admin.get(url(parent, "available-ips")).json()
    assert [a["address"] for a in listed] == [
        "192.0.2.2/29",
        "192.0.2.3/29",
        "192.0.2.4/29",
        "192.0.2.5/29",
        "192.0.2.6/29",
    ]
    assert listed[0] == {"family": 4, "address": "192.0.2.2/29", "vrf": None}
    assert len(admin.get(url(parent, "available-ips"), limit=2).json()) == 2
    single = admin.post(url(parent, "available-ips"), {"dns_name": "a.example.com"})
    assert (
        single.status_code == 201
        and single.json()["address"] == "192.0.2.2/29"
        and single.json()["dns_name"] == "a.example.com"
    )
    change = ObjectChange.objects.get(changed_object_id=single.json()["id"])  # change-logged like any create
    assert change.action == "create" and change.user_name == "ipam-admin"
    listed = admin.post(url(parent, "available-ips"), [{"status": "reserved"}, {}])
    assert [(a["address"], a["status"]["value"]) for a in listed.json()] == [
        ("192.0.2.3/29", "reserved"),
        ("192.0.2.4/29", "active"),
    ]
    full = admin.post(url(parent, "available-ips"), [{}, {}, {}])
    assert full.status_code == 204
    assert full.data == {
        "detail": "An insufficient number of IP addresses are available within the prefix 192.0.2.0/29 (3 requested, 2 available)"
    }
    bad = admin.post(url(parent, "available-ips"), {"status": "no-such-status"})
    assert bad.status_code == 400 and "status" in bad.json()
    assert IPAddress.objects.filter(vrf__isnull=True).count() == 4


@pytest.mark.django_db
def test_pools_slash_31_and_ipv6_use_every_address(admin):
    pool = ib.prefix("192.0.2.8/30", is_pool=True)
    assert [a["address"] for a in admin.get(url(pool, "available-ips")).json()] == [
        f"192.0.2.{i}/30" for i in range(8, 12)
    ]
    p2p = ib.prefix("192.0.2.16/31")
    assert [a["address"] for a in admin.get(url(p2p, "available-ips")).json()] == ["192.0.2.16/31", "192.0.2.17/31"]
    v6 = ib.prefix("2001:db8::/126")
    assert [a["address"] for a in admin.get(url(v6, "available-ips")).json()] == [
        "2001:db8::/126",
        "2001:db8::1/126",
        "2001:db8::2/126",
        "2001:db8::3/126",
    ]


@pytest.mark.django_db
def test_allocation_needs_add_permission_on_what_it_creates(django_user_model):
    user = django_user_model.objects.create_user("allocator", password="pw")
    client = TokenClient(Token.objects.create(user=user).key)
    parent = ib.prefix("192.0.2.0/28")
    grant = ObjectPermission.objects.create(name="view prefixes", actions=["view"])
    grant.object_types.add(b.content_type("ipam.prefix"))
    grant.users.add(user)
    assert client.get(url(parent, "available-ips")).status_code == 200
    assert client.post(url(parent, "available-ips"), {}).status_code == 403
    adder = ObjectPermission.objects.create(name="add ips", actions=["add"], constraints={"dns_name": "ok"})
    adder.object_types.add(b.content_type("ipam.ipaddress"))
    adder.users.add(user)
    assert (
        TokenClient(Token.objects.create(user=user).key)
        .post(url(parent, "available-ips"), {"dns_name": "nope"})
        .status_code
        == 403
    )
    ok = TokenClient(Token.objects.create(user=user).key).post(url(parent, "available-ips"), {"dns_name": "ok"})
    assert ok.status_code == 201 and IPAddress.objects.count() == 1
    reader = TokenClient(Token.objects.create(user=user, write_enabled=False).key)
    assert reader.post(url(parent, "available-ips"), {"dns_name": "ok"}).status_code == 403


def _burst(path: str, bodies: list, key: str) -> list:
    """POST every body at once, one thread and database connection each; return (status, body) pairs."""
    barrier = threading.Barrier(len(bodies))
    results: list = [None] * len(bodies)

    def post(index: int) -> None:
        try:
            client = TokenClient(key)
            barrier.wait()
            response = client.post(path, bodies[index])
            results[index] = (response.status_code, response.json())
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_allocations_get_twenty_distinct_results(django_user_model):
    user = django_user_model.objects.create_superuser("burst", "b@example.com", "pw")
    key = Token.objects.create(user=user).key
    ips_parent = ib.prefix("198.51.100.0/24")
    results = _burst(url(ips_parent, "available-ips"), [{"description": f"t{i}"} for i in range(20)], key)
    assert [status for status, _ in results] == [201] * 20, results
    addresses = {body["address"] for _, body in results}
    assert len(addresses) == 20 and IPAddress.objects.count() == 20
    prefixes_parent = ib.prefix("10.128.0.0/16")
    results = _burst(url(prefixes_parent, "available-prefixes"), [{"prefix_length": 24} for _ in range(20)], key)
    assert [status for status, _ in results] == [201] * 20, results
    assert len({body["prefix"] for _, body in results}) == 20
