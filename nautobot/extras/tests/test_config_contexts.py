"""Config contexts: scope matching (trees and tags), merge order, local data, schemas, and the device API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nautobot.virtualization.tests import builders as b
from nautobot.extras.models import ConfigContext, ConfigContextSchema, ObjectChange
from nautobot.extras.configcontexts.rendered import deep_merge, rendered_config_contexts

pytestmark = pytest.mark.django_db
DEVICES = "/api/dcim/devices/"
CONTEXTS = "/api/extras/config-contexts/"


def context(name: str, data: dict, weight: int = 1000, **scopes) -> ConfigContext:
    is_active = scopes.pop("is_active", True)
    created = ConfigContext.objects.create(name=name, weight=weight, data=data, is_active=is_active)
    for scope, targets in scopes.items():
        getattr(created, scope).set(targets)
    return created


def rendered(device) -> dict:
    return rendered_config_contexts([device])[device.pk]


def test_deep_merge_merges_dicts_and_replaces_everything_else():
    base = {"a": {"x": 1, "y": [1, 2]}, "b": 1}
    assert deep_merge(base, {"a": {"y": [3], "z": {"k": 1}}, "b": {"now": "dict"}}) == {
        "a": {"x": 1, "y": [3], "z": {"k": 1}},
        "b": {"now": "dict"},
    }
    assert base == {"a": {"x": 1, "y": [1, 2]}, "b": 1}  # inputs are never modified


def test_merge_order_is_weight_then_name_and_local_data_wins():
    device = b.device(local_context_data={"ntp": {"primary": "local"}})
    context("b-heavy", {"ntp": {"primary": "heavy", "secondary": "heavy"}, "dns": ["heavy"]}, weight=2000)
    context(
        "z-light", {"ntp": {"primary": "light", "tertiary": "light"}, "dns": ["light"], "only": "light"}, weight=100
    )
    context("a-same", {"tie": "a"}, weight=500)
    context("b-same", {"tie": "b"}, weight=500)
    assert rendered(device) == {
        "ntp": {"primary": "local", "secondary": "heavy", "tertiary": "light"},
        "dns": ["heavy"],
        "only": "light",
        "tie": "b",
    }


def test_scopes_must_all_match_and_inactive_contexts_never_apply():
    site, other_site, role, platform = b.site(), b.site(), b.device_role(), b.platform()
    device = b.device(site=site, device_role=role, platform=platform)
    context("global", {"global": True})
    context("site-and-role", {"site_and_role": True}, sites=[site], roles=[role])
    context("site-and-other-role", {"wrong_role": True}, sites=[site], roles=[b.device_role()])
    context("either-site", {"either_site": True}, sites=[site, other_site])
    context("platform", {"platform": True}, platforms=[platform])
    context("device-type", {"device_type": True}, device_types=[device.device_type])
    context("inactive", {"inactive": True}, is_active=False)
    assert rendered(device) == {
        "global": True,
        "site_and_role": True,
        "either_site": True,
        "platform": True,
        "device_type": True,
    }


def test_tag_scope_matches_any_of_the_device_tags():
    red, blue, green = b.tag(), b.tag(), b.tag()
    device = b.device()
    device.tags.set([red, blue])
    context("red-or-green", {"red_or_green": True}, tags=[red, green])
    context("green", {"green": True}, tags=[green])
    assert rendered(device) == {"red_or_green": True}
    assert rendered(b.device()) == {}


def test_region_and_location_scopes_apply_to_their_descendants():
    top = b.region()
    child = b.region(parent=top)
    grandchild = b.region(parent=child)
    site = b.site(region=grandchild)
    building = b.location(site=site)
    room = b.location(site=site, parent=building, location_type=b.location_type(parent=building.location_type))
    device = b.device(site=site, location=room)
    context("top-region", {"top_region": True}, regions=[top])
    context("sibling-region", {"sibling": True}, regions=[b.region(parent=top)])
    context("building", {"building": True}, locations=[building])
    context("other-location", {"other_location": True}, locations=[b.location()])
    assert rendered(device) == {"top_region": True, "building": True}
    assert rendered(b.device()) == {}


def test_tenant_and_tenant_group_scopes():
    group = b.tenant_group()
    tenant = b.tenant(group=group)
    device = b.device(tenant=tenant)
    context("group", {"group": True}, tenant_groups=[group])
    context("tenant", {"tenant": True}, tenants=[tenant])
    context("other-group", {"other": True}, tenant_groups=[b.tenant_group()])
    assert rendered(device) == {"group": True, "tenant": True}
    assert rendered(b.device()) == {}


def test_device_api_shows_rendered_context_unless_excluded(api):
    site = b.site()
    device = b.device(site=site, local_context_data={"hostname": "local"})
    context("site", {"syslog": ["192.0.2.10"], "hostname": "from-context"}, sites=[site])
    expected = {"syslog": ["192.0.2.10"], "hostname": "local"}
    detail = api.get(f"{DEVICES}{device.pk}/").json()
    assert detail["config_context"] == expected
    assert detail["local_context_data"] == {"hostname": "local"}
    listed = api.get(DEVICES, id=str(device.pk)).json()["results"][0]
    assert listed["config_context"] == expected
    assert (
        api.get(DEVICES, id=str(device.pk), include="config_context").json()["results"][0]["config_context"] == expected
    )
    assert "config_context" not in api.get(f"{DEVICES}{device.pk}/", exclude="config_context").json()
    assert "config_context" not in api.get(DEVICES, exclude="config_context").json()["results"][0]
    assert "config_context" not in api.get(DEVICES, brief="true").json()["results"][0]
    created = api.post(
        DEVICES,
        {
            "name": "new",
            "device_type": str(b.device_type().pk),
            "device_role": str(b.device_role().pk),
            "site": str(site.pk),
            "status": "active",
        },
    )
    assert created.status_code == 201 and created.json()["config_context"] == {
        "syslog": ["192.0.2.10"],
        "hostname": "from-context",
    }
    logged = ObjectChange.objects.get(changed_object_id=created.json()["id"]).object_data
    assert "local_context_data" in logged and "config_context" not in logged  # as the original's change log


def test_device_list_renders_contexts_in_constant_queries(api):
    region = b.region(parent=b.region())
    site = b.site(region=region)
    tag = b.tag()
    context("by-region", {"region": True}, regions=[region.parent], weight=10)
    context("by-tag", {"tag": True}, tags=[tag], weight=20)
    context("by-site", {"site": True}, sites=[site], weight=30)
    context("by-location", {"location": True}, locations=[b.location(site=site)], weight=40)
    first = b.device(site=site, location=b.location(site=site), local_context_data={"local": 1})
    first.tags.add(tag)
    api.get(DEVICES, site=site.slug, limit=100)  # the first request of a process is cold (runtime settings...)
    with CaptureQueriesContext(connection) as one:  # both pages short: neither needs a COUNT query
        response = api.get(DEVICES, site=site.slug, limit=100)
    assert response.json()["results"][0]["config_context"] == {"region": True, "tag": True, "site": True, "local": 1}
    for _ in range(49):
        b.device(site=site, location=b.location(site=site)).tags.add(tag)
    with CaptureQueriesContext(connection) as fifty:
        response = api.get(DEVICES, site=site.slug, limit=100)
    results = response.json()["results"]
    assert len(results) == 50
    assert all(r["config_context"]["region"] and r["config_context"]["tag"] for r in results)
    assert len(fifty) == len(one), "\n".join(q["sql"] for q in fifty.captured_queries)


def test_context_data_is_validated_against_its_schema(api):
    schema = ConfigContextSchema.objects.create(
        name="NTP",
        slug="ntp",
        data_schema={
            "type": "object",
            "properties": {
                "ntp": {
                    "type": "object",
                    "properties": {
                        "servers": {"type": "array", "items": {"type": "string", "format": "ipv4"}},
                        "port": {"type": "integer"},
                    },
                }
            },
        },
    )
    bad = api.post(
        CONTEXTS, {"name": "bad", "schema": str(schema.pk), "data": {"ntp": {"servers": ["192.0.2.1"], "port": "123"}}}
    )
    assert bad.status_code == 400
    assert bad.json() == {"data": ["Data does not match the schema NTP: ntp/port: '123' is not of type 'integer'"]}
    good = api.post(
        CONTEXTS, {"name": "good", "schema": str(schema.pk), "data": {"ntp": {"servers": ["192.0.2.1"], "port": 123}}}
    )
    assert good.status_code == 201, good.content
    # Attaching a schema to existing data validates that data too.
    loose = api.post(CONTEXTS, {"name": "loose", "data": {"ntp": {"port": "x"}}}).json()
    patched = api.patch(loose["url"], {"schema": str(schema.pk)})
    assert patched.status_code == 400 and "ntp/port" in patched.json()["data"][0]
    not_object = api.post(CONTEXTS, {"name": "list", "data": [1, 2]})
    assert not_object.status_code == 400 and "object form" in not_object.json()["data"][0]


def test_schemas_must_be_valid_json_schemas_of_objects(api):
    url = "/api/extras/config-context-schemas/"
    wrong = api.post(
        url,
        {"name": "S", "slug": "s", "data_schema": {"type": "object", "properties": {"a": {"type": "no-such-type"}}}},
    )
    assert wrong.status_code == 400
    assert wrong.json()["data_schema"][0].startswith("Not a valid JSON Schema at properties/a/type:")
    not_object = api.post(url, {"name": "S", "slug": "s", "data_schema": {"type": "array"}})
    assert not_object.status_code == 400 and '"object"' in not_object.json()["data_schema"][0]
    assert (
        api.post(url, {"name": "S", "slug": "s", "data_schema": {"type": "object", "properties": {}}}).status_code
        == 201
    )


def test_local_context_data_and_schema_on_devices(api):
    schema = ConfigContextSchema.objects.create(
        name="Host",
        slug="host",
        data_schema={"type": "object", "properties": {"hostname": {"type": "string"}}, "required": ["hostname"]},
    )
    device = b.device()
    url = f"{DEVICES}{device.pk}/"
    missing = api.patch(url, {"local_context_schema": str(schema.pk)})
    assert missing.status_code == 400 and missing.json() == {
        "local_context_schema": ["Local context data must exist for a schema to be applied."]
    }
    invalid = api.patch(url, {"local_context_schema": str(schema.pk), "local_context_data": {"hostname": 7}})
    assert invalid.status_code == 400
    assert invalid.json() == {
        "local_context_data": ["Data does not match the schema Host: hostname: 7 is not of type 'string'"]
    }
    required = api.patch(url, {"local_context_schema": str(schema.pk), "local_context_data": {}})
    assert (
        required.status_code == 400
        and "(top level): 'hostname' is a required property" in required.json()["local_context_data"][0]
    )
    ok = api.patch(url, {"local_context_schema": str(schema.pk), "local_context_data": {"hostname": "r1"}})
    assert ok.status_code == 200, ok.content
    assert ok.json()["local_context_schema"]["slug"] == "host" and ok.json()["config_context"] == {"hostname": "r1"}
    assert [d["id"] for d in api.get(DEVICES, local_context_data="true").json()["results"]] == [str(device.pk)]
    assert str(device.pk) not in [d["id"] for d in api.get(DEVICES, local_context_data="false").json()["results"]]
    assert [d["id"] for d in api.get(DEVICES, local_context_schema="host").json()["results"]] == [str(device.pk)]


def test_config_context_filters(api):
    parent = b.region()
    tag = b.tag()
    by_region = context("by-region", {}, regions=[parent])
    by_tag = context("by-tag", {}, tags=[tag])
    assert [c["id"] for c in api.get(CONTEXTS, region=parent.slug).json()["results"]] == [str(by_region.pk)]
    assert [c["id"] for c in api.get(CONTEXTS, region_id=str(parent.pk)).json()["results"]] == [str(by_region.pk)]
    assert [c["id"] for c in api.get(CONTEXTS, tag=tag.slug).json()["results"]] == [str(by_tag.pk)]
    listed = api.get(f"{CONTEXTS}{by_tag.pk}/").json()
    assert [t["slug"] for t in listed["tags"]] == [tag.slug] and listed["owner"] is None


def test_graphql_config_context_reads_the_contexts_once_per_request(api):
    region = b.region(parent=b.region())
    site = b.site(region=region)
    context("by-region", {"region": True}, regions=[region.parent], weight=10)
    context("by-site", {"site": True}, sites=[site], weight=20)
    query = {
        "query": "query ($site: [String]) { devices(site: $site) { name config_context } }",
        "variables": {"site": [site.slug]},
    }
    b.device(site=site, local_context_data={"local": 1})
    api.post("/api/graphql/", query)  # warm: a process's first query reads the custom field definitions
    with CaptureQueriesContext(connection) as one:
        response = api.post("/api/graphql/", query)
    assert response.status_code == 200, response.content
    assert response.json()["data"]["devices"][0]["config_context"] == {"region": True, "site": True, "local": 1}
    for _ in range(9):
        b.device(site=site)
    with CaptureQueriesContext(connection) as ten:
        devices = api.post("/api/graphql/", query).json()["data"]["devices"]
    assert len(devices) == 10 and all(d["config_context"]["region"] and d["config_context"]["site"] for d in devices)
    assert len(ten) == len(one), "\n".join(q["sql"] for q in ten.captured_queries)


def test_virtual_machines_match_cluster_scopes_in_constant_queries(api):
    group = b.cluster_group()
    cluster = b.cluster(group=group, site=b.site(region=b.region()))
    context("by-group", {"group": True}, cluster_groups=[group], weight=10)
    context("by-cluster", {"cluster": True}, clusters=[cluster], weight=20)
    context("by-region", {"region": True}, regions=[cluster.site.region], weight=30)
    b.virtual_machine(cluster=cluster)
    url = "/api/virtualization/virtual-machines/"
    api.get(url)  # warm the content type cache
    with CaptureQueriesContext(connection) as one:
        first = api.get(url, cluster_id=str(cluster.pk)).json()["results"]
    assert first[0]["config_context"] == {"group": True, "cluster": True, "region": True}
    for _ in range(9):
        b.virtual_machine(cluster=cluster)
    with CaptureQueriesContext(connection) as ten:
        results = api.get(url, cluster_id=str(cluster.pk)).json()["results"]
    assert len(results) == 10 and all(r["config_context"] == first[0]["config_context"] for r in results)
    assert len(ten) == len(one), "\n".join(q["sql"] for q in ten.captured_queries)
    query = {"query": "{ virtual_machines { name config_context } }"}
    assert {
        v["config_context"]["cluster"] for v in api.post("/api/graphql/", query).json()["data"]["virtual_machines"]
    } == {True}


def test_virtual_machines_match_location_scopes_through_their_cluster(api):
    site = b.site()
    building = b.location(site=site)
    room = b.location(site=site, parent=building, location_type=b.location_type(parent=building.location_type))
    placed = b.virtual_machine(cluster=b.cluster(site=site, location=room))
    elsewhere = b.virtual_machine(cluster=b.cluster(site=site))
    context("building", {"building": True}, locations=[building], weight=10)
    context("room", {"room": True}, locations=[room], weight=20)
    context("other-location", {"other": True}, locations=[b.location()], weight=30)
    assert rendered(placed) == {"building": True, "room": True}
    assert rendered(elsewhere) == {}
    url = "/api/virtualization/virtual-machines/"
    body = api.get(f"{url}{placed.pk}/").json()
    assert body["config_context"] == {"building": True, "room": True}
    assert body["location"]["id"] == str(room.pk) and body["site"]["id"] == str(site.pk)
    by_id = {r["id"]: r for r in api.get(url, limit=0).json()["results"]}
    assert by_id[str(elsewhere.pk)]["config_context"] == {} and by_id[str(elsewhere.pk)]["location"] is None
    assert by_id[str(placed.pk)]["config_context"] == {"building": True, "room": True}
    query = {"query": "{ virtual_machines { name config_context } }"}
    graphql = {
        v["name"]: v["config_context"] for v in api.post("/api/graphql/", query).json()["data"]["virtual_machines"]
    }
    assert graphql == {placed.name: {"building": True, "room": True}, elsewhere.name: {}}
