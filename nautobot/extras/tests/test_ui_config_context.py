"""The "Config context" tab of devices and virtual machines: rendered context (as the API's), local data and the
contributing contexts in merge order, as JSON or YAML."""

import json

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nautobot.virtualization.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.extras.models import ConfigContext
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def ui(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def context(name, data, weight, **scopes):
    created = ConfigContext.objects.create(name=name, weight=weight, data=data)
    for scope, targets in scopes.items():
        getattr(created, scope).set(targets)
    return created


def test_device_tab_shows_rendered_local_and_sources_in_merge_order(ui, admin_user):
    site = b.site()
    device = b.device(site=site, local_context_data={"ntp": {"primary": "10.0.0.1"}})
    heavy = context("site-ntp", {"ntp": {"primary": "site", "secondary": "site"}}, 2000, sites=[site])
    light = context("global-dns", {"dns": ["192.0.2.53"], "ntp": {"primary": "global"}}, 100)
    context("other-site", {"never": True}, 50, sites=[b.site()])
    response = ui.get(f"/dcim/devices/{device.pk}/config-context/")
    assert response.status_code == 200
    api = TokenClient(Token.objects.create(user=admin_user).key)
    from_api = api.get(f"/api/dcim/devices/{device.pk}/").json()["config_context"]
    assert (
        json.loads(response.context["rendered"])
        == from_api
        == {
            "dns": ["192.0.2.53"],
            "ntp": {"primary": "10.0.0.1", "secondary": "site"},
        }
    )
    assert json.loads(response.context["local"]) == {"ntp": {"primary": "10.0.0.1"}}
    assert [s["context"] for s in response.context["sources"]] == [light, heavy]
    page = response.content.decode()
    assert "global-dns" in page and "site-ntp" in page and "other-site" not in page
    assert f"/extras/config-contexts/{light.pk}/" in page
    as_yaml = ui.get(f"/dcim/devices/{device.pk}/config-context/", {"format": "yaml"})
    assert yaml.safe_load(as_yaml.context["rendered"]) == from_api
    tabs = [label for label, _url in ui.get(f"/dcim/devices/{device.pk}/").context["tabs"]]
    assert "Config context" in tabs and tabs.index("Config context") < tabs.index("Change log")
    assert "Config context" not in [label for label, _ in ui.get(f"/dcim/sites/{site.pk}/").context["tabs"]]


def test_virtual_machine_tab_and_no_context(ui):
    vm = b.virtual_machine()
    response = ui.get(f"/virtualization/virtual-machines/{vm.pk}/config-context/")
    assert response.status_code == 200 and json.loads(response.context["rendered"]) == {}
    assert response.context["local"] is None and "No config context applies" in response.content.decode()
    context("all", {"syslog": "192.0.2.10"}, 1000)
    assert json.loads(ui.get(f"/virtualization/virtual-machines/{vm.pk}/config-context/").context["rendered"]) == {
        "syslog": "192.0.2.10"
    }


def test_tab_costs_the_same_queries_for_2_or_20_contexts(ui):
    device = b.device()
    for i in range(2):
        context(f"few-{i}", {f"k{i}": i}, i, sites=[device.site])
    url = f"/dcim/devices/{device.pk}/config-context/"
    ui.get(url)
    with CaptureQueriesContext(connection) as few:
        ui.get(url)
    for i in range(2, 20):
        context(f"many-{i}", {f"k{i}": i}, i, sites=[device.site], roles=[device.device_role])
    with CaptureQueriesContext(connection) as many:
        response = ui.get(url)
    assert len(response.context["sources"]) == 20
    assert len(many) == len(few)


def test_tab_needs_view_permission(django_user_model):
    device = b.device()
    client = Client()
    client.force_login(django_user_model.objects.create_user("cc-nobody", "n@example.com", "pw"))
    assert client.get(f"/dcim/devices/{device.pk}/config-context/").status_code == 403
