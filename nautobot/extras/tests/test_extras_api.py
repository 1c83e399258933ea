"""Computed fields, relationships and custom-field filters through the REST API."""

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.extras.models import ComputedField, Relationship, RelationshipAssociation

pytestmark = pytest.mark.django_db


def test_computed_fields_only_when_included(api):
    site = b.site()
    ComputedField.objects.create(
        content_type=b.content_type("dcim.site"), slug="shout", label="Shout", template="{{ obj.name|upper }}"
    )
    ComputedField.objects.create(
        content_type=b.content_type("dcim.site"),
        slug="broken",
        label="Broken",
        template="{{ obj.nope.deeper() }}",
        fallback_value="n/a",
    )
    plain = api.get(f"/api/dcim/sites/{site.pk}/").json()
    assert "computed_fields" not in plain
    included = api.get(f"/api/dcim/sites/{site.pk}/", include="computed_fields").json()
    assert included["computed_fields"] == {"shout": site.name.upper(), "broken": "n/a"}
    listed = api.get("/api/dcim/sites/", include="computed_fields").json()["results"]
    assert listed[0]["computed_fields"]["shout"] == site.name.upper()


def test_computed_field_templates_are_sandboxed_and_checked(api):
    unsafe = api.post(
        "/api/extras/computed-fields/",
        {
            "content_type": "dcim.site",
            "slug": "unsafe",
            "label": "Unsafe",
            "template": "{{ obj.__class__.__mro__ }}",
            "fallback_value": "blocked",
        },
    )
    assert unsafe.status_code == 201
    site = b.site()
    assert (
        api.get(f"/api/dcim/sites/{site.pk}/", include="computed_fields").json()["computed_fields"]["unsafe"]
        == "blocked"
    )
    bad = api.post(
        "/api/extras/computed-fields/",
        {"content_type": "dcim.site", "slug": "bad", "label": "Bad", "template": "{% if %}"},
    )
    assert bad.status_code == 400 and "template" in bad.json()


def test_relationships_included_and_cardinality_enforced(api):
    relationship = Relationship.objects.create(
        name="Primary site",
        slug="primary-site",
        type="one-to-many",
        source_type=b.content_type("dcim.site"),
        destination_type=b.content_type("dcim.device"),
    )
    site, device = b.site(), b.device()
    first = api.post(
        "/api/extras/relationship-associations/",
        {
            "relationship": str(relationship.pk),
            "source_type": "dcim.site",
            "source_id": str(site.pk),
            "destination_type": "dcim.device",
            "destination_id": str(device.pk),
        },
    )
    assert first.status_code == 201, first.content
    second = api.post(
        "/api/extras/relationship-associations/",
        {
            "relationship": str(relationship.pk),
            "source_type": "dcim.site",
            "source_id": str(b.site().pk),
            "destination_type": "dcim.device",
            "destination_id": str(device.pk),
        },
    )
    assert second.status_code == 400 and "destination_id" in second.json()
    data = api.get(f"/api/dcim/sites/{site.pk}/", include="relationships").json()["relationships"]
    assert data["primary-site"]["destination"]["objects"][0]["id"] == str(device.pk)
    device_side = api.get(f"/api/dcim/devices/{device.pk}/", include="relationships").json()["relationships"]
    assert device_side["primary-site"]["source"]["objects"][0]["id"] == str(site.pk)
    assert RelationshipAssociation.objects.count() == 1


def test_custom_field_filters(api):
    b.custom_field("dcim.site", name="building", type="text")
    b.custom_field("dcim.site", name="floors", type="integer")
    tall = api.post(
        "/api/dcim/sites/",
        {
            "name": "Tall",
            "slug": "tall",
            "status": "active",
            "custom_fields": {"building": "North Tower", "floors": 30},
        },
    )
    assert tall.status_code == 201, tall.content
    api.post(
        "/api/dcim/sites/",
        {"name": "Low", "slug": "low", "status": "active", "custom_fields": {"building": "Annex", "floors": 2}},
    )
    assert [s["slug"] for s in api.get("/api/dcim/sites/", cf_building="tower").json()["results"]] == ["tall"]
    assert [s["slug"] for s in api.get("/api/dcim/sites/", cf_floors="2").json()["results"]] == ["low"]
    assert api.get("/api/dcim/sites/", cf_nope="x").status_code == 400
    assert api.get("/api/dcim/sites/", cf_floors="many").status_code == 400


def test_content_types_filters_take_app_label_dot_model(api):
    """Tags, statuses, custom fields and location types filter by `content_types=app_label.model` (as the Ansible lookup
    `api_filter='content_types=dcim.device'` sends it); an unknown content type is the original's 400, `__n` excludes."""
    from nautobot.dcim.models import LocationType
    from nautobot.extras.models import CustomField, Status, Tag

    site_only = Tag.objects.create(name="Site only", slug="site-only")
    site_only.content_types.set([b.content_type("dcim.site")])
    both = Tag.objects.create(name="Both", slug="both")
    both.content_types.set([b.content_type("dcim.site"), b.content_type("dcim.device")])
    staged = Status.objects.create(name="Ansible Staged", slug="ansible-staged")
    staged.content_types.set([b.content_type("dcim.device")])
    field = CustomField.objects.create(name="owner", label="Owner", type="text")
    field.content_types.set([b.content_type("dcim.device")])
    floor = LocationType.objects.create(name="Floor", slug="floor")
    floor.content_types.set([b.content_type("dcim.device")])

    def slugs(path, **params):
        response = api.get(path, **params)
        assert response.status_code == 200, response.content
        return {row.get("slug") or row["name"] for row in response.json()["results"]}

    assert slugs("/api/extras/tags/", content_types="dcim.device") == {"both"}
    assert slugs("/api/extras/tags/", content_types=["dcim.device", "dcim.site"]) == {"both", "site-only"}
    assert slugs("/api/extras/tags/", content_types__n="dcim.device") == {"site-only"}
    assert "ansible-staged" in slugs("/api/extras/statuses/", content_types="dcim.device", limit=0)
    assert "ansible-staged" not in slugs("/api/extras/statuses/", content_types="dcim.site", limit=0)
    assert slugs("/api/extras/custom-fields/", content_types="dcim.device") == {"owner"}
    assert slugs("/api/dcim/location-types/", content_types="dcim.device") == {"floor"}
    for path in ("/api/extras/tags/", "/api/extras/statuses/", "/api/extras/custom-fields/"):
        bad = api.get(path, content_types="dcim.nosuch")
        assert bad.status_code == 400, (path, bad.content)
        assert bad.json() == {
            "content_types": ["Select a valid choice. dcim.nosuch is not one of the available choices."]
        }


def test_markdown_custom_field_is_text_written_in_markdown(api):
    created = api.post(
        "/api/extras/custom-fields/",
        {"content_types": ["dcim.site"], "type": "markdown", "name": "notes_md", "validation_regex": "^#"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["type"] == {"value": "markdown", "label": "Markdown"}
    site = {"name": "Doc", "slug": "doc", "status": "active"}
    refused = api.post("/api/dcim/sites/", {**site, "custom_fields": {"notes_md": "no heading"}})
    assert refused.status_code == 400 and "custom_fields" in refused.json()
    kept = api.post("/api/dcim/sites/", {**site, "custom_fields": {"notes_md": "# Rack A\n\n*cold* aisle"}})
    assert kept.status_code == 201, kept.content
    assert kept.json()["custom_fields"]["notes_md"] == "# Rack A\n\n*cold* aisle"
    assert [s["slug"] for s in api.get("/api/dcim/sites/", cf_notes_md="cold").json()["results"]] == ["doc"]


def test_custom_fields_are_named_by_name_until_1_3_and_by_slug_from_1_4(api, admin_user):
    from nautobot.core.testing.api import TokenClient
    from nautobot.users.models import Token

    legacy = api.post("/api/extras/custom-fields/", {"name": "rack_pos", "content_types": ["dcim.site"]})
    assert legacy.status_code == 201, legacy.content
    assert (legacy.json()["name"], legacy.json()["label"], legacy.json()["slug"]) == (
        "rack_pos",
        "Rack pos",
        "rack_pos",
    )

    v14 = TokenClient(Token.objects.create(user=admin_user).key, version="1.4")
    missing = v14.post("/api/extras/custom-fields/", {"content_types": ["dcim.site"], "name": "ignored"})
    assert missing.status_code == 400
    assert set(missing.json()) == {"type", "label", "slug"}
    created = v14.post(
        "/api/extras/custom-fields/",
        {"content_types": ["dcim.site"], "type": "text", "label": "Floor", "slug": "floor"},
    )
    assert created.status_code == 201, created.content
    assert "name" not in created.json() and created.json()["slug"] == "floor"
    site = v14.post("/api/dcim/sites/", {"name": "F", "status": "active", "custom_fields": {"floor": "3"}})
    assert site.status_code == 201, site.content
    assert api.get(f"/api/dcim/sites/{site.json()['id']}/").json()["custom_fields"]["floor"] == "3"
    assert api.get(f"/api/extras/custom-fields/{created.json()['id']}/").json()["name"] == "floor"  # 1.2 shows it
    post = v14.options("/api/extras/custom-fields/").json()["actions"]["POST"]
    assert "name" not in post and all(post[name]["required"] for name in ("type", "label", "slug"))
