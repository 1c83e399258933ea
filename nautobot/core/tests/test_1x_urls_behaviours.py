"""1.x URLs and behaviours clients and bookmarks rely on: object pages by slug, `.json` format suffixes on API
routes, a device's `vc_position` without a virtual chassis, `ip-addresses?device_id=<master>` with the members'
addresses, uniqueness messages worded as 1.x's."""

import pytest
from django.urls import reverse

from nautobot.core.testing.api import signed_in
from nautobot.dcim.models import Device, Interface, VirtualChassis
from nautobot.dcim.tests import builders as b
from nautobot.ipam.models import IPAddress
from nautobot.users.models import ObjectPermission

pytestmark = pytest.mark.django_db


def test_object_pages_answer_at_their_slug(admin):
    site = b.site()
    for suffix in ("", "edit/", "delete/", "changelog/"):
        response = admin.get(f"/dcim/sites/{site.slug}/{suffix}?tab=main")
        assert response.status_code == 302, suffix
        assert response["Location"] == f"/dcim/sites/{site.pk}/{suffix}?tab=main"
    assert admin.get(f"/dcim/sites/{site.slug}/", follow=True).status_code == 200
    # 1.x code reverses object pages by slug
    assert reverse("dcim:site", kwargs={"slug": site.slug}) == f"/dcim/sites/{site.slug}/"
    assert reverse("dcim:site_edit", kwargs={"slug": site.slug}) == f"/dcim/sites/{site.slug}/edit/"
    assert admin.get("/dcim/sites/no-such-site/").status_code == 404
    # pages of the list level keep their meaning
    assert admin.get("/dcim/sites/add/").status_code == 200
    tenant = b.tenant()
    assert admin.get(f"/tenancy/tenants/{tenant.slug}/").status_code == 302


def test_slug_pages_need_the_view_permission(django_user_model):
    site, hidden = b.site(), b.site()
    user = django_user_model.objects.create_user("viewer")
    permission = ObjectPermission.objects.create(name="some sites", actions=["view"], constraints={"pk": str(site.pk)})
    permission.object_types.add(b.content_type("dcim.site"))
    permission.users.add(user)
    client = signed_in(user)
    assert client.get(f"/dcim/sites/{site.slug}/").status_code == 302
    assert client.get(f"/dcim/sites/{hidden.slug}/").status_code == 404  # no hint that it exists


def test_api_routes_take_a_format_suffix(api):
    device = b.device()
    listed = api.get("/api/dcim/devices.json")
    assert listed.status_code == 200 and listed["Content-Type"].startswith("application/json")
    assert listed.json()["count"] == 1
    detail = api.get(f"/api/dcim/devices/{device.pk}.json")
    assert detail.status_code == 200 and detail.json()["id"] == str(device.pk)
    assert api.get("/api/dcim/devices/").json()["count"] == 1


def test_vc_position_without_a_virtual_chassis_is_accepted_as_in_1x(api):
    device = b.device()
    response = api.patch(f"/api/dcim/devices/{device.pk}/", {"vc_position": 3})
    assert response.status_code == 200, response.json()
    assert Device.objects.get(pk=device.pk).vc_position == 3


def test_ip_addresses_of_a_virtual_chassis_master_include_its_members(api):
    master, member, other = b.device(), b.device(), b.device()
    chassis = VirtualChassis.objects.create(name="stack", master=master)
    Device.objects.filter(pk=master.pk).update(virtual_chassis=chassis, vc_position=1)
    Device.objects.filter(pk=member.pk).update(virtual_chassis=chassis, vc_position=2)
    on_master = IPAddress.objects.create(address="10.1.0.1/24", status=b.status(), interface=b.interface(device=master))
    on_member = IPAddress.objects.create(address="10.1.0.2/24", status=b.status(), interface=b.interface(device=member))
    mgmt = Interface.objects.create(device=member, name="mgmt0", type="1000base-t", mgmt_only=True, status=b.status())
    IPAddress.objects.create(address="10.1.0.3/24", status=b.status(), interface=mgmt)  # management: not the master's
    IPAddress.objects.create(address="10.1.0.4/24", status=b.status(), interface=b.interface(device=other))

    def found(**params):
        return {r["address"] for r in api.get("/api/ipam/ip-addresses/", **params).json()["results"]}

    assert found(device_id=str(master.pk)) == {str(on_master), str(on_member)}
    assert found(device=master.name) == {str(on_master), str(on_member)}
    assert found(device_id=str(member.pk)) == {str(on_member), "10.1.0.3/24"}


def test_uniqueness_messages_are_worded_as_in_1x(api):
    rack = b.rack(asset_tag="AT-1")
    response = api.post(
        "/api/dcim/racks/", {"name": "other", "site": str(rack.site_id), "status": "active", "asset_tag": "AT-1"}
    )
    assert response.status_code == 400
    assert response.json() == {"asset_tag": ["rack with this Asset tag already exists."]}


def test_ip_addresses_are_ordered_by_packed_host_bytes_as_in_1x(api):
    from nautobot.ipam.models import Service

    addresses = [
        IPAddress.objects.create(address=a, status=b.status())
        for a in ("172.16.0.1/24", "2001:db8::1/64", "10.0.0.1/8")
    ]
    service = Service.objects.create(device=b.device(), name="ssh", protocol="tcp", ports=[22])
    service.ipaddresses.set(addresses)
    expected = ["10.0.0.1/8", "2001:db8::1/64", "172.16.0.1/24"]
    assert [r["address"] for r in api.get("/api/ipam/ip-addresses/").json()["results"]] == expected
    assert [r["address"] for r in api.get(f"/api/ipam/services/{service.pk}/").json()["ipaddresses"]] == expected
