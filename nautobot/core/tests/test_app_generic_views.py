"""The 1.x generic views only apps use, driven over HTTP as a user drives an app's pages (`app_1x_ui`):
`GenericView` and `BulkRenameView`. Each saves through the write path (the change log records the user) and refuses, as 1.x
does, a user without the permission (403) or whose object permissions do not cover the result (the page again
with 1.x's reason, nothing saved)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from nautobot.apps import views as app_views
from nautobot.core.testing.api import signed_in
from nautobot.core.testing.views import grant
from nautobot.core.views import generic
from nautobot.extras.changelog.models import ObjectChange
from nautobot.tenancy.models import Tenant

pytestmark = [pytest.mark.django_db, pytest.mark.urls("nautobot.core.tests.app_1x_ui_urls")]


def created_by(user, model=Tenant) -> set[str]:
    """The names of the objects whose creation the change log records for `user`."""
    return set(
        ObjectChange.objects.filter(
            changed_object_type=ContentType.objects.get_for_model(model), action="create", user=user
        ).values_list("object_repr", flat=True)
    )


def user_with(django_user_model, name: str, action: str, *, model=Tenant, constraints=None):
    """A signed-in user whose one grant is `action` on `model`, limited by `constraints`."""
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
    grant(user, model, action, constraints)
    return signed_in(user)


def test_generic_view_is_for_signed_in_users(admin, client):
    assert app_views.GenericView is generic.GenericView  # 1.6 exports it from nautobot.apps.views too
    response = client.get("/app-1x/generic/hello/")
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert admin.get("/app-1x/generic/hello/").content.decode() == "hello admin"


# BulkRenameView ----------------------------------------------------------------------------------------------
def test_bulk_rename_previews_then_applies(admin, admin_user):
    first = Tenant.objects.create(name="edge-1", slug="edge-1")
    second = Tenant.objects.create(name="edge-2", slug="edge-2")
    pks = [str(first.pk), str(second.pk)]
    page = admin.post("/app-1x/generic/tenants/rename/", {"pk": pks}).content.decode()
    assert "Renaming 2 Tenants on the app" in page and 'name="find"' in page and 'name="_apply"' not in page
    data = {"pk": pks, "find": r"edge-(\d)", "replace": r"core-\1", "use_regex": "on"}
    page = admin.post("/app-1x/generic/tenants/rename/", {**data, "_preview": "1"}).content.decode()
    assert "<td>core-1</td>" in page and 'name="_apply"' in page
    assert set(Tenant.objects.values_list("name", flat=True)) == {"edge-1", "edge-2"}  # a preview saves nothing
    response = admin.post("/app-1x/generic/tenants/rename/", {**data, "_apply": "1", "return_url": "/app-1x/tenants/"})
    assert response.status_code == 302 and response.url == "/app-1x/tenants/"
    assert set(Tenant.objects.values_list("name", flat=True)) == {"core-1", "core-2"}
    changed = ObjectChange.objects.filter(action="update", user=admin_user).values_list("object_repr", flat=True)
    assert set(changed) == {"core-1", "core-2"}
    # without regular expressions, `find` is plain text
    admin.post("/app-1x/generic/tenants/rename/", {"pk": pks, "find": "-", "replace": "_", "_apply": "1"})
    assert set(Tenant.objects.values_list("name", flat=True)) == {"core_1", "core_2"}


def test_bulk_rename_permissions(django_user_model, nobody):
    mine = Tenant.objects.create(name="ok-a", slug="ok-a")
    theirs = Tenant.objects.create(name="other", slug="other")
    data = {"pk": [str(mine.pk)], "find": "ok", "replace": "no", "_apply": "1"}
    assert nobody.post("/app-1x/generic/tenants/rename/", data).status_code == 403
    renamer = user_with(django_user_model, "renamer", "change", constraints={"name__startswith": "ok"})
    # an object outside the grant is left out of the selection, as in 1.x
    response = renamer.post("/app-1x/generic/tenants/rename/", {**data, "pk": [str(theirs.pk)]})
    assert response.status_code == 302 and Tenant.objects.get(pk=theirs.pk).name == "other"
    # a new name outside the grant: refused with 1.x's reason, rolled back
    page = renamer.post("/app-1x/generic/tenants/rename/", data).content.decode()
    assert "Object update failed due to object-level permissions violation" in page
    assert Tenant.objects.get(pk=mine.pk).name == "ok-a"
    response = renamer.post("/app-1x/generic/tenants/rename/", {**data, "replace": "ok-renamed"})
    assert response.status_code == 302 and Tenant.objects.get(pk=mine.pk).name == "ok-renamed-a"
