"""The REST API's rules as clients depend on them: versions, pagination, filters, writes, errors, auth."""

import base64
import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nautobot.core.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db
SITES = "/api/dcim/sites/"


def versioned(admin_user, version):
    return TokenClient(Token.objects.create(user=admin_user).key, version=version)


# Versions ---------------------------------------------------------------------------------------


def test_version_negotiation(admin_user, api):
    assert api.get("/api/")["API-Version"] == "1.2"
    assert versioned(admin_user, "1.4").get(SITES)["API-Version"] == "1.4"
    rejected = versioned(admin_user, "2.0").get(SITES)
    assert rejected.status_code == 406 and "API-Version" not in rejected
    assert "Supported versions are 1.2, 1.3, 1.4, 1.5, 1.6" in rejected.json()["detail"]
    assert api.get(SITES, api_version="1.9").status_code == 404
    assert api.get(SITES, api_version="1.5")["API-Version"] == "1.5"
    assert versioned(admin_user, "1.3").get(SITES, api_version="1.4").status_code == 400


def test_interface_status_exists_from_1_4(admin_user, api):
    device = b.device()
    old = api.post("/api/dcim/interfaces/", {"device": str(device.pk), "name": "eth0", "type": "1000base-t"})
    assert old.status_code == 201 and "status" not in old.json()
    new = versioned(admin_user, "1.4")
    assert new.get(old.json()["url"]).json()["status"] == {"value": "active", "label": "Active"}
    missing = new.post("/api/dcim/interfaces/", {"device": str(device.pk), "name": "eth1", "type": "1000base-t"})
    assert missing.status_code == 400 and "status" in missing.json()


def test_tag_content_types_by_version(admin_user, api):
    legacy = api.post("/api/extras/tags/", {"name": "Legacy", "slug": "legacy"})
    assert legacy.status_code == 201 and "content_types" not in legacy.json()
    modern = versioned(admin_user, "1.3")
    assert "dcim.device" in modern.get(legacy.json()["url"]).json()["content_types"]
    assert modern.post("/api/extras/tags/", {"name": "New", "slug": "new"}).status_code == 400


# Pagination -------------------------------------------------------------------------------------


def test_pagination_rules(api, settings):
    for _ in range(7):
        b.site()
    page = api.get(SITES, limit=3, offset=3, status="active").json()
    assert page["count"] == 7 and len(page["results"]) == 3
    assert (
        page["next"].startswith("http://testserver/api/dcim/sites/?")
        and "status=active" in page["next"]
        and "offset=6" in page["next"]
    )
    assert "offset" not in api.get(SITES, limit=3, offset=2).json()["previous"]
    settings.MAX_PAGE_SIZE = 5
    assert len(api.get(SITES, limit=100).json()["results"]) == 5
    assert len(api.get(SITES, limit=0).json()["results"]) == 5
    settings.MAX_PAGE_SIZE = 0
    everything = api.get(SITES, limit=0).json()
    assert len(everything["results"]) == 7 and everything["next"] is None
    settings.PAGINATE_COUNT = 2
    assert len(api.get(SITES, limit=-4).json()["results"]) == 2
    assert len(api.get(SITES, limit="x").json()["results"]) == 2
    assert api.get(SITES, offset=100).json()["results"] == []


def test_short_pages_are_counted_without_a_count_query(api):
    for _ in range(7):
        b.site()

    def page_and_counts(**params):
        with CaptureQueriesContext(connection) as queries:
            page = api.get(SITES, **params).json()
        return page, sum(1 for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)"))

    for params, count, rows, count_queries in (
        ({"limit": 10}, 7, 7, 0),  # the whole list fits: its length is the count
        ({"limit": 3, "offset": 6}, 7, 1, 0),  # a short last page: offset + its length
        ({"limit": 3, "offset": 3}, 7, 3, 1),  # a full page: more may follow, so count
        ({"limit": 7}, 7, 7, 1),  # exactly full: count (an eighth row could exist)
        ({"limit": 3, "offset": 7}, 7, 0, 1),  # past the end: nothing says how many there are
        ({"limit": 3, "offset": 100}, 7, 0, 1),
    ):
        page, counted = page_and_counts(**params)
        assert (page["count"], len(page["results"]), counted) == (count, rows, count_queries), params
    assert page_and_counts(limit=3, offset=6)[0]["next"] is None


# Filters ----------------------------------------------------------------------------------------


def test_filter_grammar(api):
    region = b.region()
    a = b.site(region=region)
    c = b.site()
    names = lambda response: sorted(o["name"] for o in response.json()["results"])  # noqa: E731
    assert names(api.get(SITES, name=[a.name, c.name])) == sorted([a.name, c.name])
    assert names(api.get(SITES, name__n=a.name)) == [c.name]
    assert names(api.get(SITES, name__ic=a.name.upper())) == [a.name]
    assert names(api.get(SITES, name__isw=a.name[:4], region=region.slug)) == [a.name]
    assert names(api.get(SITES, region_id=str(region.pk))) == [a.name]
    assert names(api.get(SITES, region="null")) == [c.name]
    assert names(api.get(SITES, q=c.name)) == [c.name]
    assert api.get(SITES, id="not-a-uuid").status_code == 400
    # Empty values of plain filters are ignored, as the original's: `?name=` does not filter, and is not a 400;
    # an empty related object is an unknown one (below).
    assert names(api.get(SITES, name="", id="")) == sorted([a.name, c.name])
    assert names(api.get(SITES, name=["", a.name])) == [a.name]


UNKNOWN_UUID = "00000000-0000-0000-0000-0000000000ff"


def choice_error(value) -> list[str]:
    return [f"Select a valid choice. {value} is not one of the available choices."]


def test_unknown_related_objects_are_field_errors_as_in_the_original(api):
    region = b.region()
    site = b.site(region=region)
    devices = "/api/dcim/devices/"
    for params, errors in (
        ({"site": "nope"}, {"site": choice_error("nope")}),
        ({"site__n": "nope"}, {"site__n": choice_error("nope")}),
        ({"site": ""}, {"site": choice_error("")}),
        ({"site": UNKNOWN_UUID}, {"site": choice_error(UNKNOWN_UUID)}),
        ({"site_id": UNKNOWN_UUID}, {"site_id": choice_error(UNKNOWN_UUID)}),
        ({"site_id__n": UNKNOWN_UUID}, {"site_id__n": choice_error(UNKNOWN_UUID)}),
        ({"site_id": "xyz"}, {"site_id": ["\u201cxyz\u201d is not a valid UUID."]}),
        ({"site_id": [UNKNOWN_UUID, "xyz"]}, {"site_id": ["\u201cxyz\u201d is not a valid UUID."]}),
        ({"site": [site.slug, "nope", "null"]}, {"site": choice_error("nope")}),
        ({"site_id": [str(site.pk), UNKNOWN_UUID]}, {"site_id": choice_error(UNKNOWN_UUID)}),
        (
            {"site": "nope", "rack_id": UNKNOWN_UUID},
            {"site": choice_error("nope"), "rack_id": choice_error(UNKNOWN_UUID)},
        ),
        ({"status": ["active", "bogus"]}, {"status": choice_error("bogus")}),
        ({"tag": "nope"}, {"tag": choice_error("nope")}),
        ({"tag__n": "nope"}, {"tag__n": choice_error("nope")}),
        ({"face": "sideways"}, {"face": choice_error("sideways")}),
        ({"face__n": "FRONT"}, {"face__n": choice_error("FRONT")}),
    ):
        response = api.get(devices, **params)
        assert (response.status_code, response.json()) == (400, errors), params
    assert api.get("/api/extras/tags/", content_types="dcim.nope").json() == {
        "content_types": choice_error("dcim.nope")
    }
    assert api.get("/api/dcim/cables/", termination_a_type="dcim.nope").json() == {
        "termination_a_type": choice_error("dcim.nope")
    }
    assert api.get("/api/dcim/console-port-templates/", devicetype_id=UNKNOWN_UUID).status_code == 400

    # Known objects, by slug or UUID, and `null` (= none) still filter.
    other = b.site()
    placed, unplaced_rack = b.device(site=site), b.device(site=other)
    tenant = b.tenant()
    placed.tenant = tenant
    placed.save()
    ids = lambda **params: {r["id"] for r in api.get(devices, limit=0, **params).json()["results"]}  # noqa: E731
    assert ids(site=[site.slug, str(other.pk)]) == {str(placed.pk), str(unplaced_rack.pk)}
    assert ids(site_id=str(site.pk)) == {str(placed.pk)} == ids(site__n=other.slug)
    assert ids(tenant="null") == {str(unplaced_rack.pk)} == ids(tenant_id="null")
    assert ids(tenant__n="null") == {str(placed.pk)} == ids(tenant_id__n="null")
    assert ids(tenant=["null", tenant.slug]) == {str(placed.pk), str(unplaced_rack.pk)}
    unregioned = {r["id"] for r in api.get("/api/dcim/sites/", region="null", limit=0).json()["results"]}
    assert str(other.pk) in unregioned and str(site.pk) not in unregioned


def test_a_relation_filter_costs_one_existence_query(api):
    sites = [b.site() for _ in range(3)]
    for site in sites:
        b.device(site=site)

    def queries(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/api/dcim/devices/", **params).status_code == 200
        return len(captured.captured_queries)

    queries()  # warm-up: the first request of a process fills Django's content type cache (one query, once)
    baseline = queries()  # the same three devices, unfiltered
    # One query checks every value of a parameter, however many.
    assert queries(site=[s.slug for s in sites]) == baseline + 1
    assert queries(site_id=[str(s.pk) for s in sites], site__n="null") == baseline + 1  # `null`: nothing to look up
    assert queries(site_id=[str(s.pk) for s in sites], status="active") == baseline + 2


def test_boolean_filters_accept_the_usual_spellings(api):
    role = b.device_role(vm_role=True)
    b.device_role(vm_role=False)
    for word in ("True", "true", "1"):
        results = api.get("/api/dcim/device-roles/", vm_role=word).json()["results"]
        assert [r["id"] for r in results] == [str(role.pk)], word
    assert api.get("/api/dcim/device-roles/", vm_role="False").json()["count"] == 1


def test_tag_filter_means_all_tags(api):
    from nautobot.extras.models import Tag

    red, blue = Tag.objects.create(name="Red", slug="red"), Tag.objects.create(name="Blue", slug="blue")
    both, only_red = b.site(), b.site()
    both.tags.set([red, blue])
    only_red.tags.set([red])
    assert api.get(SITES, tag=["red", "blue"]).json()["count"] == 1
    assert api.get(SITES, tag="red").json()["count"] == 2


# Writes -----------------------------------------------------------------------------------------


def test_related_objects_by_attributes(api):
    region = b.region()
    body = {
        "name": "By Attributes",
        "slug": "by-attributes",
        "status": "ACTIVE",
        "region": {"slug": region.slug, "display": "ignored"},
        "not_a_field": 1,
    }
    created = api.post(SITES, body)
    assert created.status_code == 201, created.content
    assert created.json()["region"]["id"] == str(region.pk)
    assert created.json()["status"] == {"value": "active", "label": "Active"}
    missing = api.post(SITES, {**body, "slug": "x2", "name": "x2", "region": {"slug": "nope"}})
    assert missing.status_code == 400
    assert missing.json()["region"] == ["Related object not found using the provided attributes: {'slug': 'nope'}"]
    bad = api.post(SITES, {**body, "slug": "x3", "name": "x3", "region": 3.5})
    assert "unrecognized value" in bad.json()["region"][0]
    unknown_id = api.post(SITES, {**body, "slug": "x4", "name": "x4", "region": "7b5f6f5e-0000-0000-0000-000000000000"})
    assert "Related object not found using the provided ID" in unknown_id.json()["region"][0]


def test_invalid_choice_and_status_are_field_errors(api):
    bad = api.post("/api/dcim/racks/", {"name": "r", "site": str(b.site().pk), "status": "bogus", "type": "nope"})
    assert bad.status_code == 400
    assert set(bad.json()) >= {"status", "type"}


def test_bulk_create_with_a_duplicate_is_a_400_and_creates_nothing(api):
    body = [{"name": "Dup A", "slug": "dup"}, {"name": "Dup B", "slug": "dup"}]
    response = api.post("/api/dcim/manufacturers/", body)
    assert response.status_code == 400
    errors = response.json()
    assert isinstance(errors, list) and len(errors) == 2 and errors[0] == {} and errors[1]
    assert api.get("/api/dcim/manufacturers/", slug="dup").json()["count"] == 0


def test_bulk_validation_errors_align_with_the_input(api):
    response = api.post(
        "/api/dcim/manufacturers/",
        [{"name": "Fine", "slug": "fine"}, {"slug": "no-name"}, {"name": "Fine 2", "slug": "fine-2"}],
    )
    assert response.status_code == 400
    assert response.json() == [{}, {"name": ["This field is required."]}, {}]
    assert api.get("/api/dcim/manufacturers/", slug="fine").json()["count"] == 0


def test_protected_delete_is_a_409(api):
    device = b.device()
    response = api.delete(f"/api/dcim/device-roles/{device.device_role_id}/")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Unable to delete object. 1 dependent objects were found:")


def test_device_creation_builds_components_and_orders_them_naturally(api):
    from nautobot.dcim.models import InterfaceTemplate

    device_type = b.device_type()
    for name in ("Ethernet1/10", "Ethernet1/2", "Ethernet1/1"):
        InterfaceTemplate.objects.create(device_type=device_type, name=name, type="1000base-t")
    created = api.post(
        "/api/dcim/devices/",
        {
            "device_type": {"slug": device_type.slug},
            "device_role": str(b.device_role().pk),
            "site": str(b.site().pk),
            "status": "active",
        },
    )
    assert created.status_code == 201, created.content
    device = created.json()
    assert device["display"] == f"{device_type.manufacturer.name} {device_type.model} ({device['id']})"
    interfaces = api.get("/api/dcim/interfaces/", device_id=device["id"]).json()["results"]
    assert [i["name"] for i in interfaces] == ["Ethernet1/1", "Ethernet1/2", "Ethernet1/10"]


def test_virtual_chassis_adopts_its_master(api):
    device = b.device()
    chassis = api.post("/api/dcim/virtual-chassis/", {"name": "vc1", "master": str(device.pk)})
    assert chassis.status_code == 201, chassis.content
    member = api.get(f"/api/dcim/devices/{device.pk}/").json()
    assert member["virtual_chassis"]["id"] == chassis.json()["id"] and member["vc_position"] == 1
    assert api.get(chassis.json()["url"]).json()["member_count"] == 1


def test_custom_fields_are_validated_and_defaulted(api):
    b.custom_field("dcim.site", name="circuit_count", type="integer", default=2, validation_maximum=10)
    site = api.post(SITES, {"name": "CF", "slug": "cf", "status": "active"}).json()
    assert site["custom_fields"] == {"circuit_count": 2}
    too_big = api.patch(site["url"], {"custom_fields": {"circuit_count": 11}})
    assert too_big.status_code == 400 and "circuit_count" in too_big.json()["custom_fields"]
    unknown = api.patch(site["url"], {"custom_fields": {"nope": 1}})
    assert unknown.status_code == 400
    assert api.patch(site["url"], {"custom_fields": {"circuit_count": 7}}).json()["custom_fields"] == {
        "circuit_count": 7
    }


# Auth -------------------------------------------------------------------------------------------


def test_token_errors(admin_user, django_user_model):
    assert TokenClient("0" * 40).get("/api/").json() == {"detail": "Invalid token"}
    expired = Token.objects.create(user=admin_user, expires=timezone.now() - datetime.timedelta(minutes=1))
    assert TokenClient(expired.key).get("/api/").json() == {"detail": "Token expired"}
    sleeper = django_user_model.objects.create_user("sleeper", password="pw", is_active=False)
    assert TokenClient(Token.objects.create(user=sleeper).key).get("/api/").json() == {"detail": "User inactive"}


def test_token_auth_is_one_query_and_sees_every_change(admin_user):
    token = Token.objects.create(user=admin_user, write_enabled=False)
    client = TokenClient(token.key)
    with CaptureQueriesContext(connection) as queries:
        root = client.get("/api/")
    assert root.status_code == 200 and len(queries.captured_queries) == 1
    assert client.post(SITES, {"name": "x", "slug": "x", "status": "active"}).status_code == 403
    Token.objects.filter(pk=token.pk).update(write_enabled=True)
    assert client.post(SITES, {"name": "x", "slug": "x", "status": "active"}).status_code == 201
    admin_user.is_active = False
    admin_user.save()
    assert client.get("/api/").json() == {"detail": "User inactive"}
    Token.objects.filter(pk=token.pk).update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/api/").json() == {"detail": "Token expired"}
    token.delete()
    assert client.get("/api/").json() == {"detail": "Invalid token"}


def test_root_lists_every_app_with_api_routes_by_name(api):
    assert list(api.get("/api/").json()) == [
        "circuits",
        "dcim",
        "extras",
        "graphql",
        "ipam",
        "plugins",
        "status",
        "tenancy",
        "users",
        "virtualization",
    ]


def test_root_links_keep_the_format_parameter(api):
    assert api.get("/api/").json()["dcim"] == "http://testserver/api/dcim/"
    assert api.get("/api/", format="json").json()["dcim"] == "http://testserver/api/dcim/?format=json"
    assert api.get("/api/dcim/").json()["devices"] == "http://testserver/api/dcim/devices/"
    assert api.get("/api/dcim/", format="json").json()["devices"] == "http://testserver/api/dcim/devices/?format=json"


def test_object_permissions_constrain_reads_and_writes(django_user_model):
    user = django_user_model.objects.create_user("limited", password="pw")
    visible, hidden = b.site(), b.site()
    grant = ObjectPermission.objects.create(
        name="paris only", actions=["view", "change"], constraints={"slug": visible.slug}
    )
    grant.object_types.add(b.content_type("dcim.site"))
    grant.users.add(user)
    client = TokenClient(Token.objects.create(user=user).key)
    assert [s["id"] for s in client.get(SITES).json()["results"]] == [str(visible.pk)]
    assert client.get(f"{SITES}{hidden.pk}/").status_code == 404
    assert client.patch(f"{SITES}{visible.pk}/", {"description": "ok"}).status_code == 200
    assert client.patch(f"{SITES}{visible.pk}/", {"slug": "escaped"}).status_code == 403
    assert client.post(SITES, {"name": "n", "slug": "n", "status": "active"}).status_code == 403


def test_a_constraint_may_name_an_object_by_its_uuid(django_user_model):
    """As 1.x (and 1.x apps' tests): `constraints={"pk": instance.pk}` saves (a UUID, DjangoJSONEncoder)."""
    user = django_user_model.objects.create_user("one-site", password="pw")
    visible, _hidden = b.site(), b.site()
    grant = ObjectPermission.objects.create(name="one site", actions=["view"], constraints={"pk": visible.pk})
    grant.object_types.add(b.content_type("dcim.site"))
    grant.users.add(user)
    client = TokenClient(Token.objects.create(user=user).key)
    assert [s["id"] for s in client.get(SITES).json()["results"]] == [str(visible.pk)]


def test_token_provisioning_with_basic_auth(django_user_model):
    user = django_user_model.objects.create_superuser("provisioner", "p@example.com", "s3cret")
    other = Token.objects.create(user=b.user())
    credentials = base64.b64encode(b"provisioner:s3cret").decode()
    client = Client()
    response = client.post(
        "/api/users/tokens/", data="{}", content_type="application/json", HTTP_AUTHORIZATION=f"Basic {credentials}"
    )
    assert response.status_code == 201, response.content
    token = response.json()
    assert (
        len(token["key"]) == 40 and token["write_enabled"] is True and token["display"].endswith(f"({user.username})")
    )
    listed = TokenClient(token["key"]).get("/api/users/tokens/").json()["results"]
    assert other.key not in [t["key"] for t in listed]


# Discovery --------------------------------------------------------------------------------------


def test_status_and_schema(api):
    status = api.get("/api/status/").json()
    assert {
        "django-version",
        "installed-apps",
        "nautobot-version",
        "plugins",
        "python-version",
        "rq-workers-running",
        "celery-workers-running",
    } <= set(status)
    redirect = api.get("/api/docs/", format="openapi")
    assert redirect.status_code == 301 and redirect["Location"] == "/api/swagger.json"
    schema = api.get("/api/swagger.json").json()
    parameters = {p["name"] for p in schema["paths"]["/dcim/devices/"]["get"]["parameters"]}
    assert {"site", "name__ic", "limit", "offset"} <= parameters


def test_options_status_choices_come_from_statuses(api):
    post = api.options(SITES).json()["actions"]["POST"]
    values = {c["value"] for c in post["status"]["choices"]}
    assert {"active", "planned", "retired"} <= values and "connected" not in values


def test_options_describe_the_newest_version_whatever_was_negotiated(admin_user):
    """As the original: fields of later versions are listed at the default 1.2 too (the answer still says 1.2)."""
    b.interface()
    key = Token.objects.create(user=admin_user).key
    for version in (None, "1.2", "1.3", "1.4"):
        api = TokenClient(key, version=version)
        interfaces = api.options("/api/dcim/interfaces/")
        assert interfaces["API-Version"] == (version or "1.2")
        post = interfaces.json()["actions"]["POST"]
        assert {"value": "active", "display": "Active"} in post["status"]["choices"], version
        assert "content_types" in api.options("/api/extras/tags/").json()["actions"]["POST"], version
        assert "status" in api.options("/api/virtualization/interfaces/").json()["actions"]["POST"], version
        # What is read and written still follows the negotiated version.
        shown = api.get("/api/dcim/interfaces/").json()["results"][0]
        assert ("status" in shown) is (version == "1.4"), version


def test_user_config(api, admin_user):
    admin_user.config_data = {"pagination": {"per_page": 100}}
    admin_user.save()
    response = api.get("/api/users/config/")
    assert response.status_code == 200 and response.json() == {"pagination": {"per_page": 100}}
    assert "config" in api.get("/api/users/").json()
    assert TokenClient(None).get("/api/users/config/").status_code == 403


def test_unrouted_api_path_is_a_json_404(api):
    response = api.get("/api/dcim/no-such-endpoint/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_http_trace_is_a_405_never_the_trace_action(api):
    interface = b.interface()
    for path in ("/api/dcim/interfaces/", f"/api/dcim/interfaces/{interface.pk}/", SITES, "/api/"):
        response = api.client.generic("TRACE", path, **api.headers)
        assert response.status_code == 405, (path, response.status_code)


# Write cost -------------------------------------------------------------------------------------


def test_bulk_create_costs_one_insert_and_one_unique_check_per_object(api):
    device = b.device()
    b.status("active")

    def post(names):
        body = [{"device": str(device.pk), "name": n, "type": "1000base-t", "status": "active"} for n in names]
        with CaptureQueriesContext(connection) as queries:
            response = api.post("/api/dcim/interfaces/", body)
        assert response.status_code == 201, response.content
        return len(queries.captured_queries)

    few, many = post([f"few{i}" for i in range(2)]), post([f"many{i}" for i in range(12)])
    # The device and the status are looked up once per request, the generated UUID is not checked,
    # the (device, name) uniqueness once (not by DRF and again by the model), no savepoint per object.
    assert many - few <= 2 * 10, (few, many)


def test_bulk_create_duplicates_are_refused_whole(api):
    device = b.device()
    b.interface(device=device, name="eth0")
    body = {"device": str(device.pk), "name": "eth0", "type": "1000base-t", "status": "active"}
    response = api.post("/api/dcim/interfaces/", body)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The fields device, name must make a unique set."]}
    # Two new objects clashing with each other: the second insert fails; nothing of the request stays.
    twice = [{**body, "name": "eth1"}, {**body, "name": "eth2"}, {**body, "name": "eth1"}]
    response = api.post("/api/dcim/interfaces/", twice)
    assert response.status_code == 400
    errors = response.json()
    assert errors[:2] == [{}, {}] and errors[2]["non_field_errors"]
    assert sorted(device.interfaces.values_list("name", flat=True)) == ["eth0"]
    # A unique single field (site name): DRF's message, one check.
    site = b.site()
    response = api.post(SITES, {"name": site.name, "slug": "other-slug", "status": "active"})
    assert response.status_code == 400 and "name" in response.json()


def test_bulk_writes_resolve_references_and_optional_relations_per_batch(api):
    site, device_type, role = b.site(), b.device_type(), b.device_role()
    racks = [b.rack(site=site) for _ in range(12)]
    platforms = [b.platform() for _ in range(12)]

    def bulk(n: int, tag: str) -> int:
        body = [
            {
                "name": f"{tag}{i}",
                "device_type": str(device_type.pk),
                "device_role": str(role.pk),
                "site": str(site.pk),
                "rack": str(racks[i].pk),
                "platform": str(platforms[i].pk),
                "status": "active",
            }
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as created:
            response = api.post("/api/dcim/devices/", body)
        assert response.status_code == 201, response.content
        ids = [row["id"] for row in response.json()]
        with CaptureQueriesContext(connection) as patched:
            response = api.patch("/api/dcim/devices/", [{"id": pk, "comments": "x"} for pk in ids])
        assert response.status_code == 200, response.content
        return len(created.captured_queries), len(patched.captured_queries)

    (create_few, patch_few), (create_many, patch_many) = bulk(5, "few"), bulk(12, "many")
    # Each distinct rack and platform named by the batch comes from one query per field, and the
    # platform and rack that each device's validation reads come with the batch: what grows with
    # the batch is the per-object insert/update and unique checks (a device: name per site; rack position).
    assert create_many - create_few <= 3 * 7, (create_few, create_many)
    assert patch_many - patch_few <= 2 * 7, (patch_few, patch_many)
