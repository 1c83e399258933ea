"""The request patterns of the Ansible collection networktocode.nautobot 4.x, against a real server.

The collection itself cannot be installed here (it is published on Ansible Galaxy only; the `ansible` package on
PyPI and Debian's do not bundle it), so this test replays what its modules and plugins send, as described in
research/api-contract.md section 5, through the same client it uses (pynautobot 1.5.5) and, for the inventory
plugin, raw HTTP. A module run is: connect (`GET /api/`), resolve every referenced object by natural key with
`endpoint.get(**query)`, translate choice labels through `endpoint.choices()` (OPTIONS), then create the object,
or compare `record.serialize()` with the wanted data and PATCH only when they differ, or delete it. The second
run of the same play must therefore change nothing, which only holds if what we serve reads back as what was sent.
"""

import json
from itertools import chain

import pynautobot
import pytest
import requests

from nautobot.core.testing.processes import ADMIN_TOKEN

pytestmark = pytest.mark.slow
TOKEN = ADMIN_TOKEN


@pytest.fixture
def server(api_server):
    return api_server


class Module:
    """One module task: a fresh connection (each task is its own process in Ansible), as the collection makes it."""

    def __init__(self, url, endpoint):
        self.nb = pynautobot.api(url, token=TOKEN)
        self.nb.http_session.verify = False  # validate_certs: false
        assert self.nb.version == "1.2"
        app, name = endpoint.split(".")
        self.endpoint = getattr(getattr(self.nb, app), name)

    def resolve(self, endpoint, **query):
        """A referenced object by natural key; exactly one must match (pynautobot raises ValueError otherwise)."""
        app, name = endpoint.split(".")
        record = getattr(getattr(self.nb, app), name).get(**query)
        assert record is not None, f"{endpoint} {query} not found"
        return record.id

    def choice(self, label):
        """A choice label or value as the collection translates it: searched across all of the endpoint's choices."""
        for item in chain.from_iterable(self.endpoint.choices().values()):
            if item["display"].lower() == label.lower() or item["value"] == label.lower():
                return item["value"]
        raise AssertionError(f"{label} is not a choice of {self.endpoint.url}")

    def present(self, query, data):
        """state: present. Returns (changed, record)."""
        record = self.endpoint.get(**query)
        if record is None:
            return True, self.endpoint.create(data)
        before = record.serialize()
        after = {**before, **data}
        if before.get("tags") and data.get("tags"):
            before["tags"], after["tags"] = set(before["tags"]), set(data["tags"])
        if before == after:
            return False, record
        missing = set(data) - set(before)
        assert not missing, f"fields not on the existing object: {missing}"
        assert record.update(data) is True
        return True, record

    def absent(self, query):
        record = self.endpoint.get(**query)
        if record is None:
            return False
        assert record.delete() is True
        return True


def play(url, cf_name):
    """The playbook: every task's `changed`, by task name."""
    changed = {}

    tags = Module(url, "extras.tags")
    changed["tag"], tag = tags.present({"slug": "core"}, {"name": "Core", "slug": "core", "color": "ff0000"})

    sites = Module(url, "dcim.sites")
    changed["site"], site = sites.present(
        {"slug": "par1"},
        {
            "name": "PAR1",
            "slug": "par1",
            "status": sites.choice("Active"),
            "time_zone": "Europe/Paris",
            "description": "Paris 1",
            "tags": [tag.id],
            "custom_fields": {cf_name: "netops"},
        },
    )
    manufacturers = Module(url, "dcim.manufacturers")
    changed["manufacturer"], manufacturer = manufacturers.present(
        {"slug": "arista"}, {"name": "Arista", "slug": "arista"}
    )

    device_types = Module(url, "dcim.device_types")
    changed["device_type"], device_type = device_types.present(
        {"slug": "dcs-7050"},
        {
            "manufacturer": device_types.resolve("dcim.manufacturers", slug="arista"),
            "model": "DCS-7050",
            "slug": "dcs-7050",
            "part_number": "DCS-7050-52",
            "u_height": 1,
            "is_full_depth": False,
        },
    )
    roles = Module(url, "dcim.device_roles")
    changed["device_role"], role = roles.present(
        {"slug": "leaf"}, {"name": "Leaf", "slug": "leaf", "color": "00ff00", "vm_role": False}
    )
    platforms = Module(url, "dcim.platforms")
    changed["platform"], platform = platforms.present(
        {"slug": "eos"},
        {
            "name": "EOS",
            "slug": "eos",
            "manufacturer": platforms.resolve("dcim.manufacturers", slug="arista"),
            "napalm_driver": "eos",
        },
    )
    devices = Module(url, "dcim.devices")
    for name in ("leaf1", "leaf2"):
        changed[f"device {name}"], _ = devices.present(
            {"name": name},
            {
                "name": name,
                "device_type": devices.resolve("dcim.device_types", slug="dcs-7050"),
                "device_role": devices.resolve("dcim.device_roles", slug="leaf"),
                "site": devices.resolve("dcim.sites", slug="par1"),
                "platform": devices.resolve("dcim.platforms", slug="eos"),
                "status": devices.choice("Active"),
                "serial": f"SN-{name}",
                "tags": [devices.resolve("extras.tags", slug="core")],
                "custom_fields": {cf_name: "netops"},
                "local_context_data": {"ntp": ["10.0.0.1", "10.0.0.2"], "snmp": {"community": "public"}},
            },
        )

    vlans = Module(url, "ipam.vlans")
    site_id = vlans.resolve("dcim.sites", slug="par1")
    for vid, name in ((100, "users"), (200, "servers")):
        changed[f"vlan {vid}"], _ = vlans.present(
            {"name": name, "site_id": site_id, "vid": vid},
            {"site": site_id, "vid": vid, "name": name, "status": vlans.choice("Active"), "description": name.title()},
        )

    interfaces = Module(url, "dcim.interfaces")
    for device_name in ("leaf1", "leaf2"):
        device_id = interfaces.resolve("dcim.devices", name=device_name)
        changed[f"interface {device_name} Ethernet1"], _ = interfaces.present(
            {"name": "Ethernet1", "device_id": device_id},
            {
                "device": device_id,
                "name": "Ethernet1",
                "type": interfaces.choice("1000BASE-T (1GE)"),
                "enabled": True,
                "mtu": 9000,
                "mode": interfaces.choice("Access"),
                "untagged_vlan": interfaces.resolve("ipam.vlans", vid=100, site_id=site_id),
                "description": "uplink",
                "mac_address": "AA:BB:CC:00:00:0" + device_name[-1],
            },
        )
        changed[f"interface {device_name} Port-Channel1"], _ = interfaces.present(
            {"name": "Port-Channel1", "device_id": device_id},
            {
                "device": device_id,
                "name": "Port-Channel1",
                "type": interfaces.choice("Link Aggregation Group (LAG)"),
                "mode": interfaces.choice("Tagged"),
                "tagged_vlans": [interfaces.resolve("ipam.vlans", vid=vid, site_id=site_id) for vid in (100, 200)],
            },
        )
    leaf1 = interfaces.resolve("dcim.devices", name="leaf1")
    changed["interface leaf1 Ethernet2 in the LAG"], _ = interfaces.present(
        {"name": "Ethernet2", "device_id": leaf1},
        {
            "device": leaf1,
            "name": "Ethernet2",
            "type": interfaces.choice("1000base-t"),
            "lag": interfaces.resolve(
                "dcim.interfaces",
                name="Port-Channel1",
                device_id=leaf1,
                type=interfaces.choice("Link Aggregation Group (LAG)"),
            ),
        },
    )

    prefixes = Module(url, "ipam.prefixes")
    changed["prefix"], prefix = prefixes.present(
        {"prefix": "10.1.0.0/24"},
        {
            "prefix": "10.1.0.0/24",
            "site": prefixes.resolve("dcim.sites", slug="par1"),
            "vlan": prefixes.resolve("ipam.vlans", name="users", site_id=site_id),
            "status": prefixes.choice("Active"),
            "description": "users",
        },
    )
    addresses = Module(url, "ipam.ip_addresses")
    for device_name, address in (("leaf1", "10.1.0.1/24"), ("leaf2", "10.1.0.2/24")):
        interface_id = addresses.resolve(
            "dcim.interfaces", name="Ethernet1", device_id=addresses.resolve("dcim.devices", name=device_name)
        )
        changed[f"ip {address}"], _ = addresses.present(
            {"address": address, "interface_id": interface_id},
            {
                "address": address,
                "status": addresses.choice("Active"),
                "dns_name": f"{device_name}.example.com",
                "assigned_object_type": "dcim.interface",
                "assigned_object_id": interface_id,
            },
        )
    primary = Module(url, "dcim.devices")
    changed["primary ip"], _ = primary.present(
        {"name": "leaf1"},
        {
            "name": "leaf1",
            "primary_ip4": primary.resolve(
                "ipam.ip_addresses", address="10.1.0.1/24", device_id=primary.resolve("dcim.devices", name="leaf1")
            ),
        },
    )

    cables = Module(url, "dcim.cables")
    ends = {
        "termination_a_type": "dcim.interface",
        "termination_a_id": cables.resolve("dcim.interfaces", name="Ethernet1", device="leaf1"),
        "termination_b_type": "dcim.interface",
        "termination_b_id": cables.resolve("dcim.interfaces", name="Ethernet1", device="leaf2"),
    }
    changed["cable"], _ = cables.present(
        ends,
        {
            **ends,
            "status": cables.choice("Connected"),
            "type": cables.choice("CAT6"),
            "label": "leaf1-leaf2",
            "length": 3,
            "length_unit": cables.choice("Meters"),
            "color": "0000ff",
        },
    )

    chassis = Module(url, "dcim.virtual_chassis")
    changed["virtual chassis"], _ = chassis.present(
        {"name": "stack1"},
        {"name": "stack1", "master": chassis.resolve("dcim.devices", name="leaf1"), "domain": "stack1.example"},
    )
    # The member is a device of its own: a master's interface filter (device/device_id) also yields its members'
    # interfaces, as the original's, so a member holding another "Ethernet1" would make the module's lookup of
    # leaf1's Ethernet1 ambiguous on the next run (against the original too).
    members = Module(url, "dcim.devices")
    changed["chassis member"], _ = members.present(
        {"name": "leaf3"},
        {
            "name": "leaf3",
            "device_type": members.resolve("dcim.device_types", slug="dcs-7050"),
            "device_role": members.resolve("dcim.device_roles", slug="leaf"),
            "site": members.resolve("dcim.sites", slug="par1"),
            "platform": members.resolve("dcim.platforms", slug="eos"),
            "status": members.choice("Active"),
            "virtual_chassis": members.resolve("dcim.virtual_chassis", name="stack1"),
            "vc_position": 2,
            "vc_priority": 10,
        },
    )
    return changed


def test_collection_modules_are_idempotent(server):
    session = requests.Session()
    session.headers["Authorization"] = f"Token {TOKEN}"
    field = session.post(
        f"{server}/api/extras/custom-fields/",
        json={"name": "owner", "type": "text", "content_types": ["dcim.site", "dcim.device"]},
    )
    assert field.status_code == 201, field.text
    cf_name = field.json()["name"]

    first = play(server, cf_name)
    assert all(first.values()), {task: c for task, c in first.items() if not c}
    second = play(server, cf_name)
    assert not any(second.values()), {task: c for task, c in second.items() if c}

    # What the playbook made, read back through the API.
    def get(path, **params):
        response = session.get(f"{server}/api/{path}", params=params)
        assert response.status_code == 200, response.text
        return response.json()

    [site] = get("dcim/sites/", slug="par1")["results"]
    assert site["status"]["value"] == "active" and site["time_zone"] == "Europe/Paris"
    assert [t["slug"] for t in site["tags"]] == ["core"] and site["custom_fields"][cf_name] == "netops"
    devices = {d["name"]: d for d in get("dcim/devices/", site="par1")["results"]}
    assert sorted(devices) == ["leaf1", "leaf2", "leaf3"]
    leaf1, leaf3 = devices["leaf1"], devices["leaf3"]
    assert (
        leaf1["platform"]["slug"] == "eos" and leaf1["device_role"]["slug"] == "leaf" and leaf1["serial"] == "SN-leaf1"
    )
    assert leaf1["primary_ip4"]["address"] == "10.1.0.1/24" and leaf1["custom_fields"][cf_name] == "netops"
    assert leaf1["virtual_chassis"]["name"] == "stack1" and leaf1["vc_position"] == 1
    assert leaf3["virtual_chassis"]["name"] == "stack1" and leaf3["vc_position"] == 2 and leaf3["vc_priority"] == 10
    [eth1] = get("dcim/interfaces/", device="leaf1", name="Ethernet1")["results"]
    assert eth1["mode"]["value"] == "access" and eth1["untagged_vlan"]["vid"] == 100 and eth1["mtu"] == 9000
    assert eth1["mac_address"] == "AA:BB:CC:00:00:01" and eth1["cable"] is not None
    assert eth1["connected_endpoint"]["device"]["name"] == "leaf2"
    [lag] = get("dcim/interfaces/", device="leaf1", name="Port-Channel1")["results"]
    assert lag["mode"]["value"] == "tagged" and [v["vid"] for v in lag["tagged_vlans"]] == [100, 200]
    assert leaf1["local_context_data"]["snmp"] == {"community": "public"} and leaf1["config_context"]["ntp"] == [
        "10.0.0.1",
        "10.0.0.2",
    ]
    [eth2] = get("dcim/interfaces/", device="leaf1", name="Ethernet2")["results"]
    assert eth2["lag"]["name"] == "Port-Channel1"
    [ip] = get("ipam/ip-addresses/", address="10.1.0.1/24")["results"]
    assert ip["assigned_object"]["id"] == eth1["id"] and ip["dns_name"] == "leaf1.example.com"
    [prefix] = get("ipam/prefixes/", prefix="10.1.0.0/24")["results"]
    assert prefix["vlan"]["vid"] == 100 and prefix["site"]["slug"] == "par1"
    [cable] = get("dcim/cables/", device="leaf1")["results"]
    assert cable["label"] == "leaf1-leaf2" and cable["length_unit"]["value"] == "m" and cable["type"]["value"] == "cat6"

    check_inventory_requests(server)

    # state: absent deletes once, then finds nothing to delete.
    assert Module(server, "dcim.devices").absent({"name": "leaf2"}) is True
    assert Module(server, "dcim.devices").absent({"name": "leaf2"}) is False
    assert get("dcim/devices/", name="leaf2")["count"] == 0
    assert get("dcim/cables/", device="leaf1")["count"] == 0, "the cable goes with its interface"

    # An update is a PATCH of the changed fields only, and reports changed once.
    sites = Module(server, "dcim.sites")
    data = {"name": "PAR1", "slug": "par1", "description": "Paris, first floor"}
    assert sites.present({"slug": "par1"}, data)[0] is True
    assert sites.present({"slug": "par1"}, data)[0] is False
    assert get(f"dcim/sites/{site['id']}/")["description"] == "Paris, first floor"

    # The lookup plugin: pynautobot filter() with the `api_filter` terms, each result as dict(record).
    nb = pynautobot.api(server, token=TOKEN)
    found = [dict(r) for r in nb.dcim.devices.filter(role="leaf", site="par1", name=["leaf1", "leaf2"])]
    assert sorted(d["name"] for d in found) == ["leaf1"]
    assert json.dumps(found)  # what Ansible gets must be plain data
    assert [dict(r)["address"] for r in nb.ipam.ip_addresses.filter(device="leaf1")] == ["10.1.0.1/24"]
    # `api_filter='content_types=dcim.device'` (seen with the real collection: a 400 on tags, nothing on statuses).
    assert "core" in [t.slug for t in nb.extras.tags.filter(content_types="dcim.device")]
    assert "active" in [s.slug for s in nb.extras.statuses.filter(content_types="dcim.device")]

    # The query_graphql module: pynautobot's graphql.query with variables.
    result = nb.graphql.query(
        query='query ($site: [String]) { devices(site: $site, role: "leaf") { name primary_ip4 { address } tags { slug } } }',
        variables={"site": ["par1"]},
    )
    assert result.status_code == 200, result.json
    assert result.json["data"]["devices"] == [
        {"name": "leaf1", "primary_ip4": {"address": "10.1.0.1/24"}, "tags": [{"slug": "core"}]},
        {"name": "leaf3", "primary_ip4": None, "tags": []},
    ]

    # The GraphQL inventory plugin: a raw POST of its default query with `filters`, grouped by site and device_role
    # names, ansible_host from primary_ip4, ansible_network_os from the platform's napalm_driver.
    query = (
        'query {devices (site: "par1") { name platform { napalm_driver } status { name } primary_ip4 { address } '
        "device_role { name } site { name } serial }}"
    )
    response = session.post(
        f"{server}/api/graphql/", data=json.dumps({"query": query}), headers={"Content-type": "application/json"}
    )
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    devices = {d["name"]: d for d in response.json()["data"]["devices"]}
    assert sorted(devices) == ["leaf1", "leaf3", "spine1"]
    assert devices["leaf1"] == {
        "name": "leaf1",
        "platform": {"napalm_driver": "eos"},
        "status": {"name": "Active"},
        "primary_ip4": {"address": "10.1.0.1/24"},
        "device_role": {"name": "Leaf"},
        "site": {"name": "PAR1"},
        "serial": "SN-leaf1",
    }
    assert devices["spine1"]["device_role"] == {"name": "Spine"} and devices["spine1"]["primary_ip4"] is None
    # The 4.5 GraphQL inventory's query, as the real plugin built it from `query: {devices: {filters: ...}}`: literal
    # boolean/integer filters, nested list filters, virtual machines beside devices, `primary_ip4 { host }`.
    query = (
        'query {\n  devices (site: "par1", has_primary_ip: true) {\n    name\n    primary_ip4 {\n      host\n    }\n'
        '    interfaces (name__ic: "ethernet") {\n      name\n      ip_addresses {\n        address\n      }\n    }\n  }\n'
        "  virtual_machines {\n    name\n  }\n  vlans (vid: 100) {\n    name\n  }\n}"
    )
    response = session.post(
        f"{server}/api/graphql/", data=json.dumps({"query": query}), headers={"Content-type": "application/json"}
    )
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    got = response.json()["data"]
    assert got["devices"] == [
        {
            "name": "leaf1",
            "primary_ip4": {"host": "10.1.0.1"},
            "interfaces": [
                {"name": "Ethernet1", "ip_addresses": [{"address": "10.1.0.1/24"}]},
                {"name": "Ethernet2", "ip_addresses": []},
            ],
        }
    ]
    assert got["vlans"] == [{"name": "users"}] and got["virtual_machines"] == []
    error = session.post(f"{server}/api/graphql/", json={"query": "query {devices { nosuchfield }}"})
    assert error.status_code == 400 and error.json()["errors"][0]["message"]


def check_inventory_requests(server):
    """The inventory plugin's raw HTTP: the OpenAPI document for the allowed device filters, then `?limit=0` pulls
    (query_filters appended to the devices URL; group_by sites/device_roles maps each host through those lists)."""
    session = requests.Session()
    # The plugin's headers: no Accept (unless api_version is set), a JSON content type, an Ansible user agent.
    session.headers.update(
        {"Authorization": f"Token {TOKEN}", "Content-type": "application/json", "User-Agent": "ansible 2.15.13"}
    )
    session.headers.pop("Accept")

    def fetch(url):
        response = session.get(url, timeout=30)
        assert response.status_code == 200, (url, response.status_code, response.text[:500])
        return response.json()

    def all_pages(url):
        results = []
        while url:
            page = fetch(url)
            results.extend(page["results"])
            url = page["next"]
        return results

    nb = pynautobot.api(server, token=TOKEN)
    nb.dcim.devices.create(
        name="spine1",
        device_type=nb.dcim.device_types.get(slug="dcs-7050").id,
        status="active",
        device_role=nb.dcim.device_roles.create(name="Spine", slug="spine").id,
        site=nb.dcim.sites.get(slug="par1").id,
    )

    openapi = fetch(f"{server}/api/docs/?format=openapi")
    allowed = {p["name"] for p in openapi["paths"]["/dcim/devices/"]["get"]["parameters"]}
    assert {"role", "site", "tag", "platform", "status", "name"} <= allowed
    assert {"site", "role", "name"} <= {
        p["name"] for p in openapi["paths"]["/virtualization/virtual-machines/"]["get"]["parameters"]
    }

    hosts = all_pages(f"{server}/api/dcim/devices/?limit=0&role=leaf&exclude=config_context")
    assert sorted(h["name"] for h in hosts) == ["leaf1", "leaf2", "leaf3"]
    assert all_pages(f"{server}/api/virtualization/virtual-machines/?limit=0") == []
    sites = {s["id"]: s["slug"] for s in all_pages(f"{server}/api/dcim/sites/?limit=0")}
    device_roles = {r["id"]: r["slug"] for r in all_pages(f"{server}/api/dcim/device-roles/?limit=0")}
    platforms = {p["id"]: p["slug"] for p in all_pages(f"{server}/api/dcim/platforms/?limit=0")}
    assert {sites[h["site"]["id"]] for h in hosts} == {"par1"}
    assert {device_roles[h["device_role"]["id"]] for h in hosts} == {"leaf"}
    assert {platforms[h["platform"]["id"]] for h in hosts} == {"eos"}
    for path in (
        "dcim/regions",
        "tenancy/tenants",
        "dcim/racks",
        "dcim/rack-groups",
        "dcim/device-types",
        "dcim/manufacturers",
        "virtualization/clusters",
        "ipam/services",
        "virtualization/interfaces",
    ):
        all_pages(f"{server}/api/{path}/?limit=0")

    ids = "".join(f"&device_id={h['id']}" for h in hosts)
    interfaces = all_pages(f"{server}/api/dcim/interfaces/?limit=0{ids}")
    assert sorted(i["device"]["name"] for i in interfaces) == ["leaf1"] * 3 + ["leaf2"] * 2
    addresses = all_pages(f"{server}/api/ipam/ip-addresses/?limit=0&assigned_to_interface=true{ids}")
    assert sorted(a["address"] for a in addresses) == ["10.1.0.1/24", "10.1.0.2/24"]
    assert {a["assigned_object"]["id"] for a in addresses} <= {i["id"] for i in interfaces}
    assert [h["primary_ip4"]["address"] for h in hosts if h["primary_ip4"]] == ["10.1.0.1/24"]

    versioned = session.get(f"{server}/api/dcim/devices/?limit=0", headers={"Accept": "application/json; version=1.3"})
    assert versioned.status_code == 200 and versioned.headers["API-Version"] == "1.3"
    assert versioned.json()["count"] == 4
