"""Rack elevations and unit occupancy; the console/power/interface connection lists; the connected-device locator."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db


def mounted(rack, position, height=1, face="front", full_depth=True, **kw):
    return b.device(
        rack=rack,
        site=rack.site,
        position=position,
        face=face,
        device_type=b.device_type(u_height=height, is_full_depth=full_depth),
        **kw,
    )


def test_elevation_lists_units_top_down_with_their_devices(api):
    rack = b.rack(u_height=10)
    two_u = mounted(rack, 3, height=2)
    response = api.get(f"/api/dcim/racks/{rack.pk}/elevation/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 10
    units = body["results"]
    assert [u["id"] for u in units] == list(range(10, 0, -1))
    assert units[0] == {
        "id": 10,
        "name": "U10",
        "face": {"value": "front", "label": "Front"},
        "device": None,
        "occupied": False,
    }
    by_id = {u["id"]: u for u in units}
    assert by_id[3]["device"]["id"] == by_id[4]["device"]["id"] == str(two_u.pk)
    assert by_id[4]["occupied"] and not by_id[5]["occupied"]
    assert by_id[3]["device"]["url"].endswith(f"/api/dcim/devices/{two_u.pk}/")


def test_elevation_faces_exclude_collapse_and_filter(api):
    rack = b.rack(u_height=6)
    front_half = mounted(rack, 1, face="front", full_depth=False)
    full = mounted(rack, 4, height=2, face="rear")
    url = f"/api/dcim/racks/{rack.pk}/elevation/"
    rear = {u["id"]: u for u in api.get(url, **{"face": "rear"}).json()["results"]}
    assert rear[1]["device"] is None and rear[4]["device"]["id"] == str(full.pk)
    front = {u["id"]: u for u in api.get(url).json()["results"]}
    assert front[1]["device"]["id"] == str(front_half.pk) and front[5]["device"]["id"] == str(full.pk)
    excluded = {u["id"]: u for u in api.get(url, **{"exclude": str(full.pk)}).json()["results"]}
    assert not excluded[4]["occupied"]
    collapsed = api.get(url, **{"expand_devices": "false"}).json()["results"]
    assert [u["id"] for u in collapsed] == [6, 4, 3, 2, 1]
    assert next(u for u in collapsed if u["id"] == 4)["height"] == 2
    assert [u["id"] for u in api.get(url, **{"q": "5"}).json()["results"]] == [5]


def test_elevation_bad_parameters_are_400_and_svg_renders(api):
    rack = b.rack(u_height=4)
    device = mounted(rack, 2)
    url = f"/api/dcim/racks/{rack.pk}/elevation/"
    bad = api.get(url, **{"face": "side"})
    assert bad.status_code == 400 and "face" in bad.json()
    assert api.get(url, **{"exclude": "not-a-uuid"}).status_code == 400
    svg = api.get(url, **{"render": "svg"})
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    text = svg.content.decode()
    assert text.startswith("<svg") and device.name in text and f"/dcim/devices/{device.pk}/" in text


def test_elevation_hides_devices_the_user_may_not_view(django_user_model):
    rack = b.rack(u_height=3)
    secret = mounted(rack, 1)
    user = django_user_model.objects.create_user("rack-viewer", password="pw")
    permission = ObjectPermission.objects.create(name="racks only", actions=["view"])
    permission.object_types.add(b.content_type("dcim.rack"))
    permission.users.add(user)
    api = TokenClient(Token.objects.create(user=user).key)
    units = {u["id"]: u for u in api.get(f"/api/dcim/racks/{rack.pk}/elevation/").json()["results"]}
    assert units[1]["occupied"] is True and units[1]["device"] is None
    assert secret.name not in api.get(f"/api/dcim/racks/{rack.pk}/elevation/", **{"render": "svg"}).content.decode()


def test_devices_cannot_overlap_in_a_rack(api):
    rack = b.rack(u_height=10)
    mounted(rack, 4, height=2)
    other = b.device_type(u_height=1)
    payload = {
        "device_type": str(other.pk),
        "device_role": str(b.device_role().pk),
        "site": str(rack.site.pk),
        "rack": str(rack.pk),
        "face": "front",
        "status": "active",
        "name": "clash",
    }
    clash = api.post("/api/dcim/devices/", {**payload, "position": 5})
    assert clash.status_code == 400 and "U5" in clash.json()["position"][0]
    assert api.post("/api/dcim/devices/", {**payload, "position": 6}).status_code == 201
    # A half-depth device on the rear shares no unit with a half-depth one on the front.
    half = mounted(rack, 8, full_depth=False)
    rear_half = b.device_type(u_height=1, is_full_depth=False)
    ok = api.post(
        "/api/dcim/devices/",
        {**payload, "name": "rear", "device_type": str(rear_half.pk), "position": 8, "face": "rear"},
    )
    assert ok.status_code == 201, ok.content
    # Moving a device onto itself is not a clash.
    assert api.patch(f"/api/dcim/devices/{half.pk}/", {"position": 8}).status_code == 200


def test_connection_lists(api):
    a, z = b.interface(), b.interface()
    b.cable(a, z)
    b.interface()  # not connected: not listed
    console, server = b.console_port(), b.console_server_port()
    b.cable(console, server)
    power, outlet = b.power_port(), b.power_outlet()
    b.cable(power, outlet)

    interfaces = api.get("/api/dcim/interface-connections/").json()
    assert interfaces["count"] == 1
    row = interfaces["results"][0]
    low, high = sorted([a, z], key=lambda i: str(i.pk))
    assert row["interface_a"]["id"] == str(low.pk) and row["interface_b"]["id"] == str(high.pk)
    assert row["connected_endpoint_reachable"] is True and row["interface_a"]["device"]["name"] == low.device.name

    consoles = api.get("/api/dcim/console-connections/").json()["results"]
    assert [c["id"] for c in consoles] == [str(console.pk)]
    assert consoles[0]["connected_endpoint"]["id"] == str(server.pk)
    powers = api.get("/api/dcim/power-connections/").json()["results"]
    assert [p["id"] for p in powers] == [str(power.pk)] and powers[0]["connected_endpoint_type"] == "dcim.poweroutlet"

    assert api.get("/api/dcim/interface-connections/", **{"device": low.device.name}).json()["count"] == 1
    assert api.get("/api/dcim/interface-connections/", **{"device_id": str(b.device().pk)}).json()["count"] == 0
    assert api.get("/api/dcim/console-connections/", **{"site": console.device.site.slug}).json()["count"] == 1
    assert api.get("/api/dcim/console-connections/", **{"bogus": "1"}).status_code == 400
    assert "interface-connections" in api.get("/api/dcim/").json()


def test_connection_lists_cost_constant_queries(api):
    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/dcim/interface-connections/").status_code == 200
        return len(queries)

    b.cable(b.interface(), b.interface())
    one = cost()
    for _ in range(5):
        b.cable(b.interface(), b.interface())
    assert cost() == one


def test_connected_device(api):
    local, peer = b.interface(), b.interface()
    b.cable(local, peer)
    response = api.get("/api/dcim/connected-device/", **{"peer_device": peer.device.name, "peer_interface": peer.name})
    assert response.status_code == 200 and response.json()["id"] == str(local.device.pk)
    assert response.json()["name"] == local.device.name
    lonely = b.interface()
    assert (
        api.get(
            "/api/dcim/connected-device/", **{"peer_device": lonely.device.name, "peer_interface": lonely.name}
        ).json()
        is None
    )
    missing = api.get("/api/dcim/connected-device/", **{"peer_device": "nope", "peer_interface": "nope"})
    assert missing.status_code == 404
    for params in ({}, {"peer_device": peer.device.name}, {"peer_interface": peer.name}):
        response = api.get("/api/dcim/connected-device/", **params)
        assert response.status_code == 400
        assert response.json() == {"detail": 'Request must include "peer_device" and "peer_interface" filters.'}
