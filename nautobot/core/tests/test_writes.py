"""The write path (`nautobot.core.writes`), through real requests where possible: the REST API and the web UI
save all or nothing, report an integrity error at its item, re-check object permissions (rolling back), and
name what blocks a delete; a direct call shows the same rules without an interface in front."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from nautobot.core.api.serializers import serializer_for
from nautobot.core.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.core.writes import (
    DeleteBlocked,
    WriteConflict,
    WriteForbidden,
    WriteOrigin,
    objects_delete,
    objects_save,
    write_transaction,
)
from nautobot.dcim.models import Manufacturer, Site
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db


def _constrained_user(django_user_model, model, constraints: dict):
    user = django_user_model.objects.create_user("constrained", "c@example.com", "pw")
    grant = ObjectPermission.objects.create(
        name="some sites", actions=["view", "add", "change", "delete"], constraints=constraints
    )
    grant.object_types.add(ContentType.objects.get_for_model(model))
    grant.users.add(user)
    return user


def _validated(model, rows: list[dict], user) -> list:
    request = type("Request", (), {"user": user})()
    serializers = [serializer_for(model)(data=row, context={"request": request}) for row in rows]
    assert all(s.is_valid() for s in serializers), [s.errors for s in serializers]
    return serializers


def _savepoints(captured) -> int:
    return sum(q["sql"].startswith("SAVEPOINT") for q in captured.captured_queries)


# All or nothing, the integrity error at its item ---------------------------------------------------------
def test_a_direct_save_is_all_or_nothing_with_the_conflict_at_its_item(admin_user):
    rows = [{"name": "One", "slug": "one"}, {"name": "Two", "slug": "two"}, {"name": "One", "slug": "one-again"}]
    origin = WriteOrigin(user=admin_user, kind="web")
    with pytest.raises(WriteConflict) as raised:
        objects_save(
            serializers=_validated(Manufacturer, rows, admin_user), model=Manufacturer, action="add", origin=origin
        )
    assert (raised.value.index, raised.value.count) == (2, 3)
    assert raised.value.message.startswith("This object conflicts with an existing one (")
    assert raised.value.aligned_errors() == [{}, {}, {"non_field_errors": [raised.value.message]}]
    assert not Manufacturer.objects.filter(slug__in=["one", "two", "one-again"]).exists()


def test_the_api_and_the_ui_import_give_the_same_conflict_at_the_same_item(api, admin):
    body = [{"name": "Same", "slug": "same-1"}, {"name": "Other", "slug": "other"}, {"name": "Same", "slug": "same-2"}]
    response = api.post("/api/dcim/manufacturers/", body)
    assert response.status_code == 400
    api_errors = response.json()
    assert api_errors[:2] == [{}, {}] and api_errors[2]["non_field_errors"][0].startswith("This object conflicts")

    csv = "name,slug\nSame,same-1\nOther,other\nSame,same-2\n"
    page = admin.post("/dcim/manufacturers/import/", {"data": csv})
    assert page.status_code == 200
    assert page.context["errors"] == [(3, api_errors[2])]  # row 3 of the file: the same words as the API's
    assert escape(api_errors[2]["non_field_errors"][0]) in page.content.decode()
    assert not Manufacturer.objects.filter(slug__in=["same-1", "other", "same-2"]).exists()


def test_no_savepoint_per_object_in_the_api_or_the_ui(api, admin):
    def api_savepoints(count: int, tag: str) -> int:
        body = [{"name": f"{tag}{i}", "slug": f"{tag}{i}"} for i in range(count)]
        with CaptureQueriesContext(connection) as captured:
            assert api.post("/api/dcim/manufacturers/", body).status_code == 201
        return _savepoints(captured)

    def import_savepoints(count: int, tag: str) -> int:
        csv = "name,slug\n" + "".join(f"{tag}{i},{tag}{i}\n" for i in range(count))
        with CaptureQueriesContext(connection) as captured:
            page = admin.post("/dcim/manufacturers/import/", {"data": csv})
        assert page.status_code == 200 and len(page.context["created"]) == count
        return _savepoints(captured)

    # One savepoint per write at most (the test's own transaction makes the write's a savepoint).
    assert api_savepoints(1, "a") == api_savepoints(6, "b") <= 1
    assert import_savepoints(1, "c") == import_savepoints(6, "d") <= 1


# The object-permission re-check ---------------------------------------------------------------------------
def test_the_permission_recheck_rolls_back_through_the_api_and_the_ui(django_user_model):
    user = _constrained_user(django_user_model, Site, {"slug__startswith": "ok"})
    api = TokenClient(Token.objects.create(user=user).key)
    status = b.status("active")
    assert api.post("/api/dcim/sites/", {"name": "ok-1", "slug": "ok-1", "status": "active"}).status_code == 201
    both = [{"name": "ok-2", "slug": "ok-2", "status": "active"}, {"name": "no-2", "slug": "no-2", "status": "active"}]
    response = api.post("/api/dcim/sites/", both)
    assert response.status_code == 403
    assert response.json() == {
        "detail": "You do not have permission to perform this action on one or more of these objects."
    }
    ok = Site.objects.get(slug="ok-1")
    assert api.patch(f"/api/dcim/sites/{ok.pk}/", {"slug": "moved-out"}).status_code == 403

    ui = Client()
    ui.force_login(user)
    # The UI shows the form again with 1.x's reason (nothing saved).
    page = ui.post("/dcim/sites/add/", {"name": "no-3", "slug": "no-3", "status": str(status.pk)})
    assert page.status_code == 200
    assert "Object save failed due to object-level permissions violation" in page.content.decode()
    page = ui.post("/dcim/sites/import/", {"data": "name,slug,status\nok-4,ok-4,active\nno-4,no-4,active\n"})
    assert page.status_code == 200
    assert "Object import failed due to object-level permissions violation" in page.content.decode()
    assert set(Site.objects.values_list("slug", flat=True)) == {"ok-1"}


def test_the_permission_recheck_costs_no_query_when_nothing_constrains(admin_user, django_user_model):
    constrained = _constrained_user(django_user_model, Manufacturer, {"slug__startswith": "ok"})

    def save(user, slug: str) -> list[str]:
        serializers = _validated(Manufacturer, [{"name": slug, "slug": slug}], user)
        origin = WriteOrigin(user=user, kind="web")
        with CaptureQueriesContext(connection) as captured:
            objects_save(serializers=serializers, model=Manufacturer, action="add", origin=origin)
        return [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(")]

    assert save(admin_user, "ok-super") == []
    assert len(save(constrained, "ok-constrained")) == 1
    with pytest.raises(WriteForbidden):
        save(constrained, "outside")
    assert not Manufacturer.objects.filter(slug="outside").exists()


# Protected deletes ------------------------------------------------------------------------------------------
def test_a_protected_delete_names_its_dependents_and_deletes_nothing(api, admin, admin_user):
    device = b.device()
    role, device_type = device.device_role, device.device_type
    unused = b.device_role()
    unused_pk = unused.pk  # Django clears it on the instance once deleted, even when the delete is rolled back
    response = api.delete("/api/dcim/device-roles/", [{"id": str(unused.pk)}, {"id": str(role.pk)}])
    assert response.status_code == 409
    assert response.json() == {
        "detail": f"Unable to delete object. 1 dependent objects were found: {device} ({device.pk})"
    }
    assert type(unused).objects.filter(pk=unused_pk).exists()  # deleted first, then rolled back with the rest

    page = admin.post(f"/dcim/device-types/{device_type.pk}/delete/")
    assert page.status_code == 302
    # 1.x's message (`handle_protectederror`, which 1.x apps call too): each dependent linked to its page.
    assert [str(m) for m in get_messages(page.wsgi_request)] == [
        f"Unable to delete <strong>{device_type}</strong>. 1 dependent objects were found: "
        f'<a href="/dcim/devices/{device.pk}/">{device}</a>'
    ]

    with pytest.raises(DeleteBlocked) as raised:
        objects_delete(objects=[unused, role], origin=WriteOrigin(user=admin_user, kind="web"))
    assert (raised.value.obj, raised.value.dependents) == (role, [device])
    assert type(unused).objects.filter(pk=unused_pk).exists()


# The transaction --------------------------------------------------------------------------------------------
def test_a_nested_write_joins_the_outer_one(admin_user):
    from nautobot.extras.models import ObjectChange

    origin = WriteOrigin(user=admin_user, kind="job", detail="nested")
    with CaptureQueriesContext(connection) as captured:
        with write_transaction(origin):
            serializers = _validated(Manufacturer, [{"name": "Inner", "slug": "inner"}], admin_user)
            objects_save(serializers=serializers, model=Manufacturer, action="add", origin=origin)
    assert _savepoints(captured) == 1  # the outer write's (a savepoint of the test's transaction); none inside
    change = ObjectChange.objects.get(changed_object_id=Manufacturer.objects.get(slug="inner").pk)
    assert (change.change_context, change.change_context_detail, change.request_id) == (
        "job",
        "nested",
        origin.request_id,
    )

    clashing = _validated(Manufacturer, [{"name": "Dup", "slug": "dup-2"}], admin_user)  # valid before the block
    with pytest.raises(WriteConflict), write_transaction(origin):
        Manufacturer.objects.create(name="Dup", slug="kept")
        objects_save(serializers=clashing, model=Manufacturer, action="add", origin=origin)
    assert not Manufacturer.objects.filter(slug="kept").exists()  # the conflict rolled the outer write back too


def test_a_dry_run_opens_no_write_context(admin_user):
    from nautobot.extras.changelog import current_change_context

    origin = WriteOrigin(user=admin_user, kind="job")
    with write_transaction(origin, dry_run=True):
        assert current_change_context() is None
    with write_transaction(origin):
        assert current_change_context().request_id == origin.request_id
