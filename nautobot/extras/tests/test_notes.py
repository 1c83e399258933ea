"""Notes: `<object>/notes/`, `notes_url`, the notes endpoint, authors, validation and cascade."""

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.extras.models import Note
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("note-admin", "n@example.com", "pw")


@pytest.fixture
def api(admin):
    return TokenClient(Token.objects.create(user=admin).key)


def test_notes_url_and_object_notes_endpoint(api, admin):
    site = b.site()
    body = api.get(f"/api/dcim/sites/{site.pk}/").json()
    assert body["notes_url"] == f"http://testserver/api/dcim/sites/{site.pk}/notes/"
    created = api.post(body["notes_url"], {"note": "Rack 4 power is flaky", "user": "someone-else"})
    assert created.status_code == 201, created.content
    note = created.json()
    assert note["note"] == "Rack 4 power is flaky" and note["user"]["username"] == admin.username
    assert note["user_name"] == admin.username and note["assigned_object_type"] == "dcim.site"
    assert note["assigned_object"]["id"] == str(site.pk) and note["slug"]
    api.post(body["notes_url"], {"note": "second"})
    listed = api.get(body["notes_url"]).json()
    assert listed["count"] == 2 and [n["note"] for n in listed["results"]] == ["Rack 4 power is flaky", "second"]
    assert api.get("/api/extras/notes/", assigned_object_id=str(site.pk)).json()["count"] == 2
    assert api.post(body["notes_url"], {}).status_code == 400


def test_notes_on_every_model_kind_but_not_on_notes(api):
    assert "notes_url" in api.get(f"/api/dcim/interfaces/{b.interface().pk}/").json()
    assert "notes_url" in api.get(f"/api/tenancy/tenant-groups/{b.tenant_group().pk}/").json()
    note = Note.objects.create(assigned_object=b.site(), note="x")
    assert "notes_url" not in api.get(f"/api/extras/notes/{note.pk}/").json()
    assert "notes_url" not in api.get(f"/api/dcim/sites/{b.site().pk}/", brief="1").json()


def test_note_validation(api):
    bad_type = api.post(
        "/api/extras/notes/",
        {"assigned_object_type": "extras.note", "assigned_object_id": str(b.site().pk), "note": "x"},
    )
    assert bad_type.status_code == 400 and "assigned_object_type" in bad_type.json()
    missing = api.post(
        "/api/extras/notes/",
        {"assigned_object_type": "dcim.site", "assigned_object_id": str(b.device().pk), "note": "x"},
    )
    assert missing.status_code == 400 and "assigned_object_id" in missing.json()


def test_notes_go_with_their_object_and_outlive_their_author(api, django_user_model):
    site = b.site()
    author = django_user_model.objects.create_user("author", password="pw")
    Note.objects.create(assigned_object=site, note="bye", user=author)
    author.delete()
    note = Note.objects.get()
    assert note.user is None and note.user_name == "author"
    site.delete()
    assert not Note.objects.exists()


def test_adding_notes_needs_permission(django_user_model):
    site = b.site()
    user = django_user_model.objects.create_user("viewer", password="pw")
    permission = ObjectPermission.objects.create(name="view sites", actions=["view"])
    permission.object_types.add(b.content_type("dcim.site"))
    permission.users.add(user)
    api = TokenClient(Token.objects.create(user=user).key)
    assert api.post(f"/api/dcim/sites/{site.pk}/notes/", {"note": "x"}).status_code == 403
    assert api.get(f"/api/dcim/sites/{site.pk}/notes/").json()["count"] == 0


def test_notes_of_an_object_that_cannot_exist_are_a_404(api):
    # Jobs are routed by UUID or class path, so `0` reaches the notes action: not a 500.
    for method in ("get", "post"):
        response = (
            api.get("/api/extras/jobs/0/notes/")
            if method == "get"
            else api.post("/api/extras/jobs/0/notes/", {"note": "x"})
        )
        assert response.status_code == 404, (method, response.content)
