"""NAPALM as 1.x offered it, driven by NAPALM's own mock driver (`napalm.base.mock.MockDriver`, which answers each
`get_*` from `<path>/<method>.<n>` files): `GET /api/dcim/devices/<id>/napalm/?method=...`, its 503s with 1.x's
messages, the `dcim.napalm_read_device` permission, credentials from the settings, the device's secrets group and
request headers (never shown), and the device page's Status / LLDP neighbors / Configuration tabs."""

import json

import pytest
from django.test import override_settings

from nautobot.core.permissions import get_token_model
from nautobot.core.testing.api import TokenClient, signed_in
from nautobot.dcim import napalm as service
from nautobot.dcim.models import Device, Platform
from nautobot.dcim.tests import builders as b
from nautobot.extras.models import Secret, SecretsGroup, SecretsGroupAssociation
from nautobot.ipam.models import IPAddress
from nautobot.users.models import ObjectPermission

pytestmark = pytest.mark.django_db

FACTS = {
    "hostname": "edge1",
    "fqdn": "edge1.example.net",
    "vendor": "Arista",
    "model": "DCS-7280",
    "serial_number": "SN123",
    "os_version": "4.30",
    "uptime": 3600.0,
    "interface_list": ["Ethernet1"],
}
LLDP = {"Ethernet1": [{"remote_system_name": "core1", "remote_port": "Ethernet49", "parent_interface": ""}]}
CONFIG = {"running": "hostname edge1\n", "startup": "hostname edge1\n", "candidate": ""}


@pytest.fixture
def answers(tmp_path):
    for name, value in (("get_facts", FACTS), ("get_lldp_neighbors_detail", LLDP), ("get_config", CONFIG)):
        (tmp_path / f"{name}.1").write_text(json.dumps(value))
    return tmp_path


def device_with_driver(answers, **kw) -> Device:
    platform = Platform.objects.create(
        name=b.unique("eos"), slug=b.unique("eos"), napalm_driver="mock", napalm_args={"path": str(answers)}
    )
    device = b.device(platform=platform, **kw)
    address = IPAddress.objects.create(address="192.0.2.10/24", status=b.status(), interface=b.interface(device=device))
    Device.objects.filter(pk=device.pk).update(primary_ip4=address)
    return Device.objects.get(pk=device.pk)


def reader(django_user_model, *actions: str) -> TokenClient:
    user = django_user_model.objects.create_user(b.unique("napalm-user"))
    permission = ObjectPermission.objects.create(name=b.unique("devices"), actions=list(actions))
    permission.object_types.add(b.content_type("dcim.device"))
    permission.users.add(user)
    return TokenClient(get_token_model().objects.create(user=user).key)


def test_methods_are_read_through_the_driver(answers, api):
    device = device_with_driver(answers)
    response = api.get(
        f"/api/dcim/devices/{device.pk}/napalm/",
        method=["get_facts", "get_lldp_neighbors_detail", "get_interfaces", "load_merge_candidate", "get_nothing"],
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert list(body) == [
        "get_facts",
        "get_lldp_neighbors_detail",
        "get_interfaces",
        "load_merge_candidate",
        "get_nothing",
    ]
    assert body["get_facts"] == FACTS and body["get_lldp_neighbors_detail"] == LLDP
    assert body["get_interfaces"]["error"].startswith("Method get_interfaces not implemented for NAPALM driver")
    assert body["load_merge_candidate"] == {"error": "Only get_* NAPALM methods are supported"}
    assert body["get_nothing"] == {"error": "Unknown NAPALM method"}


def test_unavailable_is_a_503_with_the_reason(answers, api):
    bare = b.device()
    assert api.get(f"/api/dcim/devices/{bare.pk}/napalm/", method="get_facts").json() == {
        "detail": "No platform is configured for this device."
    }
    no_driver = b.device(platform=b.platform())
    response = api.get(f"/api/dcim/devices/{no_driver.pk}/napalm/", method="get_facts")
    assert response.status_code == 503
    assert (
        response.json()["detail"] == f"No NAPALM driver is configured for this device's platform: {no_driver.platform}."
    )
    unknown = b.device(platform=Platform.objects.create(name="x", slug="x", napalm_driver="no-such-driver"))
    response = api.get(f"/api/dcim/devices/{unknown.pk}/napalm/", method="get_facts")
    assert (
        response.status_code == 503
        and "NAPALM driver for platform x not found: no-such-driver." in response.json()["detail"]
    )
    unresolvable = device_with_driver(answers, name="no-such-host.invalid")
    Device.objects.filter(pk=unresolvable.pk).update(primary_ip4=None)
    response = api.get(f"/api/dcim/devices/{unresolvable.pk}/napalm/", method="get_facts")
    assert response.status_code == 503 and response.json()["detail"].startswith("Name lookup failure")
    assert api.get("/api/dcim/devices/00000000-0000-0000-0000-000000000000/napalm/").status_code == 404


def test_permission_is_needed(answers, django_user_model):
    device = device_with_driver(answers)
    viewer = reader(django_user_model, "view")
    assert viewer.get(f"/api/dcim/devices/{device.pk}/napalm/", method="get_facts").status_code == 403
    allowed = reader(django_user_model, "view", "napalm_read")
    response = allowed.get(f"/api/dcim/devices/{device.pk}/napalm/", method="get_facts")
    assert response.status_code == 200 and response.json()["get_facts"]["hostname"] == "edge1"
    nobody = reader(django_user_model, "add")
    assert nobody.get(f"/api/dcim/devices/{device.pk}/napalm/", method="get_facts").status_code in (403, 404)


def test_credentials_from_settings_secrets_group_and_headers(answers, monkeypatch):
    device = device_with_driver(answers)
    with override_settings(
        NAPALM_USERNAME="admin", NAPALM_PASSWORD="from-settings", NAPALM_ARGS={"port": 830}, NAPALM_TIMEOUT=7
    ):
        arguments = service.connection_arguments(device)
        assert arguments == {
            "hostname": "192.0.2.10",
            "username": "admin",
            "password": "from-settings",
            "timeout": 7,
            "optional_args": {"port": 830, "path": str(answers)},
        }
        monkeypatch.setenv("NAUTOBOT_TEST_NAPALM_PASSWORD", "from-secret")
        group = SecretsGroup.objects.create(name="device creds", slug="device-creds")
        secret = Secret.objects.create(
            name="pw",
            slug="pw",
            provider="environment-variable",
            parameters={"variable": "NAUTOBOT_TEST_NAPALM_PASSWORD"},
        )
        SecretsGroupAssociation.objects.create(
            group=group, secret=secret, access_type="Generic", secret_type="password"
        )
        SecretsGroupAssociation.objects.create(group=group, secret=secret, access_type="Generic", secret_type="secret")
        Device.objects.filter(pk=device.pk).update(secrets_group=group)
        device = Device.objects.get(pk=device.pk)
        arguments = service.connection_arguments(device)
        assert (arguments["username"], arguments["password"]) == (
            "admin",
            "from-secret",
        )  # no username secret: settings
        assert arguments["optional_args"]["secret"] == "from-secret"
        headers = {"X-NAPALM-Username": "ops", "X-NAPALM-Password": "typed", "X-NAPALM-Transport": "ssh", "Accept": "x"}
        arguments = service.connection_arguments(device, headers)
        assert (arguments["username"], arguments["password"], arguments["optional_args"]["transport"]) == (
            "ops",
            "typed",
            "ssh",
        )
        monkeypatch.delenv("NAUTOBOT_TEST_NAPALM_PASSWORD")
        with pytest.raises(service.NapalmUnavailable, match="Unable to retrieve device credentials") as failure:
            service.connection_arguments(device)
        assert "from-secret" not in str(failure.value)


def test_device_tabs(answers, admin, django_user_model):
    device = device_with_driver(answers)
    status = admin.get(f"/dcim/devices/{device.pk}/status/")
    assert status.status_code == 200
    page = status.content.decode()
    assert "edge1.example.net" in page and "SN123" in page and 'id="napalm-facts"' in page
    assert "get_environment: Method get_environment not implemented" in page
    lldp = admin.get(f"/dcim/devices/{device.pk}/lldp_neighbors/").content.decode()
    assert "core1" in lldp and "Ethernet49" in lldp
    config = admin.get(f"/dcim/devices/{device.pk}/config/").content.decode()
    assert "hostname edge1" in config
    bare = admin.get(f"/dcim/devices/{b.device().pk}/status/").content.decode()
    assert "No platform is configured for this device." in bare
    viewer = django_user_model.objects.create_user("tab-viewer")
    permission = ObjectPermission.objects.create(name="view devices", actions=["view"])
    permission.object_types.add(b.content_type("dcim.device"))
    permission.users.add(viewer)
    refused = signed_in(viewer).get(f"/dcim/devices/{device.pk}/status/").content.decode()
    assert "You do not have permission to read this device through NAPALM" in refused and "SN123" not in refused
