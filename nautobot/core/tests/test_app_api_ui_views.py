"""The 1.x app UI API, driven over HTTP as a user drives an app's pages: `NautobotUIViewSet` and its router, the
mixins, the 1.x generic views, `extras.views`, navigation, home page panels, template extensions and view
overrides (the app is `app_1x_ui`, routed by `app_1x_ui_urls`). Every save goes through the write path: the
change log records it with the user."""

import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from nautobot.core.navigation import home_panels, menu_links
from nautobot.core.registry import ViewOverride, registry
from nautobot.core.tests import app_1x_ui
from nautobot.extras.changelog.models import ObjectChange
from nautobot.extras.notes.models import Note
from nautobot.tenancy.models import Tenant, TenantGroup
from nautobot.users.models import ObjectPermission

pytestmark = [pytest.mark.django_db, pytest.mark.urls("nautobot.core.tests.app_1x_ui_urls")]
TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def app_templates(settings):
    """The app's templates (`tenancy/tenantgroup_retrieve.html`, its extension's) found as an app's would be."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(TEMPLATES)]}]


@pytest.fixture
def extension():
    with registry.template_extensions.registered(app_1x_ui.TenantExtension):
        yield


def changes(obj, action: str):
    return ObjectChange.objects.filter(
        changed_object_type=ContentType.objects.get_for_model(obj), changed_object_id=obj.pk, action=action
    )


def user_with(django_user_model, name: str, *actions: str, model=Tenant, constraints=None):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
    grant = ObjectPermission.objects.create(name=f"{name} grant", actions=list(actions), constraints=constraints)
    grant.object_types.add(ContentType.objects.get_for_model(model))
    grant.users.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_list_page_titles_keep_capitals_as_1x_bettertitle(admin, monkeypatch):
    """A 1.x list page's heading and breadcrumb: the verbose name's capitals kept ("BGP Peering Roles",
    not str.title()'s "Bgp Peering Roles")."""
    monkeypatch.setattr(TenantGroup._meta, "verbose_name_plural", "ACME tenant groups")
    html = admin.get("/app-1x/generic/groups/").content.decode()
    assert "ACME Tenant Groups</h1>" in html
    assert re.search(r'<li class="breadcrumb-item"><a href="[^"]+">ACME Tenant Groups</a></li>', html)


# NautobotUIViewSet ------------------------------------------------------------------------------------------
def test_viewset_add_form_saves_through_the_write_path(admin, admin_user):
    assert admin.get("/app-1x/tenants/add/").status_code == 200
    response = admin.post(
        "/app-1x/tenants/add/", {"name": "Acme", "slug": "acme", "description": "made by the app's form"}
    )
    tenant = Tenant.objects.get(slug="acme")
    assert response.status_code == 302 and response.url == reverse("tenancy:tenant", kwargs={"pk": tenant.pk})
    assert tenant.description == "made by the app's form"
    (change,) = changes(tenant, "create")
    assert change.user == admin_user and change.request_id is not None


def test_viewset_form_errors_are_shown_and_nothing_is_saved(admin):
    response = admin.post("/app-1x/tenants/add/", {"name": "Bad", "slug": "bad", "description": "forbidden"})
    assert response.status_code == 200
    assert "The app&#x27;s form refuses this description." in response.content.decode()
    assert not Tenant.objects.filter(slug="bad").exists()
    Tenant.objects.create(name="Taken", slug="taken")
    response = admin.post("/app-1x/tenants/add/", {"name": "Taken", "slug": "taken2"})
    assert response.status_code == 200 and Tenant.objects.filter(name="Taken").count() == 1


def test_viewset_list_uses_the_apps_table_filterset_and_extensions(admin, extension):
    Tenant.objects.create(name="Alpha", slug="alpha", description="first")
    Tenant.objects.create(name="Beta", slug="beta")
    page = admin.get("/app-1x/tenants/", {"q": "alp"}).content.decode()
    assert 'class="app-1x-name"' in page and "Alpha" in page and "Beta" not in page
    assert 'name="pk"' in page  # the app table's checkbox column, shown to who may change or delete
    assert "app-1x-list-button" in page
    assert admin.get("/app-1x/tenants/", {"export": "csv"}).status_code == 200


def test_viewset_detail_places_template_extensions_and_tabs(admin, admin_user, extension):
    tenant = Tenant.objects.create(name="Gamma", slug="gamma")
    page = admin.get(f"/app-1x/tenants/{tenant.pk}/").content.decode()
    assert '<div class="app-1x-left">left of Gamma for admin</div>' in page
    assert "right of Gamma" in page and "app-1x-full" in page and "app-1x-button" in page
    assert 'href="/app-1x/tab/">App tab</a>' in page
    assert f'href="/app-1x/tenants/{tenant.pk}/edit/"' in page and f'href="/app-1x/tenants/{tenant.pk}/delete/"' in page
    assert "<span>Plugins</span>" not in page  # no longer one catch-all panel


def test_viewset_edit_and_delete_log_changes(admin, admin_user):
    tenant = Tenant.objects.create(name="Delta", slug="delta")
    assert admin.get(f"/app-1x/tenants/{tenant.pk}/edit/").status_code == 200
    response = admin.post(f"/app-1x/tenants/{tenant.pk}/edit/", {"name": "Delta", "slug": "delta", "description": "x"})
    assert response.status_code == 302
    tenant.refresh_from_db()
    assert tenant.description == "x" and changes(tenant, "update").get().user == admin_user
    assert admin.get(f"/app-1x/tenants/{tenant.pk}/delete/").status_code == 200
    response = admin.post(f"/app-1x/tenants/{tenant.pk}/delete/", {"confirm": True})
    assert response.status_code == 302 and response.url == "/app-1x/tenants/"
    assert not Tenant.objects.filter(pk=tenant.pk).exists()
    assert changes(tenant, "delete").get().user == admin_user


def test_viewset_bulk_edit_bulk_delete_and_import(admin, admin_user):
    group = TenantGroup.objects.create(name="G1", slug="g1")
    first = Tenant.objects.create(name="One", slug="one", description="keep?")
    second = Tenant.objects.create(name="Two", slug="two")
    pks = [str(first.pk), str(second.pk)]
    assert admin.post("/app-1x/tenants/edit/", {"pk": pks}).status_code == 200  # the form
    response = admin.post("/app-1x/tenants/edit/", {"pk": pks, "group": str(group.pk), "_apply": "1"})
    assert response.status_code == 302
    assert set(Tenant.objects.filter(group=group).values_list("slug", flat=True)) == {"one", "two"}
    response = admin.post("/app-1x/tenants/edit/", {"pk": pks, "_nullify": ["description"], "_apply": "1"})
    first.refresh_from_db()
    assert response.status_code == 302 and first.description == "" and first.group == group
    assert changes(first, "update").count() == 2

    assert admin.get("/app-1x/tenants/import/").status_code == 200
    csv_data = "name,slug,group.slug\nThree,three,g1\nFour,four,"
    response = admin.post("/app-1x/tenants/import/", {"csv_data": csv_data})
    assert response.status_code == 200
    three = Tenant.objects.get(slug="three")
    assert three.group == group and Tenant.objects.get(slug="four").group is None
    assert changes(three, "create").get().user == admin_user

    response = admin.post("/app-1x/tenants/import/", {"csv_data": "name,slug,group.slug\nFive,five,nope\nSix,six,"})
    assert response.status_code == 200 and "import-errors" in response.content.decode()
    assert not Tenant.objects.filter(slug__in=["five", "six"]).exists()  # all rows or none

    assert admin.post("/app-1x/tenants/delete/", {"pk": pks}).status_code == 200  # the confirmation
    response = admin.post("/app-1x/tenants/delete/", {"pk": pks, "_confirm": "1", "confirm": "true"})
    assert response.status_code == 302 and not Tenant.objects.filter(pk__in=pks).exists()
    assert changes(second, "delete").get().user == admin_user


def test_viewset_changelog_and_notes_actions(admin, admin_user):
    tenant = Tenant.objects.create(name="Echo", slug="echo")
    admin.post(f"/app-1x/tenants/{tenant.pk}/edit/", {"name": "Echo", "slug": "echo", "description": "changed"})
    page = admin.get(f"/app-1x/tenants/{tenant.pk}/changelog/")
    assert page.status_code == 200 and 'id="changelog"' in page.content.decode()
    response = admin.post(f"/tenancy/tenants/{tenant.pk}/notes/", {"note": "A remark"})
    assert response.status_code == 302
    note = Note.objects.get(assigned_object_id=tenant.pk)
    assert note.note == "A remark" and note.user == admin_user
    page = admin.get(f"/app-1x/tenants/{tenant.pk}/notes/").content.decode()
    assert "A remark" in page


def test_viewset_of_some_mixins_routes_only_their_actions_with_slug_lookups(admin, admin_user):
    names = {pattern.name for pattern in app_1x_ui.router.urls}
    assert {"tenantgroup_list", "tenantgroup", "tenantgroup_add", "tenantgroup_edit", "tenantgroup_delete"} <= names
    assert not {"tenantgroup_import", "tenantgroup_bulk_edit", "tenantgroup_bulk_delete", "tenantgroup_notes"} & names
    response = admin.post("/app-1x/tenant-groups/add/", {"name": "Fox", "slug": "fox"})
    group = TenantGroup.objects.get(slug="fox")
    assert response.status_code == 302 and changes(group, "create").get().user == admin_user
    page = admin.get("/app-1x/tenant-groups/fox/").content.decode()
    # the app's own template (`tenancy/tenantgroup_retrieve.html`) with the 1.x context
    assert '<div id="app-1x-retrieve">Fox · tenant group · tenantgroup · True · main</div>' in page
    assert admin.get(f"/app-1x/tenant-groups/{group.pk}/").status_code == 404  # looked up by slug
    assert admin.get("/app-1x/tenant-groups/fox/changelog/").status_code == 200
    assert admin.post("/app-1x/tenant-groups/fox/delete/").status_code == 302
    assert not TenantGroup.objects.filter(slug="fox").exists()


def test_viewset_permissions(django_user_model, nobody):
    allowed_tenant = Tenant.objects.create(name="Mine", slug="mine")
    other = Tenant.objects.create(name="Theirs", slug="theirs")
    assert nobody.get("/app-1x/tenants/").status_code == 403
    assert nobody.get(f"/app-1x/tenants/{other.pk}/").status_code == 403
    assert nobody.post("/app-1x/tenants/add/", {"name": "X", "slug": "x"}).status_code == 403
    viewer = user_with(django_user_model, "viewer", "view", constraints={"slug": "mine"})
    page = viewer.get("/app-1x/tenants/").content.decode()
    assert "Mine" in page and "Theirs" not in page and 'name="pk"' not in page
    assert viewer.get(f"/app-1x/tenants/{other.pk}/").status_code == 404
    assert viewer.get(f"/app-1x/tenants/{allowed_tenant.pk}/edit/").status_code == 403
    # may add only tenants whose slug starts with "ok": the write is re-checked and rolled back
    adder = user_with(django_user_model, "adder", "add", "view", constraints={"slug__startswith": "ok"})
    refused = adder.post("/app-1x/tenants/add/", {"name": "Nope", "slug": "nope"})
    assert refused.status_code == 200  # as 1.x: the form again, with the reason
    assert "Object save failed due to object-level permissions violation" in refused.content.decode()
    assert not Tenant.objects.filter(slug="nope").exists()
    assert adder.post("/app-1x/tenants/add/", {"name": "Okay", "slug": "okay"}).status_code == 302
    assert adder.post("/app-1x/tenants/delete/", {"pk": [str(other.pk)], "_confirm": "1"}).status_code == 403
    # may change only tenants described "ok": others chosen are left out, a change out of the grant is refused
    changer = user_with(django_user_model, "changer", "change", "view", constraints={"description": "ok"})
    mine = Tenant.objects.create(name="Ok one", slug="ok-one", description="ok")
    pks = [str(mine.pk), str(other.pk)]
    response = changer.post("/app-1x/tenants/edit/", {"pk": pks, "description": "not ok", "_apply": "1"})
    assert response.status_code == 200 and "object-level permissions violation" in response.content.decode()
    mine.refresh_from_db()
    assert mine.description == "ok"
    response = changer.post("/app-1x/tenants/edit/", {"pk": pks, "description": "ok", "group": "", "_apply": "1"})
    assert response.status_code == 302


# 1.x generic views -----------------------------------------------------------------------------------------
def test_generic_views(admin, admin_user):
    assert admin.get("/app-1x/generic/groups/add/").status_code == 200
    response = admin.post("/app-1x/generic/groups/add/", {"name": "Golf", "slug": "golf"})
    group = TenantGroup.objects.get(slug="golf")
    assert response.status_code == 302 and changes(group, "create").get().user == admin_user
    page = admin.get("/app-1x/generic/groups/").content.decode()
    assert 'class="app-1x-group"' in page and "Golf" in page
    assert admin.get("/app-1x/generic/groups/golf/").status_code == 200
    response = admin.post("/app-1x/generic/groups/golf/edit/", {"name": "Golf", "slug": "golf", "description": "d"})
    group.refresh_from_db()
    assert response.status_code == 302 and group.description == "d"
    assert admin.get("/app-1x/generic/groups/golf/delete/").status_code == 200
    assert admin.post("/app-1x/generic/groups/golf/delete/", {"confirm": True}).status_code == 302
    assert changes(group, "delete").get().user == admin_user

    response = admin.post("/app-1x/generic/tenants/import/", {"csv_data": "name,slug\nHotel,hotel"})
    hotel = Tenant.objects.get(slug="hotel")
    assert response.status_code == 200 and changes(hotel, "create").exists()
    response = admin.post(
        "/app-1x/generic/tenants/edit/", {"pk": [str(hotel.pk)], "description": "bulk", "_apply": "1"}
    )
    hotel.refresh_from_db()
    assert response.status_code == 302 and hotel.description == "bulk"
    response = admin.post("/app-1x/generic/tenants/delete/", {"_all": "1", "q": "hot", "_confirm": "1"})
    assert response.status_code == 302 and not Tenant.objects.filter(slug="hotel").exists()


def test_generic_view_hooks_alter_queryset_and_get_object(admin, admin_user, django_user_model):
    Tenant.objects.create(name="Recent", slug="recent", description="recent")
    old = Tenant.objects.create(name="Old", slug="old")
    page = admin.get("/app-1x/generic/recent-tenants/").content.decode()
    assert "Recent" in page and ">Old<" not in page
    assert "prefilled by get_object" in admin.get("/app-1x/generic/by-name/add/").content.decode()
    response = admin.post("/app-1x/generic/by-name/Old/edit/", {"name": "Old", "slug": "old", "description": "n"})
    old.refresh_from_db()
    assert response.status_code == 302 and old.description == "n" and changes(old, "update").exists()
    viewer = user_with(django_user_model, "hook-viewer", "view", "change", constraints={"slug": "recent"})
    assert viewer.get("/app-1x/generic/by-name/Old/edit/").status_code == 404  # get_object sees only the allowed
    assert admin.post("/app-1x/generic/by-name/Old/delete/").status_code == 302
    assert not Tenant.objects.filter(pk=old.pk).exists() and changes(old, "delete").get().user == admin_user


def test_an_apps_own_post_handler_writes_through_the_write_path(admin, admin_user):
    data = {"a-name": "Kilo", "a-slug": "kilo", "b-name": "Lima", "b-slug": "lima"}
    assert admin.post("/app-1x/generic/tenants/add-two/", data).status_code == 302
    kilo, lima = Tenant.objects.get(slug="kilo"), Tenant.objects.get(slug="lima")
    first, second = changes(kilo, "create").get(), changes(lima, "create").get()
    assert first.user == second.user == admin_user and first.request_id == second.request_id


def test_extras_views_at_the_apps_own_urls(admin, admin_user):
    tenant = Tenant.objects.create(name="India", slug="india")
    admin.post(f"/app-1x/tenants/{tenant.pk}/edit/", {"name": "India", "slug": "india", "description": "v2"})
    page = admin.get(f"/app-1x/tenants/{tenant.pk}/history/")
    assert page.status_code == 200 and "admin" in page.content.decode()
    assert admin.post(f"/app-1x/tenants/{tenant.pk}/remarks/", {"note": "From the app page"}).status_code == 302
    assert "From the app page" in admin.get(f"/app-1x/tenants/{tenant.pk}/remarks/").content.decode()


# Navigation, home page, overrides --------------------------------------------------------------------------
def test_menu_items_join_the_menu_with_their_buttons_and_weight(admin, django_user_model):
    from nautobot.core.views.context import navigation

    links = menu_links(app_1x_ui.menu_items)
    with registry.menu_links.registered(*links):
        request = type("Request", (), {"user": django_user_model.objects.get(username="admin")})()
        menu = navigation(request)["nav_menu"]()
        groups = [group for group, _ in menu]
        assert groups.index("IPAM") < groups.index("Routing") < groups.index("Circuits")
        (item,) = dict(menu)["Routing"]
        assert (item.section, item.label, item.url) == ("App 1.x", "App tenants", "/app-1x/tenants/")
        assert [title for title, _, _ in item.buttons] == ["Add", "Import"]
        page = admin.get("/").content.decode()
        assert 'href="/app-1x/tenants/import/" title="Import"' in page
        viewer = user_with(django_user_model, "menu-viewer", "view")
        viewer_menu = navigation(type("R", (), {"user": django_user_model.objects.get(username="menu-viewer")})())
        (item,) = dict(viewer_menu["nav_menu"]())["Routing"]
        assert item.buttons == []  # no add permission: no buttons
        assert viewer.get("/").status_code == 200


def test_homepage_layout_panels(admin, nobody):
    Tenant.objects.create(name="Juliet", slug="juliet")
    (panel,) = home_panels(app_1x_ui.layout)
    assert home_panels(app_1x_ui.layout) == [panel]  # equal panels: registered once
    with registry.home_panels.registered(panel):
        page = admin.get("/").content.decode()
        assert "App 1.x panel" in page and "Tenants seen by the 1.x app" in page and 'href="/app-1x/tenants/"' in page
        assert "App 1.x panel" not in nobody.get("/").content.decode()


def test_override_views_answer_a_pages_url():
    from django.http import HttpResponse

    from nautobot.core.views.urlpatterns import overridden

    def replacement(request, *args, **kwargs):
        return HttpResponse("overridden")

    original = path_for("tenants/", "tenant_list")
    with registry.view_overrides.registered(ViewOverride("tenancy:tenant_list", replacement)):
        (pattern,) = overridden("tenancy", [original])
        assert pattern.callback is replacement and pattern.name == "tenant_list"
        (other,) = overridden("dcim", [path_for("tenants/", "tenant_list")])
        assert other.callback is not replacement


def path_for(route: str, name: str):
    from django.urls import path

    return path(route, lambda request: None, name=name)
