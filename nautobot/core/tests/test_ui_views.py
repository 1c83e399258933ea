"""The generated web UI, checked for every spec: each page renders, permissions hide and forbid, lists cost
constant queries; then the behaviour of forms, bulk actions, import, delete confirmation and the shell."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import autodiscover_modules

from django.urls import reverse

from nautobot.core.api.urlbuilding import list_url_name
from nautobot.core.specs import all_specs
from nautobot.core.tests import builders as b
from nautobot.core.testing.api import CASES
from nautobot.core.views.urls import spec_url
from nautobot.users.models import ObjectPermission, Token

autodiscover_modules("tests.api_cases")
UI_SPECS = [s for s in all_specs() if s.ui_views]
ids = lambda spec: spec.model._meta.label  # noqa: E731

pytestmark = pytest.mark.django_db


def make(spec, api, count: int = 1) -> list:
    """`count` objects of `spec.model` created through the REST API (read-only models: by the case's `sample`)."""
    case = CASES[spec.model]
    if case.sample is not None:
        return [case.sample() for _ in range(count)]
    if case.read_only:  # content types, object changes: made by writing something else
        from nautobot.dcim.models import Region

        assert api.post("/api/dcim/regions/", CASES[Region].create()).status_code == 201
        found = list(spec.model.objects.all()[:count])
        assert found, f"give the API case of {spec.model._meta.label} a `sample` factory (core/testing/api.py)"
        return found
    response = api.post(reverse(list_url_name(spec.model)), [case.create() for _ in range(count)])
    assert response.status_code == 201, response.content
    return list(spec.model.objects.filter(pk__in=[o["id"] for o in response.json()]))


@pytest.mark.parametrize("spec", UI_SPECS, ids=ids)
def test_every_page_renders_for_a_superuser(spec, admin, api):
    obj = make(spec, api)[0]
    urls = [spec_url(spec, a) for a in ("list", "add", "import")] + [
        spec_url(spec, a, obj.pk) for a in ("detail", "edit", "delete")
    ]
    for url in filter(None, urls):
        response = admin.get(url)
        assert response.status_code == 200, (url, response.content[-2000:])
    assert admin.get(spec_url(spec, "list"), {"export": "csv"}).status_code == 200
    for action in ("bulk_edit", "bulk_delete"):
        if spec_url(spec, action):
            response = admin.post(spec_url(spec, action), {"pk": [str(obj.pk)]})
            assert response.status_code == 200, (action, response.content[-2000:])


@pytest.mark.parametrize("spec", UI_SPECS, ids=ids)
def test_every_page_is_forbidden_without_permission(spec, nobody, api):
    obj = make(spec, api)[0]
    urls = [spec_url(spec, a) for a in ("list", "add", "import")] + [
        spec_url(spec, a, obj.pk) for a in ("detail", "edit", "delete")
    ]
    for url in filter(None, urls):
        assert nobody.get(url).status_code == 403, url
    for action in ("bulk_edit", "bulk_delete"):
        if spec_url(spec, action):
            assert nobody.post(spec_url(spec, action), {"pk": [str(obj.pk)]}).status_code == 403
    assert spec.model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize(
    "spec", [s for s in UI_SPECS if not CASES[s.model].read_only or CASES[s.model].sample], ids=ids
)
def test_list_costs_the_same_queries_for_one_row_or_fifty(spec, admin, api):
    first = make(spec, api)[0]
    url = spec_url(spec, "list")
    admin.get(url)  # warm: sessions and caches that a write (e.g. of a webhook) invalidated are refilled
    with CaptureQueriesContext(connection) as one:
        response = admin.get(url, {"id": str(first.pk)})
    assert response.status_code == 200 and str(first.pk) in response.content.decode()
    more = make(spec, api, 49)
    admin.get(url, {"per_page": 50})  # warm, and the page size is remembered for the user (written once)
    with CaptureQueriesContext(connection) as fifty:
        response = admin.get(url, {"id": [str(first.pk), *(str(o.pk) for o in more)], "per_page": 50})
    assert response.status_code == 200 and all(str(o.pk) in response.content.decode() for o in more)
    assert len(fifty) == len(one), "\n".join(q["sql"] for q in fifty.captured_queries)


def test_vendor_assets_are_found_by_staticfiles():
    for path in (
        "vendor/bootstrap/css/bootstrap.min.css",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/tom-select/js/django-tomselect.min.js",
        "django_htmx/htmx-2.min.js",
        "nautobot/nautobot.js",
    ):
        assert finders.find(path), path


def test_create_through_the_form_and_see_validation_errors(admin):
    status = b.status("active")
    response = admin.post("/dcim/sites/add/", {"name": "HQ", "slug": "hq", "status": str(status.pk), "asn": "65001"})
    assert response.status_code == 302
    from nautobot.dcim.models import Site

    site = Site.objects.get(slug="hq")
    assert response["Location"] == f"/dcim/sites/{site.pk}/"
    duplicate = admin.post("/dcim/sites/add/", {"name": "HQ", "slug": "hq", "status": str(status.pk)})
    assert duplicate.status_code == 200
    form = duplicate.context["form"]
    assert "slug" in form.errors or "name" in form.errors, form.errors
    assert b"field-error" in duplicate.content
    missing = admin.post("/dcim/sites/add/", {"name": "", "slug": "x"})
    assert "name" in missing.context["form"].errors


def test_form_requires_what_the_api_requires(admin):
    """A slug left out is derived, in the form as in the API (it was refused as "This field is required.")."""
    from nautobot.tenancy.models import Tenant

    response = admin.post("/tenancy/tenants/add/", {"name": "Review Tenant"})
    assert response.status_code == 302, response.context["form"].errors
    assert Tenant.objects.get(name="Review Tenant").slug == "review-tenant"
    assert "name" in admin.post("/tenancy/tenants/add/", {"slug": "x"}).context["form"].errors  # still required


def test_edit_keeps_unchanged_fields_and_device_gets_its_components(admin):
    from nautobot.dcim.models import Device, InterfaceTemplate

    device_type = b.device_type()
    InterfaceTemplate.objects.create(device_type=device_type, name="eth0", type="1000base-t")
    data = {
        "name": "dev1",
        "device_type": str(device_type.pk),
        "device_role": str(b.device_role().pk),
        "site": str(b.site().pk),
        "status": str(b.status("active").pk),
        "face": "",
        "position": "",
    }
    response = admin.post("/dcim/devices/add/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    device = Device.objects.get(name="dev1")
    assert list(device.interfaces.values_list("name", flat=True)) == ["eth0"]
    page = admin.get(f"/dcim/devices/{device.pk}/").content.decode()
    assert "eth0" in page and "Interfaces" in page
    edited = admin.post(f"/dcim/devices/{device.pk}/edit/", {**data, "serial": "SN1"})
    assert edited.status_code == 302
    device.refresh_from_db()
    assert device.serial == "SN1" and device.name == "dev1"


def test_detail_labels_are_the_verbose_names(admin):
    """Labels come from the model fields' verbose names ("VC position", not "Vc position"); the device and VM
    pages show Primary IPv4/IPv6 as the original's, without the API's derived `primary_ip` beside them."""
    device = b.device()
    labels = [label for label, _ in admin.get(f"/dcim/devices/{device.pk}/").context["rows"]]
    assert {"Primary IPv4", "Primary IPv6", "VC position", "VC priority"} <= set(labels)
    assert "Primary ip" not in labels and "Vc position" not in labels
    vm = b.virtual_machine()
    vm_labels = [label for label, _ in admin.get(f"/virtualization/virtual-machines/{vm.pk}/").context["rows"]]
    assert "Primary IPv4" in vm_labels and "Primary ip" not in vm_labels
    form = admin.get("/extras/webhooks/add/").content.decode()
    assert "HTTP method" in form and "SSL verification" in form and "Http method" not in form
    # A count is named by the plural of what it counts ("IP addresses", not "Ipaddresss").
    tenant_labels = [label for label, _ in admin.get(f"/tenancy/tenants/{b.tenant().pk}/").context["rows"]]
    assert {"IP addresses", "Prefixes", "Virtual machines", "VLANs"} <= set(tenant_labels), tenant_labels


def test_detail_page_has_an_advanced_tab(admin):
    """As 1.x: an "Advanced" tab (`<object>#advanced`, active with `?tab=advanced`) shows the object's UUID, slug
    and times; the object's other tab pages link to it."""
    site = b.site()
    url = f"/dcim/sites/{site.pk}/"
    html = admin.get(url).content.decode()
    assert f'href="{url}#advanced" data-nautobot-tab="advanced">Advanced</a>' in html
    advanced = html[html.index('id="advanced"') :]
    assert str(site.pk) in advanced and site.slug in advanced and "Created" in advanced
    assert '<div class="tab-pane active" id="main"' in html and '<div class="tab-pane" id="advanced"' in html
    chosen = admin.get(url, {"tab": "advanced"}).content.decode()
    assert '<div class="tab-pane" id="main"' in chosen and '<div class="tab-pane active" id="advanced"' in chosen
    changelog = admin.get(f"{url}changelog/").content.decode()
    assert f'href="{url}#advanced"' in changelog


def test_list_filters_search_and_pagination(admin):
    region = b.region()
    inside = [b.site(region=region) for _ in range(3)]
    outside = b.site()
    page = admin.get("/dcim/sites/", {"region_id": str(region.pk)}).content.decode()
    assert all(s.name in page for s in inside) and outside.name not in page
    assert outside.name in admin.get("/dcim/sites/", {"q": outside.name}).content.decode()
    assert admin.get("/dcim/sites/", {"per_page": 25, "page": 99}).status_code in (200, 404)
    partial = admin.get("/dcim/sites/", {"q": outside.name}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="object-table")
    assert b"<html" not in partial.content and outside.name.encode() in partial.content


def test_list_with_an_unknown_related_object_says_so(admin):
    site = b.site()
    assert site.name in admin.get("/dcim/sites/").content.decode()
    response = admin.get("/dcim/sites/", {"region": "nope", "tenant_id": "00000000-0000-0000-0000-0000000000ff"})
    assert response.status_code == 200
    page = response.content.decode()
    assert site.name not in page
    assert (
        "nope is not one of the available choices" in page
        and "0000000000ff is not one of the available choices" in page
    )


def test_list_page_title_keeps_capitals(admin):
    """As 1.x's `bettertitle`: "IP addresses" is headed "IP Addresses"."""
    html = admin.get("/ipam/ip-addresses/").content.decode()
    assert '<h1 class="h3 mb-0">IP Addresses</h1>' in html and "<title>IP Addresses · Nautobot</title>" in html


def test_bulk_edit_and_bulk_delete(admin):
    from nautobot.dcim.models import Site

    sites = [b.site() for _ in range(3)]
    pks = [str(s.pk) for s in sites]
    tenant = b.tenant()
    applied = admin.post("/dcim/sites/edit/", {"pk": pks, "_apply": "1", "tenant": str(tenant.pk)})
    assert applied.status_code == 302
    assert Site.objects.filter(pk__in=pks, tenant=tenant).count() == 3
    confirm = admin.post("/dcim/sites/delete/", {"pk": pks})
    assert confirm.status_code == 200 and all(s.name in confirm.content.decode() for s in sites)
    assert Site.objects.filter(pk__in=pks).count() == 3
    assert admin.post("/dcim/sites/delete/", {"pk": pks, "_confirm": "1"}).status_code == 302
    assert not Site.objects.filter(pk__in=pks).exists()


def _user_with(django_user_model, username: str, model, action: str, constraints=None):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    grant = ObjectPermission.objects.create(name=f"{username} {action}", actions=[action], constraints=constraints)
    grant.object_types.add(ContentType.objects.get_for_model(model))
    grant.users.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_bulk_delete_needs_only_the_delete_permission(django_user_model):
    """As in 1.x: the delete permission alone (no view permission) lets a user bulk delete, and its
    constraints limit which objects."""
    from nautobot.dcim.models import Site

    sites = [b.site() for _ in range(3)]
    pks = [str(s.pk) for s in sites]
    client = _user_with(django_user_model, "ui-deleter", Site, "delete")
    confirm = client.post("/dcim/sites/delete/", {"pk": pks})
    assert confirm.status_code == 200
    assert all(f'value="{pk}"' in confirm.content.decode() for pk in pks)
    assert client.post("/dcim/sites/delete/", {"pk": pks, "_confirm": "1"}).status_code == 302
    assert not Site.objects.filter(pk__in=pks).exists()

    kept, other = b.site(), b.site()
    client = _user_with(django_user_model, "ui-one-deleter", Site, "delete", {"slug": other.slug})
    assert client.post("/dcim/sites/delete/", {"pk": [str(kept.pk)], "_confirm": "1"}).status_code == 403
    assert client.post("/dcim/sites/delete/", {"pk": [str(other.pk)], "_confirm": "1"}).status_code == 302
    assert Site.objects.filter(pk=kept.pk).exists() and not Site.objects.filter(pk=other.pk).exists()


def test_a_write_outside_the_users_constraints_shows_the_form_again(django_user_model):
    """As 1.x: an add form (or an import) whose object would be outside the add permission's constraints comes
    back (200) with the reason, and nothing is saved."""
    from nautobot.tenancy.models import Tenant

    client = _user_with(django_user_model, "ui-adder", Tenant, "add", {"slug__startswith": "ok"})
    refused = client.post("/tenancy/tenants/add/", {"name": "Nope", "slug": "nope"})
    assert refused.status_code == 200 and "object-level permissions violation" in refused.content.decode()
    imported = client.post("/tenancy/tenants/import/", {"data": "name,slug\nNope,nope\n"})
    assert imported.status_code == 200 and "object-level permissions violation" in imported.content.decode()
    assert not Tenant.objects.filter(slug="nope").exists()
    assert client.post("/tenancy/tenants/add/", {"name": "OK", "slug": "ok-1"}).status_code == 302


def test_delete_confirmation_lists_cascade_and_protection(admin):
    device = b.device()
    b.interface(device=device, name="xe-0/0/0")
    page = admin.get(f"/dcim/devices/{device.pk}/delete/").content.decode()
    assert "will be deleted too" in page and "xe-0/0/0" in page
    protected = admin.get(f"/dcim/device-types/{device.device_type.pk}/delete/").content.decode()
    assert "cannot be deleted" in protected and device.name in protected


def test_import_csv_json_yaml_with_per_row_errors(admin):
    from nautobot.dcim.models import Manufacturer

    bad = admin.post("/dcim/manufacturers/import/", {"data": "name,slug\nAcme,acme\n,no-name\n"})
    assert bad.status_code == 200 and not Manufacturer.objects.filter(slug="acme").exists()
    assert [row for row, _ in bad.context["errors"]] == [2]
    assert admin.post("/dcim/manufacturers/import/", {"data": "name,slug\nAcme,acme\nBeta,beta\n"}).status_code == 200
    assert Manufacturer.objects.filter(slug__in=["acme", "beta"]).count() == 2
    admin.post("/dcim/manufacturers/import/", {"data": '[{"name": "Gamma", "slug": "gamma"}]'})
    admin.post("/dcim/manufacturers/import/", {"data": "- name: Delta\n  slug: delta\n"})
    assert Manufacturer.objects.filter(slug__in=["gamma", "delta"]).count() == 2
    site_rows = admin.post("/dcim/sites/import/", {"data": "name,slug,status\nS1,s1,active\n"})
    assert site_rows.status_code == 200 and b"Imported 1" in site_rows.content
    rack = admin.post("/dcim/racks/import/", {"data": "name,site__slug,status\nR1,s1,active\nR2,nowhere,active\n"})
    assert [row for row, _ in rack.context["errors"]] == [2]


def test_constrained_user_sees_only_permitted_objects_and_no_edit_buttons(django_user_model):
    user = django_user_model.objects.create_user("ui-viewer", "v@example.com", "pw")
    visible, hidden = b.site(), b.site()
    grant = ObjectPermission.objects.create(name="view one site", actions=["view"], constraints={"slug": visible.slug})
    grant.object_types.add(ContentType.objects.get(app_label="dcim", model="site"))
    grant.users.add(user)
    client = Client()
    client.force_login(user)
    page = client.get("/dcim/sites/").content.decode()
    assert visible.name in page and hidden.name not in page
    assert 'id="add-button"' not in page and 'id="bulk-delete"' not in page
    detail = client.get(f"/dcim/sites/{visible.pk}/").content.decode()
    assert 'id="edit-button"' not in detail and 'id="delete-button"' not in detail
    assert client.get(f"/dcim/sites/{hidden.pk}/").status_code == 404
    assert client.get(f"/dcim/sites/{visible.pk}/edit/").status_code == 403
    menu = client.get("/").content.decode()
    assert "/dcim/sites/" in menu and "/dcim/devices/" not in menu


def test_home_search_and_login_required(admin, client):
    site = b.site(description="searchable thing")
    home = admin.get("/").content.decode()
    assert "Sites" in home or "sites" in home
    results = admin.get("/search/", {"q": "searchable"}).content.decode()
    assert f"/dcim/sites/{site.pk}/" in results
    anonymous = client.get("/dcim/sites/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")


def test_api_tokens_create_and_revoke(admin, admin_user):
    response = admin.post("/user/api-tokens/", {"description": "ansible", "write_enabled": "on"})
    token = Token.objects.get(user=admin_user, description="ansible")
    assert token.key in response.content.decode()
    assert admin.post(f"/user/api-tokens/{token.pk}/revoke/").status_code == 302
    assert not Token.objects.filter(pk=token.pk).exists()
    other = Token.objects.create(user=b.user())
    assert admin.post(f"/user/api-tokens/{other.pk}/revoke/").status_code == 404


def test_ui_writes_are_in_the_change_log(admin, admin_user):
    from nautobot.dcim.models import Site
    from nautobot.extras.models import ObjectChange

    status = b.status("active")
    assert (
        admin.post("/dcim/sites/add/", {"name": "Logged", "slug": "logged", "status": str(status.pk)}).status_code
        == 302
    )
    site = Site.objects.get(slug="logged")
    change = ObjectChange.objects.get(changed_object_id=site.pk)
    assert (change.action, change.user_name, change.change_context) == ("create", admin_user.username, "web")
    tab = admin.get(f"/dcim/sites/{site.pk}/changelog/")
    assert tab.status_code == 200 and admin_user.username in tab.content.decode()
    assert "Recent changes" in admin.get("/").content.decode()
    admin.post(f"/dcim/sites/{site.pk}/delete/")
    assert ObjectChange.objects.filter(changed_object_id=site.pk, action="delete").exists()


def test_cable_trace_connection_panel_and_rack_elevation(admin):
    near, far = b.interface(device=b.device()), b.interface(device=b.device())
    cable = b.cable(near, far)
    detail = admin.get(f"/dcim/interfaces/{near.pk}/").content.decode()
    assert (
        "Connection" in detail
        and f"/dcim/cables/{cable.pk}/" in detail
        and f"/dcim/interfaces/{near.pk}/trace/" in detail
    )
    trace = admin.get(f"/dcim/interfaces/{near.pk}/trace/")
    assert trace.status_code == 200
    assert trace.context["destination"] == far
    page = trace.content.decode()
    assert far.device.name in page and f"/dcim/cables/{cable.pk}/" in page and "The path ends at" in page
    lonely = b.interface(device=b.device())
    assert "is not cabled" in admin.get(f"/dcim/interfaces/{lonely.pk}/trace/").content.decode()
    rack = b.rack()
    rack_page = admin.get(f"/dcim/racks/{rack.pk}/").content.decode()
    assert f"/api/dcim/racks/{rack.pk}/elevation/?face=front" in rack_page and "Elevation" in rack_page


def test_cable_trace_needs_view_permission(nobody):
    interface = b.interface(device=b.device())
    assert nobody.get(f"/dcim/interfaces/{interface.pk}/trace/").status_code == 403


def test_export_csv_and_export_templates(admin):
    from nautobot.extras.exporttemplates import ExportTemplate

    site = b.site()
    csv = admin.get("/dcim/sites/", {"export": "csv", "q": site.name})
    body = b"".join(csv.streaming_content).decode()
    assert body.splitlines()[0].startswith("id,name,slug") and site.slug in body
    ExportTemplate.objects.create(
        content_type=ContentType.objects.get(app_label="dcim", model="site"),
        name="names",
        template_code="{% for s in queryset %}{{ s.name }};{% endfor %}",
    )
    assert "?export=names" in admin.get("/dcim/sites/").content.decode()
    exported = admin.get("/dcim/sites/", {"export": "names", "q": site.name})
    assert exported.content.decode() == f"{site.name};"
    assert admin.get("/dcim/sites/", {"export": "nope"}).status_code == 404


def test_menu_sections_group_components_under_dcim(admin, admin_user):
    """Component lists sit in a titled section of the DCIM menu, not in a top-level menu of their own."""
    from nautobot.core.views.context import navigation

    request = type("Request", (), {"user": admin_user})()
    menu = dict(navigation(request)["nav_menu"]())
    assert "Device components" not in menu
    dcim = menu["DCIM"]
    sections = [section for section, _, _ in dcim]
    assert sections == sorted(sections) and sections[0] == "" and "Device components" in sections
    assert ("Device components", "Interfaces", reverse("dcim:interface_list")) in dcim
    page = admin.get("/").content.decode()
    assert '<h6 class="dropdown-header">Device components</h6>' in page
