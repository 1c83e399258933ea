"""Computed fields, relationships and custom-field filters through the REST API."""

import pytest

from nautobot.core.testing import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.extras.models import ComputedField, Relationship, RelationshipAssociation
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(django_user_model):
    user = django_user_model.objects.create_superuser("extras-admin", "a@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key)


def test_computed_fields_only_when_included(api):
    site = b.site()
    ComputedField.objects.create(content_type=b.content_type("dcim.site"), slug="shout", label="Shout", template="{{ obj.name|upper }}")
    ComputedField.objects.create(
        content_type=b.content_type("dcim.site"), slug="broken", label="Broken", template="{{ obj.nope.deeper() }}", fallback_value="n/a"
    )
    plain = api.get(f"/api/dcim/sites/{site.pk}/").json()
    assert "computed_fields" not in plain
    included = api.get(f"/api/dcim/sites/{site.pk}/", include="computed_fields").json()
    assert included["computed_fields"] == {"shout": site.name.upper(), "broken": "n/a"}
    listed = api.get("/api/dcim/sites/", include="computed_fields").json()["results"]
    assert listed[0]["computed_fields"]["shout"] == site.name.upper()


def test_computed_field_templates_are_sandboxed_and_checked(api):
    unsafe = api.post("/api/extras/computed-fields/", {
        "content_type": "dcim.site", "slug": "unsafe", "label": "Unsafe", "template": "{{ obj.__class__.__mro__ }}", "fallback_value": "blocked",
    })
    assert unsafe.status_code == 201
    site = b.site()
    assert api.get(f"/api/dcim/sites/{site.pk}/", include="computed_fields").json()["computed_fields"]["unsafe"] == "blocked"
    bad = api.post("/api/extras/computed-fields/", {"content_type": "dcim.site", "slug": "bad", "label": "Bad", "template": "{% if %}"})
    assert bad.status_code == 400 and "template" in bad.json()


def test_relationships_included_and_cardinality_enforced(api):
    relationship = Relationship.objects.create(
        name="Primary site", slug="primary-site", type="one-to-many",
        source_type=b.content_type("dcim.site"), destination_type=b.content_type("dcim.device"),
    )
    site, device = b.site(), b.device()
    first = api.post("/api/extras/relationship-associations/", {
        "relationship": str(relationship.pk), "source_type": "dcim.site", "source_id": str(site.pk),
        "destination_type": "dcim.device", "destination_id": str(device.pk),
    })
    assert first.status_code == 201, first.content
    second = api.post("/api/extras/relationship-associations/", {
        "relationship": str(relationship.pk), "source_type": "dcim.site", "source_id": str(b.site().pk),
        "destination_type": "dcim.device", "destination_id": str(device.pk),
    })
    assert second.status_code == 400 and "destination_id" in second.json()
    data = api.get(f"/api/dcim/sites/{site.pk}/", include="relationships").json()["relationships"]
    assert data["primary-site"]["destination"]["objects"][0]["id"] == str(device.pk)
    device_side = api.get(f"/api/dcim/devices/{device.pk}/", include="relationships").json()["relationships"]
    assert device_side["primary-site"]["source"]["objects"][0]["id"] == str(site.pk)
    assert RelationshipAssociation.objects.count() == 1


def test_custom_field_filters(api):
    b.custom_field("dcim.site", name="building", type="text")
    b.custom_field("dcim.site", name="floors", type="integer")
    tall = api.post("/api/dcim/sites/", {"name": "Tall", "slug": "tall", "status": "active", "custom_fields": {"building": "North Tower", "floors": 30}})
    assert tall.status_code == 201, tall.content
    api.post("/api/dcim/sites/", {"name": "Low", "slug": "low", "status": "active", "custom_fields": {"building": "Annex", "floors": 2}})
    assert [s["slug"] for s in api.get("/api/dcim/sites/", cf_building="tower").json()["results"]] == ["tall"]
    assert [s["slug"] for s in api.get("/api/dcim/sites/", cf_floors="2").json()["results"]] == ["low"]
    assert api.get("/api/dcim/sites/", cf_nope="x").status_code == 400
    assert api.get("/api/dcim/sites/", cf_floors="many").status_code == 400
