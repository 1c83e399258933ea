"""Cables over the REST API: ends, peers, validation, deletion, filters (incl. the Ansible idempotency filter)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nautobot.dcim.tests import builders as b
from nautobot.dcim.models import Cable, CablePath, Interface

pytestmark = pytest.mark.django_db

CABLES = "/api/dcim/cables/"


def payload(a, b_end, **extra) -> dict:
    return {
        "termination_a_type": a._meta.label_lower,
        "termination_a_id": str(a.pk),
        "termination_b_type": b_end._meta.label_lower,
        "termination_b_id": str(b_end.pk),
        "status": "connected",
        **extra,
    }


def detail(api, obj) -> dict:
    endpoint = {
        "interface": "interfaces",
        "frontport": "front-ports",
        "rearport": "rear-ports",
        "powerport": "power-ports",
        "poweroutlet": "power-outlets",
        "powerfeed": "power-feeds",
        "consoleport": "console-ports",
        "consoleserverport": "console-server-ports",
    }[obj._meta.model_name]
    response = api.get(f"/api/dcim/{endpoint}/{obj.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_creating_a_cable_sets_it_on_both_ends_with_their_peers(api):
    a, z = b.interface(), b.interface()
    response = api.post(CABLES, payload(a, z, type="cat6", label="uplink"))
    assert response.status_code == 201, response.content
    cable = response.json()
    assert cable["status"] == {"value": "connected", "label": "Connected"}
    assert cable["termination_a_type"] == "dcim.interface" and cable["termination_a_id"] == str(a.pk)
    assert cable["termination_a"]["name"] == a.name and cable["termination_a"]["device"]["name"] == a.device.name
    assert cable["termination_b"]["cable"]["id"] == cable["id"]
    near, far = detail(api, a), detail(api, z)
    assert near["cable"]["id"] == far["cable"]["id"] == cable["id"]
    assert near["cable_peer"]["id"] == str(z.pk) and near["cable_peer_type"] == "dcim.interface"
    assert far["cable_peer"]["id"] == str(a.pk)
    assert near["connected_endpoint"]["id"] == str(z.pk) and near["connected_endpoint_type"] == "dcim.interface"
    assert near["connected_endpoint_reachable"] is True and far["connected_endpoint"]["id"] == str(a.pk)


def test_uncabled_interface_shows_nulls(api):
    body = detail(api, b.interface())
    for name in (
        "cable",
        "cable_peer",
        "cable_peer_type",
        "connected_endpoint",
        "connected_endpoint_type",
        "connected_endpoint_reachable",
    ):
        assert body[name] is None


def _invalid_cases():
    def same():
        i = b.interface()
        return payload(i, i), "termination_b_id"

    def incompatible():
        return payload(b.interface(), b.power_port()), "termination_b_type"

    def taken():
        a, z = b.interface(), b.interface()
        b.cable(a, z)
        return payload(a, b.interface()), "termination_a_id"

    def virtual():
        return payload(b.interface(), b.interface(type="virtual")), "termination_b_id"

    def lag():
        return payload(b.interface(type="lag"), b.interface()), "termination_a_id"

    def missing_end():
        data = payload(b.interface(), b.interface())
        data["termination_b_id"] = "5b7bb1f4-5b49-4b0d-9a31-2d1c1a8d1f10"
        return data, "termination_b_id"

    def not_cable_able():
        data = payload(b.interface(), b.interface())
        data["termination_b_type"] = "dcim.device"
        return data, "termination_b_type"

    def length_without_unit():
        return payload(b.interface(), b.interface(), length=5), "length_unit"

    def no_b_end():
        data = payload(b.interface(), b.interface())
        del data["termination_b_id"]
        return data, "termination_b_id"

    def own_rear_port():
        front = b.front_port()
        return payload(front, front.rear_port), "termination_a_id"

    def bad_type():
        return payload(b.interface(), b.interface(), type="cat99"), "type"

    return [
        same,
        incompatible,
        taken,
        virtual,
        lag,
        missing_end,
        not_cable_able,
        length_without_unit,
        no_b_end,
        own_rear_port,
        bad_type,
    ]


@pytest.mark.parametrize("case", _invalid_cases(), ids=lambda c: c.__name__)
def test_invalid_cables_are_400_with_field_errors(api, case):
    data, field = case()
    response = api.post(CABLES, data)
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()


def test_changing_the_ends_of_a_cable_is_a_400(api):
    cable = b.cable(b.interface(), b.interface())
    other = b.interface()
    response = api.patch(f"{CABLES}{cable.pk}/", {"termination_a_id": str(other.pk)})
    assert response.status_code == 400 and "termination_a_id" in response.json()


def test_deleting_a_cable_clears_both_ends_and_their_paths(api):
    a, z = b.interface(), b.interface()
    cable = b.cable(a, z)
    assert CablePath.objects.count() == 2
    assert api.delete(f"{CABLES}{cable.pk}/").status_code == 204
    for end in (a, z):
        body = detail(api, end)
        assert body["cable"] is None and body["cable_peer"] is None and body["connected_endpoint"] is None
    assert CablePath.objects.count() == 0


def test_deleting_a_device_deletes_its_cables_and_the_far_end_path(api):
    a, z = b.interface(), b.interface()
    b.cable(a, z)
    a.device.delete()
    assert Cable.objects.count() == 0
    body = detail(api, z)
    assert body["cable"] is None and body["connected_endpoint"] is None
    assert CablePath.objects.count() == 0


def test_planned_cable_is_not_reachable_until_connected(api):
    a, z = b.interface(), b.interface()
    created = api.post(CABLES, payload(a, z, status="planned")).json()
    assert detail(api, a)["connected_endpoint_reachable"] is False
    assert detail(api, a)["connected_endpoint"]["id"] == str(z.pk)
    assert api.patch(created["url"], {"status": "connected"}).status_code == 200
    assert detail(api, a)["connected_endpoint_reachable"] is True


def test_console_port_to_console_server_port(api):
    port, server_port = b.console_port(), b.console_server_port()
    assert api.post(CABLES, payload(port, server_port)).status_code == 201
    body = detail(api, port)
    assert body["connected_endpoint_type"] == "dcim.consoleserverport" and body["connected_endpoint"]["id"] == str(
        server_port.pk
    )
    trace = api.get(f"/api/dcim/console-ports/{port.pk}/trace/").json()
    assert [[s and s["id"] for s in segment] for segment in trace] == [
        [str(port.pk), trace[0][1]["id"], str(server_port.pk)]
    ]


def test_cabled_and_connected_filters(api):
    a, z, loose = b.interface(), b.interface(), b.interface()
    front = b.front_port()
    b.cable(a, z)
    b.cable(loose, front)  # cabled, but its path ends at a rear port: not connected
    ids = [str(i.pk) for i in (a, z, loose)]

    def names(**params):
        return {r["id"] for r in api.get("/api/dcim/interfaces/", id=ids, **params).json()["results"]}

    assert names(cabled="true") == set(ids)
    assert names(cabled="False") == set()
    assert names(connected="True") == {str(a.pk), str(z.pk)}
    assert names(connected="false") == {str(loose.pk)}
    rear_ids = [str(front.rear_port_id)]
    assert api.get("/api/dcim/rear-ports/", id=rear_ids, cabled="false").json()["count"] == 1


def test_ansible_idempotency_filter_by_both_terminations(api):
    a, z = b.interface(), b.interface()
    cable = b.cable(a, z)
    b.cable(b.interface(), b.interface())
    params = {
        "termination_a_type": "dcim.interface",
        "termination_a_id": str(a.pk),
        "termination_b_type": "dcim.interface",
        "termination_b_id": str(z.pk),
    }
    response = api.get(CABLES, **params)
    assert response.status_code == 200, response.content
    assert [r["id"] for r in response.json()["results"]] == [str(cable.pk)]
    assert api.get(CABLES, **{**params, "termination_b_id": str(a.pk)}).json()["count"] == 0
    assert api.get(CABLES, termination_a_type="dcim.powerport").json()["count"] == 0


def test_cable_filters_by_device_site_and_rack(api):
    rack = b.rack()
    device = b.device(site=rack.site, rack=rack)
    cable = b.cable(b.interface(), b.interface(device=device), label="findme", color="00ff00")
    b.cable(b.interface(), b.interface())
    expectations = [
        {"device": device.name},
        {"device_id": str(device.pk)},
        {"site": rack.site.slug},
        {"site_id": str(rack.site_id)},
        {"rack": rack.name},
        {"rack_id": str(rack.pk)},
        {"label": "findme"},
        {"color": "00ff00"},
        {"q": "findm"},
    ]
    for params in expectations:
        response = api.get(CABLES, **params)
        assert response.status_code == 200, (params, response.content)
        assert [r["id"] for r in response.json()["results"]] == [str(cable.pk)], params


def test_listing_cabled_interfaces_costs_the_same_queries_for_one_or_many(api):
    pairs = [(b.interface(), b.interface()) for _ in range(4)]
    for a, z in pairs:
        b.cable(a, z)
    ids = [str(a.pk) for a, _ in pairs]
    api.get("/api/dcim/interfaces/", id=ids)  # warm: the process's caches (content types, ...) are filled once
    with CaptureQueriesContext(connection) as one:
        assert api.get("/api/dcim/interfaces/", id=ids[:1]).json()["count"] == 1
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/dcim/interfaces/", id=ids).json()["count"] == 4
    assert len(many) == len(one), "\n".join(q["sql"] for q in many.captured_queries)
    api.get(CABLES, limit=4)  # warm
    with CaptureQueriesContext(connection) as one:
        api.get(CABLES, limit=1)
    with CaptureQueriesContext(connection) as many:
        api.get(CABLES, limit=4)  # a full page too (a short last page needs no COUNT query)
    assert len(many) == len(one)
    assert Interface.objects.filter(cable__isnull=False).count() == 8


def test_cable_of_a_component_is_read_only(api):
    a = b.interface()
    cable = b.cable(b.interface(), b.interface())
    response = api.patch(f"/api/dcim/interfaces/{a.pk}/", {"cable": str(cable.pk), "description": "x"})
    assert response.status_code == 200 and response.json()["cable"] is None
    post = api.options("/api/dcim/interfaces/").json()["actions"]["POST"]
    assert post["cable"]["read_only"] is True and post["connected_endpoint"]["read_only"] is True


def test_bulk_create_that_reuses_an_end_is_a_400_and_creates_nothing(api):
    a, z, w = b.interface(), b.interface(), b.interface()
    response = api.post(CABLES, [payload(a, z), payload(w, a)])
    assert response.status_code == 400, response.content
    assert Cable.objects.count() == 0 and CablePath.objects.count() == 0
    assert detail(api, a)["cable"] is None
