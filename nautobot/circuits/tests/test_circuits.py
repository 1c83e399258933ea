"""Circuits over the REST API: circuit ends, cables to terminations, paths across a circuit, validation, filters."""

import pytest

from nautobot.circuits.models import Circuit, CircuitTermination
from nautobot.circuits.tests import builders as b
from nautobot.dcim.models import CablePath

pytestmark = pytest.mark.django_db
TERMINATIONS = "/api/circuits/circuit-terminations/"


def ids(trace: list) -> list[list]:
    return [[element and element["id"] for element in segment] for segment in trace]


def cable(api, a, z, **extra) -> dict:
    response = api.post(
        "/api/dcim/cables/",
        {
            "termination_a_type": a._meta.label_lower,
            "termination_a_id": str(a.pk),
            "termination_b_type": z._meta.label_lower,
            "termination_b_id": str(z.pk),
            "status": "connected",
            **extra,
        },
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_terminations_set_and_clear_the_circuit_ends(api):
    circuit = b.circuit()
    site = b.site()
    created = api.post(
        TERMINATIONS, {"circuit": str(circuit.pk), "term_side": "A", "site": str(site.pk), "port_speed": 1000}
    )
    assert created.status_code == 201, created.content
    assert created.json()["display"] == f"Termination A: {site.name}"
    network = b.provider_network(provider=circuit.provider)
    api.post(TERMINATIONS, {"circuit": str(circuit.pk), "term_side": "Z", "provider_network": str(network.pk)})
    body = api.get(f"/api/circuits/circuits/{circuit.pk}/").json()
    assert body["termination_a"]["id"] == created.json()["id"]
    assert body["termination_a"]["site"]["slug"] == site.slug and body["termination_a"]["port_speed"] == 1000
    assert body["termination_a"]["url"].endswith(f"{TERMINATIONS}{created.json()['id']}/")
    assert body["termination_z"]["provider_network"]["slug"] == network.slug and body["termination_z"]["site"] is None
    assert api.delete(created.json()["url"]).status_code == 204
    body = api.get(f"/api/circuits/circuits/{circuit.pk}/").json()
    assert body["termination_a"] is None and body["termination_z"] is not None
    moved = api.patch(f"{TERMINATIONS}{body['termination_z']['id']}/", {"term_side": "A"})
    assert moved.status_code == 200, moved.content
    body = api.get(f"/api/circuits/circuits/{circuit.pk}/").json()
    assert body["termination_a"]["id"] == moved.json()["id"] and body["termination_z"] is None


def test_termination_placement_is_validated(api):
    circuit, site, network = b.circuit(), b.site(), b.provider_network()
    both = api.post(
        TERMINATIONS,
        {"circuit": str(circuit.pk), "term_side": "A", "site": str(site.pk), "provider_network": str(network.pk)},
    )
    assert both.status_code == 400 and "provider network" in str(both.json())
    neither = api.post(TERMINATIONS, {"circuit": str(circuit.pk), "term_side": "A"})
    assert neither.status_code == 400 and "must attach" in str(neither.json())
    b.circuit_termination(circuit=circuit, term_side="A")
    again = api.post(TERMINATIONS, {"circuit": str(circuit.pk), "term_side": "A", "site": str(site.pk)})
    assert again.status_code == 400


@pytest.mark.parametrize("order", ["a-first", "z-first", "terminations-last"])
def test_path_crosses_the_circuit(api, order):
    x, y = b.interface(), b.interface()
    circuit = b.circuit()
    steps = {
        "term_a": lambda: b.circuit_termination(circuit=circuit, term_side="A"),
        "term_z": lambda: b.circuit_termination(circuit=circuit, term_side="Z"),
    }
    made: dict = {}
    if order == "terminations-last":
        made["term_a"] = steps["term_a"]()
        made["c1"] = cable(api, x, made["term_a"])
        made["term_z"] = steps["term_z"]()  # the far end appears after the near end was cabled
        made["c2"] = cable(api, made["term_z"], y)
    else:
        made["term_a"], made["term_z"] = steps["term_a"](), steps["term_z"]()
        first, second = (
            (("c1", x, "term_a"), ("c2", "term_z", y))
            if order == "a-first"
            else (("c2", "term_z", y), ("c1", x, "term_a"))
        )
        for name, near, far in (first, second):
            near = made[near] if isinstance(near, str) else near
            far = made[far] if isinstance(far, str) else far
            made[name] = cable(api, near, far)
    term_a, term_z = made["term_a"], made["term_z"]
    expected = [[str(x.pk), made["c1"]["id"], str(term_a.pk)], [str(term_z.pk), made["c2"]["id"], str(y.pk)]]
    trace = api.get(f"/api/dcim/interfaces/{x.pk}/trace/")
    assert trace.status_code == 200, trace.content
    assert ids(trace.json()) == expected
    assert trace.json()[0][2]["circuit"]["cid"] == circuit.cid and trace.json()[0][2]["term_side"]["value"] == "A"
    assert ids(api.get(f"/api/dcim/interfaces/{y.pk}/trace/").json()) == [list(reversed(s)) for s in reversed(expected)]
    for here, there in ((x, y), (y, x)):
        body = api.get(f"/api/dcim/interfaces/{here.pk}/").json()
        assert body["connected_endpoint"]["id"] == str(there.pk) and body["connected_endpoint_reachable"] is True
    near = api.get(f"{TERMINATIONS}{term_a.pk}/").json()
    assert near["cable"]["id"] == made["c1"]["id"] and near["cable_peer"]["id"] == str(x.pk)
    assert near["cable_peer_type"] == "dcim.interface" and near["connected_endpoint"]["id"] == str(x.pk)
    own = api.get(f"{TERMINATIONS}{term_a.pk}/trace/")
    assert own.status_code == 200 and ids(own.json()) == [[str(term_a.pk), made["c1"]["id"], str(x.pk)]]


def test_far_end_in_a_provider_network_ends_the_path_there(api):
    x = b.interface()
    circuit = b.circuit()
    term_a = b.circuit_termination(circuit=circuit, term_side="A")
    network = b.provider_network(provider=circuit.provider)
    b.circuit_termination(circuit=circuit, term_side="Z", provider_network=network)
    cable(api, x, term_a)
    body = api.get(f"/api/dcim/interfaces/{x.pk}/").json()
    assert body["connected_endpoint"]["id"] == str(network.pk)
    assert (
        body["connected_endpoint_type"] == "circuits.providernetwork" and body["connected_endpoint_reachable"] is True
    )


def test_deleting_the_far_termination_or_its_cable_shortens_the_path(api):
    x, y = b.interface(), b.interface()
    circuit = b.circuit()
    term_a = b.circuit_termination(circuit=circuit, term_side="A")
    term_z = b.circuit_termination(circuit=circuit, term_side="Z")
    c1 = cable(api, x, term_a)
    c2 = cable(api, term_z, y)
    assert api.delete(c2["url"]).status_code == 204
    assert ids(api.get(f"/api/dcim/interfaces/{x.pk}/trace/").json()) == [
        [str(x.pk), c1["id"], str(term_a.pk)],
        [str(term_z.pk), None, None],
    ]
    assert api.get(f"/api/dcim/interfaces/{x.pk}/").json()["connected_endpoint"] is None
    assert api.delete(f"{TERMINATIONS}{term_z.pk}/").status_code == 204
    assert CablePath.objects.get(origin_id=x.pk).path == [
        f"dcim.cable:{c1['id']}",
        f"circuits.circuittermination:{term_a.pk}",
    ]
    assert api.delete(f"/api/circuits/circuits/{circuit.pk}/").status_code == 204
    assert not CircuitTermination.objects.filter(circuit_id=circuit.pk).exists()
    body = api.get(f"/api/dcim/interfaces/{x.pk}/").json()
    assert body["cable"] is None and body["connected_endpoint"] is None


def test_cable_rules_for_terminations(api):
    term = b.circuit_termination()
    in_network = b.circuit_termination(provider_network=b.provider_network())
    other = b.circuit_termination()
    refused = api.post(
        "/api/dcim/cables/",
        {
            "termination_a_type": "dcim.interface",
            "termination_a_id": str(b.interface().pk),
            "termination_b_type": "circuits.circuittermination",
            "termination_b_id": str(in_network.pk),
            "status": "connected",
        },
    )
    assert refused.status_code == 400 and "provider network" in str(refused.json())
    power = api.post(
        "/api/dcim/cables/",
        {
            "termination_a_type": "dcim.powerport",
            "termination_a_id": str(b.power_port().pk),
            "termination_b_type": "circuits.circuittermination",
            "termination_b_id": str(term.pk),
            "status": "connected",
        },
    )
    assert power.status_code == 400 and "Incompatible" in str(power.json())
    made = cable(api, term, other)
    assert made["termination_a"]["circuit"]["id"] == str(term.circuit_id)
    listed = api.get("/api/dcim/cables/", termination_a_type="circuits.circuittermination").json()
    assert [c["id"] for c in listed["results"]] == [made["id"]]
    assert api.get(TERMINATIONS, cabled="true").json()["count"] == 2


def test_circuit_filters_by_site_return_each_circuit_once(api):
    site = b.site()
    circuit = b.circuit()
    b.circuit_termination(circuit=circuit, term_side="A", site=site)
    b.circuit_termination(circuit=circuit, term_side="Z", site=site)
    b.circuit()
    for params in ({"site": site.slug}, {"site_id": str(site.pk)}):
        response = api.get("/api/circuits/circuits/", **params)
        assert response.status_code == 200 and [c["id"] for c in response.json()["results"]] == [str(circuit.pk)]
    assert api.get("/api/circuits/providers/", site=site.slug).json()["count"] == 1
    by_circuit = api.get(TERMINATIONS, circuit=circuit.cid).json()
    assert by_circuit["count"] == 2
    assert api.get("/api/circuits/providers/", brief=1).json()["results"][0].keys() == {
        "id",
        "display",
        "url",
        "name",
        "slug",
    }
    assert Circuit.objects.get(pk=circuit.pk).termination_a.site_id == site.pk


def test_graphql_circuits_with_their_terminations(api):
    circuit = b.circuit()
    site = b.site()
    b.circuit_termination(circuit=circuit, term_side="A", site=site)
    b.circuit()
    query = (
        f'{{ circuits(site: ["{site.slug}"]) {{ cid provider {{ name }} status {{ slug }} '
        "termination_a { term_side site { slug } } terminations { term_side } } }"
    )
    response = api.post("/api/graphql/", {"query": query})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "data": {
            "circuits": [
                {
                    "cid": circuit.cid,
                    "provider": {"name": circuit.provider.name},
                    "status": {"slug": "active"},
                    "termination_a": {"term_side": "A", "site": {"slug": site.slug}},
                    "terminations": [{"term_side": "A"}],
                }
            ]
        }
    }
