"""Device redundancy groups (1.5) and interface redundancy groups (1.6) as a 1.6 user meets them: their REST payloads
at API 1.2 and 1.6, the device's group and priority (payload, filters, validation), memberships with priorities,
the web UI's forms, GraphQL and permissions."""

import pytest

from nautobot.core.testing.api import TokenClient, signed_in
from nautobot.core.permissions import get_token_model
from nautobot.dcim.models import Device, DeviceRedundancyGroup, InterfaceRedundancyGroup
from nautobot.dcim.tests import builders as b
from nautobot.ipam.models import IPAddress
from nautobot.users.models import ObjectPermission

pytestmark = pytest.mark.django_db

COMMON = {"id", "url", "display", "tags", "custom_fields", "created", "last_updated", "notes_url"}
DEVICE_GROUP_FIELDS = COMMON | {
    "name",
    "slug",
    "description",
    "failover_strategy",
    "status",
    "secrets_group",
    "comments",
}
INTERFACE_GROUP_FIELDS = COMMON | {
    "name",
    "description",
    "status",
    "interfaces",
    "protocol",
    "protocol_group_id",
    "secrets_group",
    "virtual_ip",
}


@pytest.mark.parametrize("version", ["1.2", "1.6"])
def test_device_redundancy_group_payload_and_members(admin_user, version):
    api = TokenClient(get_token_model().objects.create(user=admin_user).key, version=version)
    created = api.post(
        "/api/dcim/device-redundancy-groups/",
        {"name": "Firewall pair", "status": "active", "failover_strategy": "active-passive"},
    )
    assert created.status_code == 201, created.json()
    group = created.json()
    assert set(group) == DEVICE_GROUP_FIELDS
    assert group["slug"] == "firewall-pair"
    assert group["failover_strategy"] == {"value": "active-passive", "label": "Active/Passive"}
    assert group["status"]["value"] == "active"
    primary, standby = b.device(), b.device()
    for device, priority in ((primary, 1), (standby, 2)):
        patched = api.patch(
            f"/api/dcim/devices/{device.pk}/",
            {"device_redundancy_group": {"slug": "firewall-pair"}, "device_redundancy_group_priority": priority},
        )
        assert patched.status_code == 200, patched.json()
        assert patched.json()["device_redundancy_group"]["id"] == group["id"]
        assert patched.json()["device_redundancy_group_priority"] == priority
    listed = api.get("/api/dcim/devices/", device_redundancy_group="firewall-pair").json()
    assert {d["name"] for d in listed["results"]} == {primary.name, standby.name}
    by_priority = api.get("/api/dcim/devices/", device_redundancy_group_priority=2).json()["results"]
    assert [d["name"] for d in by_priority] == [standby.name]
    assert [d.pk for d in DeviceRedundancyGroup.objects.get().members_sorted] == [primary.pk, standby.pk]
    bad = api.patch(f"/api/dcim/devices/{b.device().pk}/", {"device_redundancy_group_priority": 1})
    assert bad.status_code == 400
    assert bad.json() == {
        "device_redundancy_group": ["Must assign a redundancy group when defining a redundancy group priority."]
    }
    wrong = api.post("/api/dcim/device-redundancy-groups/", {"name": "x", "status": "active", "failover_strategy": "x"})
    assert wrong.status_code == 400 and "failover_strategy" in wrong.json()


@pytest.mark.parametrize("version", ["1.2", "1.6"])
def test_interface_redundancy_group_with_memberships(admin_user, version):
    api = TokenClient(get_token_model().objects.create(user=admin_user).key, version=version)
    vip = IPAddress.objects.create(address="192.0.2.1/24", status=b.status())
    created = api.post(
        "/api/dcim/interface-redundancy-groups/",
        {
            "name": "gw-vlan10",
            "status": "active",
            "protocol": "vrrp",
            "protocol_group_id": "10",
            "virtual_ip": str(vip.pk),
        },
    )
    assert created.status_code == 201, created.json()
    group = created.json()
    assert set(group) == INTERFACE_GROUP_FIELDS
    assert group["protocol"] == {"value": "vrrp", "label": "VRRP"} and group["virtual_ip"]["id"] == str(vip.pk)
    first, second = b.interface(), b.interface()
    for interface, priority in ((first, 200), (second, 100)):
        made = api.post(
            "/api/dcim/interface-redundancy-group-associations/",
            {"interface_redundancy_group": group["id"], "interface": str(interface.pk), "priority": priority},
        )
        assert made.status_code == 201, made.json()
        assert made.json()["priority"] == priority and made.json()["interface"]["id"] == str(interface.pk)
    again = api.post(
        "/api/dcim/interface-redundancy-group-associations/",
        {"interface_redundancy_group": group["id"], "interface": str(first.pk), "priority": 5},
    )
    assert again.status_code == 400  # an interface is in a group once
    detail = api.get(f"/api/dcim/interface-redundancy-groups/{group['id']}/").json()
    assert [(i["interface"]["id"], i["priority"]) for i in detail["interfaces"]] == [
        (str(first.pk), 200),
        (str(second.pk), 100),
    ]
    filtered = api.get("/api/dcim/interface-redundancy-group-associations/", interface_redundancy_group_id=group["id"])
    assert filtered.json()["count"] == 2
    assert api.get("/api/dcim/interface-redundancy-groups/", protocol="hsrp").json()["count"] == 0
    InterfaceRedundancyGroup.objects.get().remove_interface(second)
    assert list(InterfaceRedundancyGroup.objects.get().interfaces.all()) == [first]


def test_graphql_root_fields(api):
    group = DeviceRedundancyGroup.objects.create(name="pair", slug="pair", status=b.status())
    b.device(device_redundancy_group=group, device_redundancy_group_priority=1)
    answer = api.post(
        "/api/graphql/",
        {
            "query": "{ device_redundancy_groups { name members { name device_redundancy_group_priority } } "
            "interface_redundancy_groups { name } interface_redundancy_group_associations { priority } }"
        },
    ).json()
    assert "errors" not in answer, answer
    assert answer["data"]["device_redundancy_groups"][0]["members"][0]["device_redundancy_group_priority"] == 1


def test_ui_forms_save_groups_and_device_membership(admin):
    response = admin.post(
        "/dcim/device-redundancy-groups/add/",
        {"name": "Core pair", "slug": "core-pair", "status": b.status().pk, "failover_strategy": "active-active"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group = DeviceRedundancyGroup.objects.get(slug="core-pair")
    assert group.failover_strategy == "active-active"
    device = b.device()
    page = admin.get(f"/dcim/devices/{device.pk}/edit/").content.decode()
    assert 'name="device_redundancy_group"' in page and 'name="device_redundancy_group_priority"' in page
    detail = admin.get(f"/dcim/device-redundancy-groups/{group.pk}/")
    assert detail.status_code == 200 and "Core pair" in detail.content.decode()
    made = admin.post(
        "/dcim/interface-redundancy-groups/add/",
        {"name": "gw", "status": b.status().pk, "protocol": "hsrp", "protocol_group_id": "1"},
    )
    assert made.status_code == 302, made.content.decode()[:3000]
    assert InterfaceRedundancyGroup.objects.get(name="gw").protocol == "hsrp"


def test_permissions(django_user_model):
    DeviceRedundancyGroup.objects.create(name="hidden", slug="hidden", status=b.status())
    user = django_user_model.objects.create_user("no-groups")
    api = TokenClient(get_token_model().objects.create(user=user).key)
    assert api.get("/api/dcim/device-redundancy-groups/").status_code == 403
    permission = ObjectPermission.objects.create(name="devices", actions=["view"])
    permission.object_types.add(b.content_type("dcim.device"))
    permission.users.add(user)
    answer = api.post("/api/graphql/", {"query": "{ device_redundancy_groups { name } }"}).json()
    assert answer.get("data", {}).get("device_redundancy_groups") in (None, [])
    assert signed_in(user).get("/dcim/device-redundancy-groups/").status_code == 403
    assert Device.objects.count() == 0
