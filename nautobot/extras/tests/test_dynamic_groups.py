"""Dynamic groups as a 1.x user meets them: the REST payloads (at API 1.2 and 1.6), filters checked against the
member model's filterset, members of nested groups (union, intersection, difference) over real devices computed in
one query, the members endpoint and page limited to what the user may view, the web UI form, the "Dynamic Groups"
tab of a device, the member cache and its command, and config contexts scoped by group."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.utils.text import slugify
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nautobot.core.permissions import get_token_model
from nautobot.core.testing.api import TokenClient, signed_in
from nautobot.core.testing.views import grant
from nautobot.dcim.models import Device
from nautobot.dcim.tests import builders as b
from nautobot.extras.models import ConfigContext, DynamicGroup, DynamicGroupMembership, ObjectChange

pytestmark = pytest.mark.django_db


def group(content_type="dcim.device", **kw) -> DynamicGroup:
    name = kw.pop("name", b.unique("group"))
    made = DynamicGroup(name=name, slug=slugify(name), content_type=b.content_type(content_type), **kw)
    made.validated_save()
    return made


def child(parent, member, operator, weight) -> DynamicGroupMembership:
    made = DynamicGroupMembership(parent_group=parent, group=member, operator=operator, weight=weight)
    made.validated_save()
    return made


@pytest.fixture
def fleet():
    """Two sites; at ams: 3 active, 1 planned device; at fra: 2 active devices."""
    ams, fra = b.site(), b.site()
    planned = b.status("planned")
    devices = {
        "ams": [b.device(site=ams) for _ in range(3)],
        "ams-planned": [b.device(site=ams)],
        "fra": [b.device(site=fra) for _ in range(2)],
    }
    Device.objects.filter(pk=devices["ams-planned"][0].pk).update(status=planned)
    return ams, fra, devices


def names(queryset) -> set:
    return set(queryset.values_list("name", flat=True))


def test_1x_import_paths():
    from nautobot.extras.api.serializers import (
        DynamicGroupMembershipSerializer,
        DynamicGroupSerializer,
        NestedDynamicGroupSerializer,
    )
    from nautobot.extras.filters import DynamicGroupFilterSet, DynamicGroupMembershipFilterSet
    from nautobot.extras.models.groups import DynamicGroup as from_groups

    assert from_groups is DynamicGroup
    assert DynamicGroupSerializer.Meta.model is DynamicGroup and NestedDynamicGroupSerializer.Meta.model is DynamicGroup
    assert DynamicGroupMembershipSerializer.Meta.model is DynamicGroupMembership
    assert DynamicGroupFilterSet._meta.model is DynamicGroup
    assert DynamicGroupMembershipFilterSet._meta.model is DynamicGroupMembership


@pytest.mark.parametrize("version", ["1.2", "1.6"])
def test_rest_crud_and_members(admin_user, fleet, version):
    ams, fra, devices = fleet
    api = TokenClient(get_token_model().objects.create(user=admin_user).key, version=version)
    created = api.post(
        "/api/extras/dynamic-groups/",
        {"name": "AMS devices", "content_type": "dcim.device", "filter": {"site": [ams.slug]}},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert set(body) == {
        "id", "display", "url", "name", "slug", "description", "content_type", "filter", "children",
        "custom_fields", "created", "last_updated", "notes_url",
    }  # fmt: skip
    assert body["slug"] == "ams-devices" and body["content_type"] == "dcim.device"
    assert body["filter"] == {"site": [ams.slug]} and body["children"] == [] and body["display"] == "AMS devices"
    assert body["url"] == f"http://testserver/api/extras/dynamic-groups/{body['id']}/"
    members = api.get(f"/api/extras/dynamic-groups/{body['id']}/members/", limit=2).json()
    assert members["count"] == 4 and len(members["results"]) == 2 and members["next"]
    everyone = {d.name for d in devices["ams"] + devices["ams-planned"]}
    first_page = api.get(f"/api/extras/dynamic-groups/{body['id']}/members/").json()["results"]
    assert {m["name"] for m in first_page} == everyone
    assert {"device_type", "site", "status", "primary_ip"} <= set(first_page[0])  # the device's own payload
    brief = api.get(f"/api/extras/dynamic-groups/{body['id']}/", brief="1").json()
    assert brief == {
        "id": body["id"], "display": "AMS devices", "url": body["url"], "name": "AMS devices",
        "slug": "ams-devices", "content_type": "dcim.device",
    }  # fmt: skip
    patched = api.patch(body["url"], {"filter": {"site": [ams.slug], "status": ["planned"]}})
    assert patched.status_code == 200, patched.content
    assert [m["name"] for m in api.get(f"{body['url']}members/").json()["results"]] == [devices["ams-planned"][0].name]
    listed = api.get("/api/extras/dynamic-groups/", content_type="dcim.device", q="AMS").json()
    assert [g["name"] for g in listed["results"]] == ["AMS devices"]
    other = api.post(
        "/api/extras/dynamic-groups/", {"name": "FRA", "content_type": "dcim.device", "filter": {"site": [fra.slug]}}
    ).json()
    parent = api.post("/api/extras/dynamic-groups/", {"name": "Both", "content_type": "dcim.device"}).json()
    membership = api.post(
        "/api/extras/dynamic-group-memberships/",
        {"parent_group": parent["id"], "group": other["id"], "operator": "union", "weight": 10},
    )
    assert membership.status_code == 201, membership.content
    m = membership.json()
    assert set(m) >= {"id", "display", "url", "group", "parent_group", "operator", "weight"}
    assert m["group"]["id"] == other["id"] and m["group"]["content_type"] == "dcim.device"
    assert m["parent_group"]["id"] == parent["id"] and m["weight"] == 10
    assert m["operator"] in ("union", {"value": "union", "label": "Include (OR)"})
    children = api.get(parent["url"]).json()["children"]
    assert [c["id"] for c in children] == [m["id"]] and children[0]["group"]["name"] == "FRA"
    assert {x["name"] for x in api.get(f"{parent['url']}members/").json()["results"]} == {
        d.name for d in devices["fra"]
    }
    assert api.get("/api/extras/dynamic-group-memberships/", parent_group=parent["slug"]).json()["count"] == 1
    graphql = api.post(
        "/api/graphql/", {"query": '{ dynamic_groups(name: "FRA") { name slug content_type { model } } }'}
    )
    assert graphql.json() == {
        "data": {"dynamic_groups": [{"name": "FRA", "slug": "fra", "content_type": {"model": "device"}}]}
    }
    assert ObjectChange.objects.filter(changed_object_id=body["id"], action="create").exists()
    notes = api.post(f"{body['url']}notes/", {"note": "checked"})
    assert notes.status_code == 201, notes.content
    assert api.delete(m["url"]).status_code == 204
    assert api.delete(body["url"]).status_code == 204


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"filter": {"no_such_filter": ["x"]}}, "filter", "no_such_filter"),
        ({"filter": {"site": ["no-such-site"]}}, "filter", "site"),
        ({"filter": ["site"]}, "filter", "object"),
        ({"content_type": "extras.tag"}, "content_type", ""),
        ({"content_type": None}, "content_type", ""),
    ],
)
def test_bad_groups_are_a_400_naming_the_field(api, payload, field, words):
    response = api.post("/api/extras/dynamic-groups/", {"name": "bad", "content_type": "dcim.device", **payload})
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors and words in str(errors[field])


def test_nested_operators_over_real_devices(fleet):
    ams, fra, devices = fleet
    at_ams, at_fra, active = (
        group(filter={"site": [ams.slug]}),
        group(filter={"site": [fra.slug]}),
        group(filter={"status": ["active"]}),
    )
    either = group()
    child(either, at_ams, "union", 10)
    child(either, at_fra, "union", 20)
    assert names(either.members) == {d.name for ds in devices.values() for d in ds}
    active_at_ams = group()
    child(active_at_ams, at_ams, "union", 10)
    child(active_at_ams, active, "intersection", 20)
    assert names(active_at_ams.members) == {d.name for d in devices["ams"]}
    not_active_at_ams = group()
    child(not_active_at_ams, at_ams, "union", 10)
    child(not_active_at_ams, active, "difference", 20)
    assert names(not_active_at_ams.members) == {devices["ams-planned"][0].name}
    # A group of groups: (ams AND active) OR fra.
    top = group()
    child(top, active_at_ams, "union", 10)
    child(top, at_fra, "union", 20)
    assert names(top.members) == {d.name for d in devices["ams"] + devices["fra"]}
    assert top.get_descendants() == [active_at_ams, at_ams, active, at_fra]
    assert at_ams.get_ancestors()[:1] in ([either], [active_at_ams], [not_active_at_ams])
    # The groups a device belongs to, and 1.x's helpers.
    device = devices["ams"][0]
    assert set(DynamicGroup.objects.get_for_object(device)) == {at_ams, active, either, active_at_ams, top}
    assert set(DynamicGroup.objects.get_for_model(Device)) >= {at_ams, top}
    assert top.has_member(device) and not not_active_at_ams.has_member(device)
    # A loop is refused, and so is a filter on a parent or a child of another content type.
    with pytest.raises(Exception, match="descendant"):
        child(at_ams, top, "union", 10)
    with pytest.raises(Exception, match="ContentType"):
        child(top, group(content_type="dcim.site"), "union", 30)


def test_membership_is_one_query_whatever_the_number_of_devices():
    site = b.site()
    small = group(filter={"site": [site.slug]})
    parent = group()
    child(parent, small, "union", 10)
    for _ in range(2):
        b.device(site=site)

    def count_queries():
        fresh = DynamicGroup.objects.get(pk=parent.pk)
        with CaptureQueriesContext(connection) as queries:
            found = list(fresh.members.values_list("pk", flat=True))
        return len(queries), len(found)

    queries_for_two, found = count_queries()
    assert found == 2
    device_type, role, status = b.device_type(), b.device_role(), b.status()
    Device.objects.bulk_create(
        [
            Device(name=f"bulk-{i}", site=site, device_type=device_type, device_role=role, status=status)
            for i in range(198)
        ]
    )
    queries_for_200, found = count_queries()
    assert found == 200 and queries_for_200 == queries_for_two


def test_ui_form_creates_a_group_with_a_filter_and_shows_its_members(admin, fleet):
    ams, fra, devices = fleet
    device_type = ContentType.objects.get_for_model(Device)
    page = admin.get(f"/extras/dynamic-groups/add/?content_type={device_type.pk}")
    assert page.status_code == 200
    form = page.context["form"]
    assert {"filter-site_id", "filter-status_id", "child-0-group", "child-0-operator"} <= set(form.fields)
    assert "filter-q" not in form.fields
    response = admin.post(
        f"/extras/dynamic-groups/add/?content_type={device_type.pk}",
        {
            "name": "Fra devices",
            "slug": "fra-devices",
            "content_type": device_type.pk,
            "filter-site_id": [str(fra.pk)],
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    made = DynamicGroup.objects.get(slug="fra-devices")
    assert made.filter == {"site_id": [str(fra.pk)]}
    assert names(made.members) == {d.name for d in devices["fra"]}
    detail = admin.get(made.get_absolute_url())
    assert detail.status_code == 200
    html = detail.content.decode()
    assert 'id="members-table"' in html and all(d.name in html for d in devices["fra"])
    assert devices["ams"][0].name not in html
    # Edit: add the AMS group as a child with "Include (OR)"; the content type cannot change.
    at_ams = group(filter={"site": [ams.slug]})
    parent = group()
    edit = admin.post(
        f"/extras/dynamic-groups/{parent.pk}/edit/",
        {
            "name": parent.name,
            "slug": parent.slug,
            "content_type": ContentType.objects.get_for_model(type(ams)).pk,
            "child-0-group": str(at_ams.pk),
            "child-0-operator": "union",
            "child-0-weight": "10",
            "child-1-group": str(made.pk),
            "child-1-operator": "union",
            "child-1-weight": "20",
        },
    )
    assert edit.status_code == 302, edit.context["form"].errors
    parent.refresh_from_db()
    assert parent.content_type == device_type
    assert names(parent.members) == {d.name for ds in devices.values() for d in ds}
    # A bad filter value is a form error, not a 500.
    bad = admin.post(
        f"/extras/dynamic-groups/{made.pk}/edit/",
        {"name": made.name, "slug": made.slug, "content_type": device_type.pk, "filter-status_id": ["no-such"]},
    )
    assert bad.status_code == 200 and bad.context["form"].errors


def test_dynamic_groups_tab_of_a_device(admin, fleet):
    ams, fra, devices = fleet
    at_ams, at_fra = (
        group(name="At AMS", filter={"site": [ams.slug]}),
        group(name="At FRA", filter={"site": [fra.slug]}),
    )
    page = admin.get(f"/dcim/devices/{devices['ams'][0].pk}/dynamic-groups/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "At AMS" in html and "At FRA" not in html and at_ams.get_absolute_url() in html
    detail = admin.get(f"/dcim/devices/{devices['ams'][0].pk}/").content.decode()
    assert f"/dcim/devices/{devices['ams'][0].pk}/dynamic-groups/" in detail
    assert at_fra.pk


def test_permissions(django_user_model, fleet):
    ams, fra, devices = fleet
    at_ams = group(filter={"site": [ams.slug]})
    user = django_user_model.objects.create_user("viewer", "v@example.com", "pw")
    api = TokenClient(get_token_model().objects.create(user=user).key)
    ui = signed_in(user)
    # Without extras.view_dynamicgroup: nothing.
    assert api.get("/api/extras/dynamic-groups/").status_code == 403
    assert api.get(f"/api/extras/dynamic-groups/{at_ams.pk}/members/").status_code == 403
    assert ui.get(at_ams.get_absolute_url()).status_code == 403
    graphql = api.post("/api/graphql/", {"query": "{ dynamic_groups { name } }"}).json()
    assert (graphql.get("data") or {}).get("dynamic_groups") in (None, [])
    # May view groups and only one device: the members are only those it may view.
    grant(user, DynamicGroup, "view")
    grant(user, Device, "view", constraints={"name": devices["ams"][0].name})
    members = api.get(f"/api/extras/dynamic-groups/{at_ams.pk}/members/").json()
    assert [m["name"] for m in members["results"]] == [devices["ams"][0].name] and members["count"] == 1
    page = ui.get(at_ams.get_absolute_url()).content.decode()
    assert devices["ams"][0].name in page and devices["ams"][1].name not in page
    assert api.post("/api/extras/dynamic-groups/", {"name": "x", "content_type": "dcim.device"}).status_code == 403


def test_member_cache_and_its_command(settings, fleet):
    ams, fra, devices = fleet
    at_ams = group(filter={"site": [ams.slug]})
    device = devices["ams"][0]
    cache.clear()
    settings.DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT = 0
    with CaptureQueriesContext(connection) as uncached:
        assert at_ams.has_member(device, use_cache=True)
    assert len(uncached) >= 1 and cache.get(f"nautobot.extras.dynamicgroup.{at_ams.pk}.cached_members") is None
    settings.DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT = 300
    call_command("refresh_dynamic_group_member_caches", stdout=__import__("io").StringIO())
    assert cache.get(f"nautobot.extras.dynamicgroup.{at_ams.pk}.cached_members") == {
        d.pk for d in devices["ams"] + devices["ams-planned"]
    }
    Device.objects.filter(pk=device.pk).update(site=fra)  # the cache keeps the old answer until refreshed
    with CaptureQueriesContext(connection) as cached:
        assert at_ams.has_member(device, use_cache=True)
    assert len(cached) == 0
    assert not at_ams.has_member(device)
    call_command("refresh_dynamic_group_member_caches", stdout=__import__("io").StringIO())
    assert not at_ams.has_member(device, use_cache=True)


def test_config_contexts_scoped_by_dynamic_groups(settings, api, fleet):
    ams, fra, devices = fleet
    at_ams = group(filter={"site": [ams.slug]})
    created = api.post(
        "/api/extras/config-contexts/",
        {"name": "ams-ntp", "data": {"ntp": "10.0.0.1"}, "dynamic_groups": [str(at_ams.pk)]},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert [g["id"] for g in body["dynamic_groups"]] == [str(at_ams.pk)]
    assert body["dynamic_groups"][0]["content_type"] == "dcim.device"
    inside, outside = devices["ams"][0], devices["fra"][0]
    settings.CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED = True
    assert api.get(f"/api/dcim/devices/{inside.pk}/").json()["config_context"] == {"ntp": "10.0.0.1"}
    assert api.get(f"/api/dcim/devices/{outside.pk}/").json()["config_context"] == {}
    settings.CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED = False  # as 1.x: the scope is ignored, the context applies to all
    assert api.get(f"/api/dcim/devices/{outside.pk}/").json()["config_context"] == {"ntp": "10.0.0.1"}
    listed = api.get("/api/extras/config-contexts/", dynamic_groups=at_ams.slug).json()
    assert [c["name"] for c in listed["results"]] == ["ams-ntp"]
    assert ConfigContext.objects.get(name="ams-ntp").dynamic_groups.get() == at_ams


def test_an_app_model_with_the_1x_mixin_lists_its_groups():
    from example_app_1x.models import Exchange

    from nautobot.extras.models import DynamicGroupMixin

    device = b.device()
    mine = group(filter={"site": [device.site.slug]})
    group(filter={"site": [b.site().slug]})
    # The mixin's properties, on an object whose model groups can select (a device)...
    assert list(DynamicGroupMixin.dynamic_groups.fget(device)) == [mine]
    assert list(DynamicGroupMixin.dynamic_groups_cached.fget(device)) == [mine]
    assert DynamicGroupMixin.get_dynamic_groups_url(device) == f"/dcim/devices/{device.pk}/dynamic-groups/"
    # ...and on an app's model that does not declare the `dynamic_groups` feature: none.
    exchange = Exchange.objects.create(name="ix", slug="ix", asn=65001, status=b.status())
    assert list(DynamicGroupMixin.dynamic_groups.fget(exchange)) == []
    assert DynamicGroupMixin.get_dynamic_groups_url(exchange) is None


def test_a_parent_group_has_no_filter_of_its_own(api):
    filtered, other = group(filter={"status": ["active"]}), group()
    refused = api.post(
        "/api/extras/dynamic-group-memberships/",
        {"parent_group": str(filtered.pk), "group": str(other.pk), "operator": "union", "weight": 10},
    )
    assert refused.status_code == 400 and "filters" in str(refused.json()), refused.content
    parent = group()
    child(parent, other, "union", 10)
    patched = api.patch(f"/api/extras/dynamic-groups/{parent.pk}/", {"filter": {"status": ["active"]}})
    assert patched.status_code == 400 and "filter" in patched.json(), patched.content
    moved = api.patch(f"/api/extras/dynamic-groups/{parent.pk}/", {"content_type": "dcim.site"})
    assert moved.status_code == 400 and "content_type" in moved.json(), moved.content
