"""`OPTIONS` as the original 1.6 answers it (checked with scripts/compare_options.py against a running original).

What clients read: pynautobot's `choices()` and the Ansible modules look values up in
`actions.POST.<field>.choices`; required-ness tells what a create must carry. Plus the rules behind them:
statuses of a fresh database per model, choice sets, slugs derived when left out, related-object counts.
"""

import pytest
from django.urls import reverse

from nautobot.core.api.urlbuilding import list_url_name
from nautobot.core.specs import all_specs
from nautobot.core.tests import builders as b
from nautobot.core.testing.api import TokenClient

pytestmark = pytest.mark.django_db


def post_info(api, url: str, version: str | None = None) -> dict:
    client = TokenClient(api.headers["HTTP_AUTHORIZATION"].split()[1], version=version) if version else api
    response = client.options(url)
    assert response.status_code == 200, response.content
    return response.json()["actions"]["POST"]


def values(field: dict) -> list:
    return [choice["value"] for choice in field["choices"]]


@pytest.mark.parametrize("spec", all_specs(), ids=lambda spec: spec.model._meta.label)
def test_every_list_answers_options(spec, api):
    # Read-only endpoints too (job results once failed on their read-only content type field).
    response = api.options(reverse(list_url_name(spec.model)))
    assert response.status_code == 200, response.content
    assert response.json()["name"] and response.json()["renders"]


@pytest.mark.parametrize("version", ["1.2", "1.4", "1.6"])
def test_status_is_required_with_the_statuses_of_a_fresh_database(api, version):
    expected = {
        "/api/dcim/devices/": ["active", "decommissioning", "failed", "inventory", "offline", "planned", "staged"],
        "/api/dcim/interfaces/": ["active", "decommissioning", "failed", "maintenance", "planned"],
        "/api/virtualization/interfaces/": ["active", "decommissioning", "failed", "maintenance", "planned"],
        "/api/virtualization/virtual-machines/": [
            "active",
            "decommissioning",
            "failed",
            "offline",
            "planned",
            "staged",
        ],
        "/api/circuits/circuits/": ["active", "decommissioned", "deprovisioning", "offline", "planned", "provisioning"],
        "/api/ipam/ip-addresses/": ["active", "deprecated", "dhcp", "reserved", "slaac"],
        "/api/dcim/racks/": ["active", "available", "deprecated", "planned", "reserved"],
        "/api/dcim/locations/": ["active", "decommissioning", "planned", "retired", "staging"],
    }
    for url, slugs in expected.items():
        status = post_info(api, url, version)["status"]
        assert status["required"] is True and status["read_only"] is False, url
        assert sorted(values(status)) == slugs, url
        assert {"value": "active", "display": "Active"} in status["choices"]


def test_a_create_without_status_says_it_is_required(api):
    response = api.post("/api/dcim/sites/", {"name": "No status", "slug": "no-status"})
    assert response.status_code == 400
    assert response.json() == {"status": ["This field is required."]}
    # Interfaces under API 1.2 have no status field: the default is given.
    interface = api.post("/api/dcim/interfaces/", {"device": str(b.device().pk), "name": "eth9", "type": "1000base-t"})
    assert interface.status_code == 201, interface.content


def test_choice_sets_have_the_originals_values(api):
    interface_types = values(post_info(api, "/api/dcim/interfaces/")["type"])
    assert {"1000base-kx", "800gbase-x-qsfpdd", "cisco-stackwise-1t", "xdsl", "virtual", "lag"} <= set(interface_types)
    assert interface_types[:3] == ["virtual", "bridge", "lag"]  # the original's order
    rack = post_info(api, "/api/dcim/racks/")
    assert {"wall-frame-vertical", "wall-cabinet-vertical", "other"} <= set(values(rack["type"]))
    cable = post_info(api, "/api/dcim/cables/")
    assert "mmf-om5" in values(cable["type"])
    assert {"value": "km", "display": "Kilometers"} in cable["length_unit"]["choices"]
    assert "iec-60309-3p-n-e-6h" in values(post_info(api, "/api/dcim/power-ports/")["type"])


def test_field_types_and_displays_as_the_originals(api):
    device = post_info(api, "/api/dcim/devices/")
    assert device["face"]["type"] == "field" and device["face"]["choices"][0] == {"value": "front", "display": "Front"}
    assert device["computed_fields"] == {
        "type": "field",
        "required": False,
        "read_only": True,
        "label": "Computed fields",
    }
    ip = post_info(api, "/api/ipam/ip-addresses/")
    assert ip["address"]["type"] == "string"
    assert ip["assigned_object_type"]["choices"] == [
        {"value": "dcim.interface", "display": "dcim | interface"},
        {"value": "virtualization.vminterface", "display": "virtualization | VM interface"},
    ]
    cable = post_info(api, "/api/dcim/cables/")
    assert {"value": "dcim.frontport", "display": "dcim | front port"} in cable["termination_a_type"]["choices"]
    assert post_info(api, "/api/dcim/rack-reservations/")["units"]["required"] is True
    assert api.options("/api/ipam/ip-addresses/").json()["name"] == "IP Address"
    assert api.options("/api/dcim/devices/").json()["name"] == "Device"


SLUGGED = [
    ("/api/dcim/manufacturers/", {"name": "Acme Networks"}, "acme-networks"),
    ("/api/tenancy/tenants/", {"name": "Blue Team"}, "blue-team"),
    ("/api/extras/statuses/", {"name": "Burn In", "color": "ff0000", "content_types": ["dcim.device"]}, "burn-in"),
]


@pytest.mark.parametrize(("url", "payload", "slug"), SLUGGED, ids=[s[0] for s in SLUGGED])
def test_slug_left_out_is_derived_from_the_name(api, url, payload, slug):
    assert post_info(api, url)["slug"]["required"] is False
    created = api.post(url, payload)
    assert created.status_code == 201, created.content
    assert created.json()["slug"] == slug


def test_derived_slugs_are_unique_and_follow_the_source_field(api):
    first = api.post("/api/dcim/sites/", {"name": "Paris 1", "status": "active"})
    second = api.post("/api/dcim/sites/", {"name": "paris 1", "status": "active"})
    assert (first.json()["slug"], second.json()["slug"]) == ("paris-1", "paris-1-2")
    manufacturer = api.post("/api/dcim/manufacturers/", {"name": "Acme"}).json()
    device_type = api.post("/api/dcim/device-types/", {"manufacturer": manufacturer["id"], "model": "MX 480"})
    assert device_type.json()["slug"] == "mx-480"
    other = api.post("/api/dcim/manufacturers/", {"name": "Other"}).json()
    same_model = api.post("/api/dcim/device-types/", {"manufacturer": other["id"], "model": "MX 480"})
    assert same_model.json()["slug"] == "mx-480"  # unique per manufacturer only
    taken = api.post("/api/dcim/device-types/", {"manufacturer": other["id"], "model": "MX-480"})
    assert taken.json()["slug"] == "mx-480-2"
    computed = api.post(
        "/api/extras/computed-fields/",
        {"content_type": "dcim.site", "label": "Rack Total", "template": "{{ obj.name }}"},
    )
    assert computed.status_code == 201, computed.content
    assert computed.json()["slug"] == "rack_total"
    # A slug given is kept; a tag's slug is still required, as the original's.
    given = api.post("/api/dcim/sites/", {"name": "Lyon", "slug": "lyo", "status": "active"})
    assert given.json()["slug"] == "lyo"
    assert post_info(api, "/api/extras/tags/")["slug"]["required"] is True
    assert "slug" in api.post("/api/extras/tags/", {"name": "No slug"}).json()


def test_site_rack_and_tenant_counts(api):
    from nautobot.ipam.tests import builders as ib

    tenant = b.tenant()
    site = b.site(tenant=tenant)
    ib.prefix("10.40.0.0/16", site=site, tenant=tenant)
    ib.prefix("10.41.0.0/16", site=site)
    circuit = b.circuit()
    for side in ("A", "Z"):  # one circuit ending twice at the site counts once
        b.circuit_termination(circuit=circuit, term_side=side, site=site)
    b.circuit_termination(site=b.site())  # elsewhere
    vm_cluster = b.cluster(site=site)
    b.virtual_machine(cluster=vm_cluster)
    b.virtual_machine(cluster=vm_cluster)
    rack = b.rack(site=site)
    b.power_feed(rack=rack)
    shown = api.get(f"/api/dcim/sites/{site.pk}/").json()
    assert (shown["prefix_count"], shown["circuit_count"], shown["vlan_count"], shown["virtualmachine_count"]) == (
        2,
        1,
        0,
        2,
    )
    assert (shown["rack_count"], shown["device_count"]) == (1, 0)
    counted = api.get(f"/api/tenancy/tenants/{tenant.pk}/").json()
    assert (counted["site_count"], counted["prefix_count"], counted["device_count"], counted["vrf_count"]) == (
        1,
        1,
        0,
        0,
    )
    assert api.get(f"/api/dcim/racks/{rack.pk}/").json()["powerfeed_count"] == 1
    listed = {s["id"]: s for s in api.get("/api/dcim/sites/").json()["results"]}
    assert listed[str(site.pk)]["circuit_count"] == 1


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/api/extras/content-types/", "GET, HEAD, OPTIONS"),
        ("/api/extras/job-results/", "GET, DELETE, HEAD, OPTIONS"),
        ("/api/extras/jobs/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"),
    ],
)
def test_what_cannot_be_created_is_not_offered(api, url, allowed):
    # As the original: no `actions` in OPTIONS, no POST in `Allow`, and a POST is refused.
    options = api.options(url)
    assert options["Allow"] == allowed and "actions" not in options.json()
    assert api.post(url, {"app_label": "x", "model": "y"}).status_code == 405


def test_site_asn_is_a_32_bit_as_number(api):
    asn = post_info(api, "/api/dcim/sites/")["asn"]
    assert (asn["min_value"], asn["max_value"]) == (1, 4294967295)
    site = {"name": "AS", "slug": "as", "status": "active"}
    for bad in (0, 4294967296):
        response = api.post("/api/dcim/sites/", {**site, "asn": bad})
        assert response.status_code == 400 and "asn" in response.json(), bad
    assert api.post("/api/dcim/sites/", {**site, "asn": 4200000000}).status_code == 201
