"""Custom fields in the web UI's forms: a widget per type, defaults on create, the API's validation beside the
field, bulk edit (set and empty) and list filters."""

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Site
from nautobot.extras.models import CustomFieldChoice
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields():
    """One custom field of every type on sites (and devices), with rules to break."""
    made = {
        "rack_count": b.custom_field(
            "dcim.site", name="rack_count", type="integer", validation_minimum=1, validation_maximum=40, default=4
        ),
        "ticket": b.custom_field("dcim.site", name="ticket", type="text", validation_regex=r"^CHG\d+$"),
        "managed": b.custom_field("dcim.site", name="managed", type="boolean", default=True),
        "opened": b.custom_field("dcim.site", name="opened", type="date"),
        "portal": b.custom_field("dcim.site", name="portal", type="url"),
        "tier": b.custom_field("dcim.site", name="tier", type="select"),
        "services": b.custom_field("dcim.site", name="services", type="multi-select"),
        "extra": b.custom_field("dcim.site", name="extra", type="json"),
        "owner": b.custom_field("dcim.site", name="owner", type="text", required=True, default="noc"),
    }
    for value in ("gold", "silver"):
        CustomFieldChoice.objects.create(field=made["tier"], value=value)
    for value in ("dns", "ntp", "syslog"):
        CustomFieldChoice.objects.create(field=made["services"], value=value)
    made["tier"].content_types.add(b.content_type("dcim.device"))
    return made


def site_data(**custom) -> dict:
    data = {"name": "Paris", "slug": "paris", "status": str(b.status("active").pk)}
    values = {
        "cf_rack_count": "12",
        "cf_ticket": "CHG42",
        "cf_managed": "false",
        "cf_opened": "2024-05-01",
        "cf_portal": "https://portal.example.com/paris",
        "cf_tier": "gold",
        "cf_services": ["dns", "ntp"],
        "cf_extra": '{"floor": 2}',
        "cf_owner": "netops",
    }
    values.update(custom)
    return {**data, **{k: v for k, v in values.items() if v is not None}}


def test_every_custom_field_has_the_widget_of_its_type_and_new_objects_start_from_defaults(admin, fields):
    response = admin.get("/dcim/sites/add/")
    form = response.context["form"]
    page = response.content.decode()
    assert 'name="cf_rack_count"' in page and 'type="number"' in page and 'max="40"' in page
    assert 'name="cf_opened"' in page and 'type="date"' in page
    assert 'name="cf_portal"' in page and 'type="url"' in page
    assert '<select name="cf_managed"' in page and '<select name="cf_tier"' in page
    assert '<select name="cf_services"' in page and "multiple" in page.split('name="cf_services"')[1][:120]
    assert '<textarea name="cf_extra"' in page
    assert (form["cf_rack_count"].value(), form["cf_managed"].value(), form["cf_owner"].value()) == (4, "true", "noc")
    assert form.fields["cf_owner"].display_required
    assert "null" not in page.split('name="cf_extra"')[1].split("</textarea>")[0]  # no value: an empty box
    device_form = admin.get("/dcim/devices/add/").context["form"]
    assert "cf_tier" in device_form.fields and "cf_rack_count" not in device_form.fields


def test_create_and_edit_save_typed_values_through_the_api(admin, fields):
    response = admin.post("/dcim/sites/add/", site_data())
    assert response.status_code == 302, response.context["form"].errors
    site = Site.objects.get(slug="paris")
    assert site._custom_field_data == {
        "rack_count": 12,
        "ticket": "CHG42",
        "managed": False,
        "opened": "2024-05-01",
        "portal": "https://portal.example.com/paris",
        "tier": "gold",
        "services": ["dns", "ntp"],
        "extra": {"floor": 2},
        "owner": "netops",
    }
    edit = admin.get(f"/dcim/sites/{site.pk}/edit/").context["form"]
    assert (edit["cf_rack_count"].value(), edit["cf_managed"].value(), edit["cf_services"].value()) == (
        12,
        "false",
        ["dns", "ntp"],
    )
    changed = admin.post(f"/dcim/sites/{site.pk}/edit/", site_data(cf_rack_count="20", cf_tier="", cf_services=None))
    assert changed.status_code == 302
    site.refresh_from_db()
    assert (site._custom_field_data["rack_count"], site._custom_field_data["tier"]) == (20, None)
    assert site._custom_field_data["services"] is None and site._custom_field_data["ticket"] == "CHG42"
    detail = admin.get(f"/dcim/sites/{site.pk}/").content.decode()
    assert "Custom fields" in detail and "CHG42" in detail


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("cf_rack_count", "41", "must not exceed 40"),
        ("cf_rack_count", "0", "at least 1"),
        ("cf_rack_count", "many", "must be an integer"),
        ("cf_ticket", "ticket-42", "must match regex"),
        ("cf_tier", "bronze", "Invalid choice (bronze)"),
        ("cf_services", ["dns", "smtp"], "Invalid choice(s) (smtp)"),
        ("cf_opened", "01/05/2024", "YYYY-MM-DD"),
        ("cf_portal", "not a url", "valid URL"),
        ("cf_owner", "", "Required field cannot be empty"),
    ],
)
def test_invalid_values_are_refused_with_the_apis_message_beside_the_field(
    admin, admin_user, fields, field, value, message
):
    response = admin.post("/dcim/sites/add/", site_data(**{field: value}))
    assert response.status_code == 200 and not Site.objects.filter(slug="paris").exists()
    errors = response.context["form"].errors
    assert list(errors) == [field], errors
    assert message in " ".join(errors[field])
    assert "field-error" in response.content.decode().split(f'name="{field}"')[1][:2000]
    api = TokenClient(Token.objects.create(user=admin_user).key)
    body = {"name": "P", "slug": "p", "status": "active", "custom_fields": {field.removeprefix("cf_"): value}}
    from_api = api.post("/api/dcim/sites/", body)
    assert from_api.status_code == 400 and errors[field] == [str(m) for m in _list(from_api.json()["custom_fields"])]


def _list(errors: dict) -> list:
    (messages,) = errors.values()
    return messages if isinstance(messages, list) else [messages]


def test_bulk_edit_sets_and_empties_custom_fields(admin, fields):
    sites = [b.site() for _ in range(3)]
    for site in sites:
        site._custom_field_data = {"ticket": "CHG1", "tier": "silver", "rack_count": 2}
        site.save()
    pks = [str(s.pk) for s in sites]
    form = admin.post("/dcim/sites/edit/", {"pk": pks}).context["form"]
    assert {"cf_rack_count", "cf_tier", "cf_managed"} <= set(form.fields)
    assert "cf_ticket" in dict(form.fields["_nullify"].choices)
    applied = admin.post(
        "/dcim/sites/edit/",
        {"pk": pks, "_apply": "1", "cf_rack_count": "8", "cf_managed": "", "_nullify": ["cf_ticket"]},
    )
    assert applied.status_code == 302
    for site in Site.objects.filter(pk__in=pks):
        assert site._custom_field_data["rack_count"] == 8
        assert site._custom_field_data["ticket"] is None and site._custom_field_data["tier"] == "silver"
    refused = admin.post("/dcim/sites/edit/", {"pk": pks, "_apply": "1", "cf_rack_count": "99"})
    assert refused.status_code == 200 and "must not exceed 40" in refused.content.decode()
    assert all(s._custom_field_data["rack_count"] == 8 for s in Site.objects.filter(pk__in=pks))


def test_list_filter_form_has_custom_field_filters(admin, fields):
    gold, silver = b.site(), b.site()
    gold._custom_field_data = {"tier": "gold", "ticket": "CHG7"}
    gold.save()
    silver._custom_field_data = {"tier": "silver"}
    silver.save()
    response = admin.get("/dcim/sites/", {"cf_tier": "gold"})
    assert "cf_tier" in response.context["filter_form"].fields and "cf_ticket" in response.context["filter_form"].fields
    page = response.content.decode()
    assert gold.name in page and silver.name not in page
    assert silver.name not in admin.get("/dcim/sites/", {"cf_ticket": "CHG"}).content.decode()
