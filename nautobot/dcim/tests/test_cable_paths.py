"""Cable paths through patch panels, `trace` and `paths` actions, and power connections."""

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.dcim.models import CablePath, RearPort

pytestmark = pytest.mark.django_db


def ids(trace: list) -> list[list]:
    return [[element and element["id"] for element in segment] for segment in trace]


def rear_port(positions: int):
    rear = b.rear_port()
    RearPort.objects.filter(pk=rear.pk).update(positions=positions)
    rear.positions = positions
    return rear


def patch_panels(positions: int = 1, position: int = 1):
    """Two patch panels (a rear port and one front port each); returns (front 1, rear 1, rear 2, front 2)."""
    rear_1, rear_2 = rear_port(positions), rear_port(positions)
    front_1 = b.front_port(rear_port=rear_1, rear_port_position=position)
    front_2 = b.front_port(rear_port=rear_2, rear_port_position=position)
    return front_1, rear_1, rear_2, front_2


@pytest.mark.parametrize("positions,order", [(1, "a-first"), (4, "a-first"), (4, "trunk-last"), (1, "b-first")])
def test_trace_through_two_patch_panels(api, positions, order):
    a, z = b.interface(), b.interface()
    front_1, rear_1, rear_2, front_2 = patch_panels(positions, position=2 if positions > 1 else 1)
    steps = {
        "c1": lambda: b.cable(a, front_1),
        "c2": lambda: b.cable(rear_1, rear_2),
        "c3": lambda: b.cable(front_2, z),
    }
    sequence = {"a-first": ("c1", "c2", "c3"), "trunk-last": ("c1", "c3", "c2"), "b-first": ("c3", "c2", "c1")}[order]
    cables = {name: steps[name]() for name in sequence}
    trace = api.get(f"/api/dcim/interfaces/{a.pk}/trace/")
    assert trace.status_code == 200, trace.content
    expected = [
        [str(a.pk), str(cables["c1"].pk), str(front_1.pk)],
        [str(rear_1.pk), str(cables["c2"].pk), str(rear_2.pk)],
        [str(front_2.pk), str(cables["c3"].pk), str(z.pk)],
    ]
    assert ids(trace.json()) == expected
    assert all(element["url"] for segment in trace.json() for element in segment)
    assert trace.json()[0][1]["status"]["value"] == "connected"
    back = api.get(f"/api/dcim/interfaces/{z.pk}/trace/").json()
    assert ids(back) == [list(reversed(segment)) for segment in reversed(expected)]
    for here, there in ((a, z), (z, a)):
        body = api.get(f"/api/dcim/interfaces/{here.pk}/").json()
        assert body["connected_endpoint"]["id"] == str(there.pk) and body["connected_endpoint_reachable"] is True
        assert body["connected_endpoint_type"] == "dcim.interface"


def test_paths_of_front_and_rear_ports(api):
    a, z = b.interface(), b.interface()
    front_1, rear_1, rear_2, front_2 = patch_panels()
    b.cable(a, front_1)
    b.cable(rear_1, rear_2)
    b.cable(front_2, z)
    for url in (f"/api/dcim/front-ports/{front_1.pk}/paths/", f"/api/dcim/rear-ports/{rear_2.pk}/paths/"):
        response = api.get(url)
        assert response.status_code == 200, response.content
        paths = {p["origin"]["id"]: p for p in response.json()}
        assert set(paths) == {str(a.pk), str(z.pk)}
        assert paths[str(a.pk)]["destination"]["id"] == str(z.pk) and paths[str(a.pk)]["is_active"] is True
        assert paths[str(a.pk)]["origin_type"] == "dcim.interface"
        assert [node["id"] for node in paths[str(a.pk)]["path"]][1:3] == [str(front_1.pk), str(rear_1.pk)]
    assert api.get(f"/api/dcim/front-ports/{b.front_port().pk}/paths/").json() == []


def test_path_ending_at_a_port_is_padded_and_not_connected(api):
    a = b.interface()
    front_1, rear_1, _, _ = patch_panels()
    cable = b.cable(a, front_1)
    trace = api.get(f"/api/dcim/interfaces/{a.pk}/trace/").json()
    assert ids(trace) == [[str(a.pk), str(cable.pk), str(front_1.pk)], [str(rear_1.pk), None, None]]
    body = api.get(f"/api/dcim/interfaces/{a.pk}/").json()
    assert body["connected_endpoint"] is None and body["connected_endpoint_reachable"] is False


def test_multi_position_rear_port_without_a_position_splits(api):
    a = b.interface()
    rear = rear_port(4)
    b.cable(a, rear)
    path = CablePath.objects.get(origin_id=a.pk)
    assert path.is_split and path.destination is None and not path.is_active


def test_deleting_the_trunk_cable_shortens_both_paths(api):
    a, z = b.interface(), b.interface()
    front_1, rear_1, rear_2, front_2 = patch_panels()
    b.cable(a, front_1)
    trunk = b.cable(rear_1, rear_2)
    b.cable(front_2, z)
    assert api.delete(f"/api/dcim/cables/{trunk.pk}/").status_code == 204
    assert ids(api.get(f"/api/dcim/interfaces/{a.pk}/trace/").json())[-1] == [str(rear_1.pk), None, None]
    for end in (a, z):
        assert api.get(f"/api/dcim/interfaces/{end.pk}/").json()["connected_endpoint"] is None


def test_uncabled_endpoint_trace_is_empty(api):
    assert api.get(f"/api/dcim/interfaces/{b.interface().pk}/trace/").json() == []


def test_power_port_to_power_outlet(api):
    port, outlet = b.power_port(), b.power_outlet()
    created = api.post(
        "/api/dcim/cables/",
        {
            "termination_a_type": "dcim.powerport",
            "termination_a_id": str(port.pk),
            "termination_b_type": "dcim.poweroutlet",
            "termination_b_id": str(outlet.pk),
            "type": "power",
            "status": "connected",
        },
    )
    assert created.status_code == 201, created.content
    body = api.get(f"/api/dcim/power-outlets/{outlet.pk}/").json()
    assert body["cable_peer"]["id"] == str(port.pk) and body["cable_peer_type"] == "dcim.powerport"
    assert body["connected_endpoint"]["id"] == str(port.pk)
    trace = api.get(f"/api/dcim/power-ports/{port.pk}/trace/").json()
    assert ids(trace) == [[str(port.pk), created.json()["id"], str(outlet.pk)]]


def test_power_feed_to_power_port(api):
    feed, port = b.power_feed(), b.power_port()
    created = api.post(
        "/api/dcim/cables/",
        {
            "termination_a_type": "dcim.powerfeed",
            "termination_a_id": str(feed.pk),
            "termination_b_type": "dcim.powerport",
            "termination_b_id": str(port.pk),
            "status": "connected",
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["termination_a"]["name"] == feed.name
    body = api.get(f"/api/dcim/power-feeds/{feed.pk}/").json()
    assert body["cable"]["id"] == created.json()["id"] and body["connected_endpoint"]["id"] == str(port.pk)
    assert body["connected_endpoint_type"] == "dcim.powerport"
    trace = api.get(f"/api/dcim/power-feeds/{feed.pk}/trace/").json()
    assert ids(trace) == [[str(feed.pk), created.json()["id"], str(port.pk)]]
    feeds = api.get("/api/dcim/power-feeds/", cabled="true", connected="true").json()
    assert [f["id"] for f in feeds["results"]] == [str(feed.pk)]
    assert api.get(f"/api/dcim/power-ports/{port.pk}/").json()["connected_endpoint_type"] == "dcim.powerfeed"


def test_power_feed_cannot_be_cabled_to_an_interface(api):
    response = api.post(
        "/api/dcim/cables/",
        {
            "termination_a_type": "dcim.powerfeed",
            "termination_a_id": str(b.power_feed().pk),
            "termination_b_type": "dcim.interface",
            "termination_b_id": str(b.interface().pk),
            "status": "connected",
        },
    )
    assert response.status_code == 400 and "termination_b_type" in response.json()


def test_power_feed_defaults_and_available_power(api):
    panel = b.power_panel()
    created = api.post("/api/dcim/power-feeds/", {"power_panel": str(panel.pk), "name": "feed-a", "status": "active"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["voltage"], body["amperage"], body["max_utilization"]) == (120, 20, 80)
    assert (
        body["type"]["value"] == "primary"
        and body["supply"]["value"] == "ac"
        and body["phase"]["value"] == "single-phase"
    )
    assert body["available_power"] == 1920
    three = api.patch(body["url"], {"phase": "three-phase", "voltage": 208, "amperage": 30}).json()
    assert three["available_power"] == round(208 * 30 * 0.8 * 3**0.5)
    assert api.get(f"/api/dcim/power-panels/{panel.pk}/").json()["powerfeed_count"] == 1


def test_power_feed_validation_is_a_400(api):
    panel = b.power_panel()
    other_site_rack = b.rack()
    for data, field in (
        ({"rack": str(other_site_rack.pk)}, "rack"),
        ({"voltage": -48}, "voltage"),
        ({"max_utilization": 101}, "max_utilization"),
        ({"status": "connected"}, "status"),
    ):
        response = api.post(
            "/api/dcim/power-feeds/", {"power_panel": str(panel.pk), "name": b.unique("f"), "status": "active", **data}
        )
        assert response.status_code == 400 and field in response.json(), (data, response.content)
    dc = api.post(
        "/api/dcim/power-feeds/",
        {"power_panel": str(panel.pk), "name": "dc", "status": "active", "supply": "dc", "voltage": -48},
    )
    assert dc.status_code == 201, dc.content


def test_deleting_a_patch_panel_port_shortens_the_paths_through_it(api):
    a, z = b.interface(), b.interface()
    front_1, rear_1, rear_2, front_2 = patch_panels()
    b.cable(a, front_1)
    b.cable(rear_1, rear_2)
    b.cable(front_2, z)
    assert api.delete(f"/api/dcim/front-ports/{front_2.pk}/").status_code == 204
    trace = ids(api.get(f"/api/dcim/interfaces/{a.pk}/trace/").json())
    assert trace[-1] == [str(rear_1.pk), trace[-1][1], str(rear_2.pk)]
    assert api.get(f"/api/dcim/interfaces/{a.pk}/").json()["connected_endpoint"] is None
    assert api.get(f"/api/dcim/interfaces/{z.pk}/").json()["cable"] is None
    assert not CablePath.objects.filter(origin_id=z.pk).exists()


def test_cabled_interface_cannot_become_virtual(api):
    a = b.interface()
    b.cable(a, b.interface())
    response = api.patch(f"/api/dcim/interfaces/{a.pk}/", {"type": "virtual"})
    assert response.status_code == 400 and "type" in response.json()
