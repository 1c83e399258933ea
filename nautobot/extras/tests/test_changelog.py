"""Change logging: one `ObjectChange` per changed object and request, with who, what and the REST data."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nautobot.core.registry import registry
from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Site
from nautobot.extras.changelog import change_context
from nautobot.extras.changelog.tasks import purge_object_changes
from nautobot.extras.models import ObjectChange, Tag
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("changer", "c@example.com", "pw")


@pytest.fixture
def api(admin_user):
    return TokenClient(Token.objects.create(user=admin_user).key)


def _tag(slug: str) -> Tag:
    tag = Tag.objects.create(name=slug, slug=slug)
    tag.content_types.set([b.content_type("dcim.site")])
    return tag


def test_create_with_tags_is_one_create_change(api, admin_user):
    tag = _tag("core")
    response = api.post(
        "/api/dcim/sites/", {"name": "ams01", "slug": "ams01", "status": "active", "tags": [str(tag.pk)]}
    )
    assert response.status_code == 201, response.content
    site_id = response.json()["id"]
    changes = list(ObjectChange.objects.filter(changed_object_id=site_id))
    assert len(changes) == 1
    change = changes[0]
    assert change.action == "create"
    assert change.user == admin_user and change.user_name == "changer"
    assert change.change_context == "web" and change.change_context_detail == "dcim-api:site-list"
    assert change.object_repr == "ams01"
    assert change.object_data["name"] == "ams01"
    assert [t["slug"] for t in change.object_data["tags"]] == ["core"]
    assert change.object_data["url"] == f"/api/dcim/sites/{site_id}/"
    assert change.object_data["status"] == {"value": "active", "label": "Active"}


def test_update_and_delete_are_logged_with_data_before_removal(api):
    site = b.site()
    assert api.patch(f"/api/dcim/sites/{site.pk}/", {"description": "new"}).status_code == 200
    assert api.delete(f"/api/dcim/sites/{site.pk}/").status_code == 204
    update, delete = ObjectChange.objects.filter(changed_object_id=site.pk).order_by("time")
    assert update.action == "update" and update.object_data["description"] == "new"
    assert (
        delete.action == "delete"
        and delete.object_data["description"] == "new"
        and delete.object_data["id"] == str(site.pk)
    )
    assert update.request_id != delete.request_id


def test_a_deleted_objects_name_is_taken_before_it_is_gone(api, monkeypatch):
    """As 1.x (pre_delete): a model whose `str()` reads a relation (the BGP app's Peering: its endpoints) still
    gets a change-log name; after the delete its relations cannot be read (Django clears the key)."""
    site = b.site()
    monkeypatch.setattr(Site, "__str__", lambda self: f"{self.name} with {self.tags.count()} tags")
    assert api.delete(f"/api/dcim/sites/{site.pk}/").status_code == 204
    delete = ObjectChange.objects.get(changed_object_id=site.pk, action="delete")
    assert delete.object_repr == f"{site.name} with 0 tags"


def test_bulk_create_shares_one_request_id_and_writes_in_batches(api):
    payload = [{"name": f"s{i}", "slug": f"s{i}", "status": "active"} for i in range(20)]
    created = api.post("/api/dcim/sites/", payload)
    assert created.status_code == 201
    changes = ObjectChange.objects.filter(changed_object_id__in=[s["id"] for s in created.json()])
    assert changes.count() == 20
    assert len({c.request_id for c in changes}) == 1
    # What change logging adds to a bulk create does not grow with the number of objects.
    logged = {count: _queries_for(api, count) for count in (2, 12)}
    with registry.write_contexts.emptied():
        unlogged = {count: _queries_for(api, count) for count in (2, 12)}
    assert logged[12] - unlogged[12] == logged[2] - unlogged[2], (logged, unlogged)


def _queries_for(api, count: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        names = [b.unique("q") for _ in range(count)]
        assert (
            api.post("/api/dcim/sites/", [{"name": n, "slug": n, "status": "active"} for n in names]).status_code == 201
        )
    return len(captured)


def test_bulk_update_and_delete_log_each_object(api):
    sites = [b.site() for _ in range(3)]
    assert api.patch("/api/dcim/sites/", [{"id": str(s.pk), "description": "bulk"} for s in sites]).status_code == 200
    assert api.delete("/api/dcim/sites/", [{"id": str(s.pk)} for s in sites]).status_code == 204
    for site in sites:
        assert list(
            ObjectChange.objects.filter(changed_object_id=site.pk).order_by("time").values_list("action", flat=True)
        ) == [
            "update",
            "delete",
        ]


def test_failed_request_logs_nothing(api):
    site = b.site()
    payload = [
        {"name": "fresh", "slug": "fresh", "status": "active"},
        {"name": site.name, "slug": site.slug, "status": "active"},
    ]
    assert api.post("/api/dcim/sites/", payload).status_code == 400
    assert not ObjectChange.objects.exists()


def test_orm_changes_outside_a_context_are_not_logged_and_inside_are():
    b.site()
    assert not ObjectChange.objects.exists()
    user = b.user()
    request_id = uuid.uuid4()
    with change_context(user=user, context="job", detail="my-job", request_id=request_id) as active:
        site = b.site()
        site.description = "changed twice"
        site.save()
        site.tags.add(_tag("x"))
    change = ObjectChange.objects.get(changed_object_id=site.pk)
    assert (change.action, change.change_context, change.change_context_detail) == ("create", "job", "my-job")
    assert change.request_id == request_id == active.request_id
    assert change.user == user
    assert change.object_data["description"] == "changed twice"
    assert [t["slug"] for t in change.object_data["tags"]] == ["x"]


def test_rolled_back_context_logs_nothing():
    with pytest.raises(RuntimeError), change_context(context="orm"):
        b.site()
        raise RuntimeError("abort")
    assert not ObjectChange.objects.exists()
    assert not Site.objects.exists()


def test_component_change_names_its_device(api):
    device = b.device()
    from nautobot.dcim.models import Interface

    response = api.post("/api/dcim/interfaces/", {"device": str(device.pk), "name": "eth0", "type": "1000base-t"})
    assert response.status_code == 201, response.content
    change = ObjectChange.objects.get(changed_object_id=response.json()["id"])
    assert change.related_object == device
    assert change.changed_object == Interface.objects.get(pk=response.json()["id"])


def test_object_changes_api_lists_filters_and_is_read_only(api, admin_user):
    site = b.site()
    api.patch(f"/api/dcim/sites/{site.pk}/", {"description": "one"})
    other = b.site()
    api.patch(f"/api/dcim/sites/{other.pk}/", {"description": "two"})
    listed = api.get("/api/extras/object-changes/", changed_object_id=str(site.pk))
    assert listed.status_code == 200 and listed.json()["count"] == 1
    item = listed.json()["results"][0]
    assert item["action"] == {"value": "update", "label": "Updated"}
    assert item["changed_object_type"] == "dcim.site"
    assert item["changed_object"]["id"] == str(site.pk) and item["changed_object"]["name"] == site.name
    assert item["user"]["username"] == "changer" and item["user_name"] == "changer"
    assert item["change_context"] == {"value": "web", "label": "Web"}
    assert item["object_data"]["description"] == "one"
    for params, count in (
        ({"user": "changer"}, 2),
        ({"user_id": str(admin_user.pk)}, 2),
        ({"changed_object_type": "dcim.site"}, 2),
        ({"changed_object_type": "dcim.device"}, 0),
        ({"request_id": item["request_id"]}, 1),
        ({"action": "update"}, 2),
        ({"action": "delete"}, 0),
        ({"object_repr": site.name}, 1),
        ({"q": other.name}, 1),
        ({"time__gte": (timezone.now() - timedelta(minutes=5)).isoformat()}, 2),
        ({"time__lt": (timezone.now() - timedelta(minutes=5)).isoformat()}, 0),
    ):
        response = api.get("/api/extras/object-changes/", **params)
        assert response.status_code == 200, (params, response.content)
        assert response.json()["count"] == count, params
    # An unknown user is a 400, as the original's (a related object named in a filter must exist).
    assert api.get("/api/extras/object-changes/", user="nobody").status_code == 400
    assert api.post("/api/extras/object-changes/", {}).status_code == 405
    assert api.delete(f"/api/extras/object-changes/{item['id']}/").status_code == 405
    site.delete()
    gone = api.get(f"/api/extras/object-changes/{item['id']}/").json()
    assert gone["changed_object"] is None


def test_retention_task_removes_only_old_changes(settings):
    with change_context():
        b.site()
        b.site()
    old, recent = ObjectChange.objects.all()[:2]
    ObjectChange.objects.filter(pk=old.pk).update(time=timezone.now() - timedelta(days=91))
    settings.CHANGELOG_RETENTION = 0
    assert purge_object_changes() == 0
    settings.CHANGELOG_RETENTION = 90
    assert purge_object_changes() == 1
    assert list(ObjectChange.objects.all()) == [recent]


def test_retention_task_is_scheduled():
    from nautobot.core.celery import app

    entries = [e["task"] for e in app.conf.beat_schedule.values()]
    assert "nautobot.extras.changelog.purge_object_changes" in entries
    assert "nautobot.extras.changelog.purge_object_changes" in app.tasks
