"""IPAM pages of the web UI: utilization, the prefix tree with free blocks, a prefix's addresses with free ranges,
an aggregate's prefixes; constant queries whatever the number of children."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nautobot.dcim.tests import builders as b
from nautobot.ipam.models import IPAddress, Prefix
from nautobot.ipam.tests import builders as ib

pytestmark = pytest.mark.django_db


@pytest.fixture
def ui(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("ipam-ui", "u@example.com", "pw"))
    return client


def _rows(response) -> list[tuple]:
    """(kind, text, depth) of each row of a tree or address tab."""
    return [
        ("available", str(row["available"]), row.get("depth"))
        if "available" in row
        else ("object", str(row["object"]), row.get("depth"))
        for row in response.context["rows"]
    ]


def test_prefix_page_shows_utilization_and_parents(ui):
    container = ib.prefix("10.20.0.0/16", status=b.status("container"))
    ib.prefix("10.20.0.0/17")
    network = ib.prefix("10.20.200.0/29")
    ib.ip_address("10.20.200.1/29")
    ib.ip_address("10.20.200.2/29")
    page = ui.get(f"/ipam/prefixes/{container.pk}/").content.decode()
    assert "Utilization" in page and 'class="utilization-percent">50%' in page and "(32,776 / 65,536)" in page
    detail = ui.get(f"/ipam/prefixes/{network.pk}/").content.decode()
    assert 'class="utilization-percent">33.3%' in detail and "(2 / 6)" in detail  # 2 of 6 usable
    assert f"/ipam/prefixes/{container.pk}/" in detail  # its parent
    tabs = [label for label, _url in ui.get(f"/ipam/prefixes/{network.pk}/").context["tabs"]]
    assert tabs[:3] == ["Details", "Prefixes", "IP addresses"] and "Change log" in tabs
    assert "IP addresses" not in [label for label, _ in ui.get(f"/dcim/sites/{b.site().pk}/").context["tabs"]]


def test_child_prefixes_are_a_tree_with_available_blocks_between_them(ui):
    vrf = ib.vrf()
    tenant = b.tenant()
    parent = ib.prefix("10.30.0.0/22", vrf=vrf, tenant=tenant, status=b.status("container"))
    ib.prefix("10.30.1.0/24", vrf=vrf)
    ib.prefix("10.30.1.0/26", vrf=vrf)
    ib.prefix("10.30.1.128/25", vrf=vrf)
    ib.prefix("10.30.3.0/24", vrf=vrf)
    ib.prefix("10.30.2.0/24")  # global table, not a child of a prefix in a VRF
    response = ui.get(f"/ipam/prefixes/{parent.pk}/prefixes/")
    assert response.status_code == 200
    assert _rows(response) == [
        ("available", "10.30.0.0/24", 0),
        ("object", "10.30.1.0/24", 0),
        ("object", "10.30.1.0/26", 1),
        ("object", "10.30.1.128/25", 1),
        ("available", "10.30.2.0/24", 0),
        ("object", "10.30.3.0/24", 0),
    ]
    add_url = response.context["rows"][0]["add_url"]
    assert add_url.startswith("/ipam/prefixes/add/?") and "prefix=10.30.0.0%2F24" in add_url and str(vrf.pk) in add_url
    form = ui.get(add_url).context["form"]
    assert form["prefix"].value() == "10.30.0.0/24" and str(form["vrf"].value()) == str(vrf.pk)
    assert str(form["tenant"].value()) == str(tenant.pk)
    hidden = ui.get(f"/ipam/prefixes/{parent.pk}/prefixes/", {"show_available": "false"})
    assert [kind for kind, _, _ in _rows(hidden)] == ["object"] * 4
    page = response.content.decode()
    assert "Available" in page and "available-prefix" in page


def test_available_link_creates_the_prefix_through_the_form(ui):
    parent = ib.prefix("10.31.0.0/23")
    ib.prefix("10.31.0.0/24")
    response = ui.get(f"/ipam/prefixes/{parent.pk}/prefixes/")
    (free,) = [row for row in response.context["rows"] if "available" in row]
    assert str(free["available"]) == "10.31.1.0/24"
    created = ui.post("/ipam/prefixes/add/", {"prefix": "10.31.1.0/24", "status": str(b.status("active").pk)})
    assert created.status_code == 302
    new = Prefix.objects.get(network="10.31.1.0", prefix_length=24)
    assert ui.get(f"/ipam/prefixes/{new.pk}/edit/").context["form"]["prefix"].value() == "10.31.1.0/24"
    exported = b"".join(ui.get("/ipam/prefixes/", {"export": "csv"}).streaming_content).decode()
    assert exported.splitlines()[0].startswith("id,prefix,") and f"{new.pk},10.31.1.0/24," in exported
    assert not [row for row in ui.get(f"/ipam/prefixes/{parent.pk}/prefixes/").context["rows"] if "available" in row]
    refused = ui.post("/ipam/prefixes/add/", {"prefix": "10.31.1.300/24", "status": str(b.status("active").pk)})
    assert refused.status_code == 200 and "prefix" in refused.context["form"].errors


def test_prefix_addresses_with_available_ranges_between_them(ui):
    prefix = ib.prefix("192.0.2.0/28")
    for host in (1, 2, 5, 14):
        ib.ip_address(f"192.0.2.{host}/28")
    response = ui.get(f"/ipam/prefixes/{prefix.pk}/ip-addresses/")
    assert response.status_code == 200
    assert [(kind, text) for kind, text, _ in _rows(response)] == [
        ("object", "192.0.2.1/28"),
        ("object", "192.0.2.2/28"),
        ("available", "192.0.2.3-192.0.2.4"),
        ("object", "192.0.2.5/28"),
        ("available", "192.0.2.6-192.0.2.13"),
        ("object", "192.0.2.14/28"),
    ]
    free = [row for row in response.context["rows"] if "available" in row]
    assert [row["size"] for row in free] == [2, 8]
    assert "address=192.0.2.3%2F28" in free[0]["add_url"]
    assert ui.get(free[0]["add_url"]).context["form"]["address"].value() == "192.0.2.3/28"
    assert "8 IPs available" in response.content.decode()


def test_aggregate_prefixes_tab_and_utilization(ui):
    from nautobot.ipam.models import Aggregate

    aggregate = Aggregate.objects.create(prefix="10.40.0.0/16", rir=ib.rir())
    ib.prefix("10.40.0.0/18")
    ib.prefix("10.40.128.0/17", vrf=ib.vrf())
    response = ui.get(f"/ipam/aggregates/{aggregate.pk}/prefixes/")
    assert [(kind, text) for kind, text, _ in _rows(response)] == [
        ("object", "10.40.0.0/18"),
        ("available", "10.40.64.0/18"),
        ("object", "10.40.128.0/17"),
    ]
    assert 'class="utilization-percent">75%' in ui.get(f"/ipam/aggregates/{aggregate.pk}/").content.decode()


def _page_queries(ui, url) -> int:
    ui.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert ui.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("tab", ["", "prefixes/", "ip-addresses/"])
def test_prefix_pages_cost_the_same_queries_for_3_or_30_children(ui, tab):
    vrf, site, tenant = ib.vrf(), b.site(), b.tenant()

    def populate(base: str, count: int):
        parent = ib.prefix(f"{base}.0.0/16", vrf=vrf, status=b.status("container"))
        for i in range(count):
            ib.prefix(f"{base}.{2 * i}.0/24", vrf=vrf, site=site, tenant=tenant, role=ib.role())
            ib.ip_address(f"{base}.0.{i + 1}/16", vrf=vrf, tenant=tenant)
        return parent

    few, many = populate("10.50", 3), populate("10.51", 30)
    assert _page_queries(ui, f"/ipam/prefixes/{few.pk}/{tab}") == _page_queries(ui, f"/ipam/prefixes/{many.pk}/{tab}")
    if tab == "prefixes/":
        assert len(ui.get(f"/ipam/prefixes/{many.pk}/prefixes/").context["rows"]) > 30
    if tab == "ip-addresses/":
        assert IPAddress.objects.filter(vrf=vrf).count() == 33


def test_tabs_need_view_permission(django_user_model):
    prefix = ib.prefix()
    client = Client()
    client.force_login(django_user_model.objects.create_user("ipam-nobody", "n@example.com", "pw"))
    for tab in ("prefixes", "ip-addresses"):
        assert client.get(f"/ipam/prefixes/{prefix.pk}/{tab}/").status_code == 403
