"""The 1.x generic views only apps use, driven over HTTP as a user drives an app's pages (`app_1x_ui`):
`GenericView`, `BulkRenameView`, `BulkCreateView`, `ComponentCreateView`, `BulkComponentCreateView` and
`ObjectImportView`. Each saves through the write path (the change log records the user) and refuses, as 1.x
does, a user without the permission (403) or whose object permissions do not cover the result (the page again
with 1.x's reason, nothing saved)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from nautobot.apps import views as app_views
from nautobot.core.testing.api import signed_in
from nautobot.core.testing.views import grant
from nautobot.core.views import generic
from nautobot.extras.changelog.models import ObjectChange
from nautobot.tenancy.models import Tenant, TenantGroup

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


# BulkCreateView ----------------------------------------------------------------------------------------------
def test_bulk_create_makes_one_object_per_pattern_value(admin, admin_user):
    page = admin.get("/app-1x/generic/tenants/bulk-add/", {"description": "from the link"}).content.decode()
    assert 'name="pattern"' in page and 'name="description"' in page and "from the link" in page
    assert 'name="name"' not in page  # the pattern gives it
    response = admin.post("/app-1x/generic/tenants/bulk-add/", {"pattern": "web-[1-3]", "description": "bulk"})
    assert response.status_code == 302
    assert set(Tenant.objects.filter(description="bulk").values_list("slug", flat=True)) == {"web-1", "web-2", "web-3"}
    assert created_by(admin_user) == {"web-1", "web-2", "web-3"}
    # the first value the model form refuses (web-2 exists) ends the write: nothing is saved
    response = admin.post("/app-1x/generic/tenants/bulk-add/", {"pattern": "web-[4,2]", "description": "again"})
    assert response.status_code == 200 and "Tenant with this Name already exists." in response.content.decode()
    assert not Tenant.objects.filter(description="again").exists()


def test_bulk_create_permissions(django_user_model, nobody):
    assert nobody.get("/app-1x/generic/tenants/bulk-add/").status_code == 403
    assert nobody.post("/app-1x/generic/tenants/bulk-add/", {"pattern": "x-[1-2]"}).status_code == 403
    adder = user_with(django_user_model, "adder", "add", constraints={"name__startswith": "ok"})
    page = adder.post("/app-1x/generic/tenants/bulk-add/", {"pattern": "[ok,no]-1"}).content.decode()
    assert "Object creation failed due to object-level permissions violation" in page
    assert not Tenant.objects.exists()
    assert adder.post("/app-1x/generic/tenants/bulk-add/", {"pattern": "ok-[1-2]"}).status_code == 302
    assert Tenant.objects.count() == 2


# ComponentCreateView -----------------------------------------------------------------------------------------
def test_component_create_makes_one_component_per_name(admin, admin_user):
    group = TenantGroup.objects.create(name="Rack", slug="rack")
    page = admin.get("/app-1x/generic/tenants/component-add/", {"group": str(group.pk)}).content.decode()
    assert "Create Tenant" in page and 'name="name_pattern"' in page
    data = {"group": str(group.pk), "name_pattern": "port[1-2]", "description": "component"}
    response = admin.post("/app-1x/generic/tenants/component-add/", {**data, "return_url": "/app-1x/tenants/"})
    assert response.status_code == 302 and response.url == "/app-1x/tenants/"
    assert set(group.tenants.values_list("name", flat=True)) == {"rack-port1", "rack-port2"}
    assert created_by(admin_user) == {"rack-port1", "rack-port2"}
    # a name the model form refuses is shown on `name_pattern`; none of the components is made
    page = admin.post("/app-1x/generic/tenants/component-add/", {**data, "name_pattern": "port[2-3]"}).content.decode()
    assert "port2: Tenant with this Name already exists." in page
    assert group.tenants.count() == 2


def test_component_create_permissions(django_user_model, nobody):
    group = TenantGroup.objects.create(name="Rack", slug="rack")
    assert nobody.get("/app-1x/generic/tenants/component-add/").status_code == 403
    adder = user_with(django_user_model, "adder", "add", constraints={"description": "ok"})
    data = {"group": str(group.pk), "name_pattern": "port[1-2]", "description": "not ok"}
    page = adder.post("/app-1x/generic/tenants/component-add/", data).content.decode()
    assert "Component creation failed due to object-level permissions violation" in page
    assert not Tenant.objects.exists()
    assert adder.post("/app-1x/generic/tenants/component-add/", {**data, "description": "ok"}).status_code == 302
    assert Tenant.objects.count() == 2


# BulkComponentCreateView -------------------------------------------------------------------------------------
def test_bulk_component_create_adds_the_components_to_each_chosen_parent(admin, admin_user):
    groups = [TenantGroup.objects.create(name=n, slug=n.lower()) for n in ("North", "South")]
    pks = [str(g.pk) for g in groups]
    page = admin.post("/app-1x/generic/add-group-tenants/", {"pk": pks}).content.decode()
    assert "Add Tenants" in page and "2 tenant groups selected" in page and 'class="app-1x-group"' in page
    assert 'name="name_pattern"' in page
    data = {"pk": pks, "name_pattern": "port[1-2]", "description": "bulk", "_create": "1"}
    response = admin.post("/app-1x/generic/add-group-tenants/", data)
    assert response.status_code == 302
    expected = {"north-port1", "north-port2", "south-port1", "south-port2"}
    assert set(Tenant.objects.values_list("name", flat=True)) == expected and created_by(admin_user) == expected
    # one refused component (north-port2 exists) and none is made
    page = admin.post("/app-1x/generic/add-group-tenants/", {**data, "name_pattern": "port[2-3]"}).content.decode()
    assert "North port2: Tenant with this Name already exists." in page
    assert Tenant.objects.count() == 4
    response = admin.post("/app-1x/generic/add-group-tenants/", {"pk": []})
    assert response.status_code == 302  # nothing chosen: back, with a warning


def test_bulk_component_create_permissions(django_user_model, nobody):
    group = TenantGroup.objects.create(name="North", slug="north")
    data = {"pk": [str(group.pk)], "name_pattern": "port[1-2]", "description": "x", "_create": "1"}
    assert nobody.post("/app-1x/generic/add-group-tenants/", data).status_code == 403
    adder = user_with(django_user_model, "adder", "add", constraints={"description": "ok"})
    page = adder.post("/app-1x/generic/add-group-tenants/", data).content.decode()
    assert "Component creation failed due to object-level permissions violation" in page
    assert not Tenant.objects.exists()
    assert adder.post("/app-1x/generic/add-group-tenants/", {**data, "description": "ok"}).status_code == 302
    assert Tenant.objects.count() == 2


# ObjectImportView --------------------------------------------------------------------------------------------
GROUP_YAML = """
name: Imported
slug: imported
tenants:
  - {name: Member one, slug: member-one}
  - {name: Member two, slug: member-two}
"""


def test_object_import_creates_the_object_and_its_related_objects(admin, admin_user):
    page = admin.get("/app-1x/generic/groups-import/").content.decode()
    assert "Tenant Group Import" in page and 'name="data"' in page and 'name="format"' in page
    response = admin.post("/app-1x/generic/groups-import/", {"data": GROUP_YAML, "format": "yaml"})
    group = TenantGroup.objects.get(slug="imported")
    assert response.status_code == 302 and response.url == group.get_absolute_url()
    assert set(group.tenants.values_list("slug", flat=True)) == {"member-one", "member-two"}
    assert created_by(admin_user, TenantGroup) == {"Imported"}
    assert created_by(admin_user) == {"Member one", "Member two"}
    # a related item its form refuses: the error named by key and index, nothing saved
    bad = "name: Second\nslug: second\ntenants: [{name: New, slug: new}, {name: Again, slug: member-one}]"
    page = admin.post("/app-1x/generic/groups-import/", {"data": bad, "format": "yaml"}).content.decode()
    assert "tenants[1] slug: Tenant with this Slug already exists." in page
    assert not TenantGroup.objects.filter(slug="second").exists() and not Tenant.objects.filter(slug="new").exists()
    page = admin.post("/app-1x/generic/groups-import/", {"data": '{"slug": "x"}', "format": "json"}).content.decode()
    assert "name: This field is required." in page


def test_object_import_permissions(django_user_model, nobody):
    assert nobody.get("/app-1x/generic/groups-import/").status_code == 403
    importer = user_with(
        django_user_model, "importer", "add", model=TenantGroup, constraints={"slug__startswith": "ok"}
    )
    data = {"data": "name: Only\nslug: only", "format": "yaml"}
    page = importer.post("/app-1x/generic/groups-import/", data).content.decode()
    assert "Object creation failed due to object-level permissions violation" in page
    assert not TenantGroup.objects.exists()
    assert importer.post("/app-1x/generic/groups-import/", {**data, "data": "name: Ok\nslug: ok"}).status_code == 302
    # the related objects need the user's permission to add them too
    page = importer.post("/app-1x/generic/groups-import/", {**data, "data": GROUP_YAML.replace("imported", "ok-2")})
    assert "Object creation failed due to object-level permissions violation" in page.content.decode()
    assert not Tenant.objects.exists()
