"""`EXEMPT_VIEW_PERMISSIONS` (1.x): models anyone, signed in or anonymous, may view without a permission."""

import pytest
from django.test import Client

from nautobot.tenancy.models import Tenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant():
    return Tenant.objects.create(name="Exempt", slug="exempt")


def test_anonymous_reads_an_exempt_model_only(settings, tenant):
    settings.EXEMPT_VIEW_PERMISSIONS = ["tenancy.tenant"]
    anonymous = Client()
    answer = anonymous.get("/api/tenancy/tenants/")
    assert answer.status_code == 200 and answer.json()["count"] == 1
    assert anonymous.get(f"/api/tenancy/tenants/{tenant.pk}/").status_code == 200
    assert anonymous.get("/api/tenancy/tenant-groups/").status_code == 403
    assert anonymous.get("/tenancy/tenants/").status_code == 200
    assert anonymous.get("/tenancy/tenant-groups/").status_code == 302  # to the login page, as without exemptions
    assert anonymous.post("/api/tenancy/tenants/", {"name": "x"}).status_code == 403  # reads only


def test_a_user_without_permissions_reads_every_model_with_the_wildcard(settings, nobody, tenant):
    assert nobody.get("/api/tenancy/tenants/").status_code == 403
    settings.EXEMPT_VIEW_PERMISSIONS = ["*"]
    assert nobody.get("/api/tenancy/tenants/").json()["count"] == 1
    assert nobody.get(f"/tenancy/tenants/{tenant.pk}/").status_code == 200


def test_without_exemptions_anonymous_is_sent_to_the_login_page(tenant):
    assert Client().get("/tenancy/tenants/").status_code == 302
    assert Client().get("/api/tenancy/tenants/").status_code == 403


def test_without_login_required_anonymous_reads_what_is_exempt(settings, tenant):
    """`LOGIN_REQUIRED = False`: anonymous visitors are not sent to the login page; they read the exempt models
    (`EXEMPT_VIEW_PERMISSIONS`, here every model) through the UI and the API, and change nothing."""
    settings.LOGIN_REQUIRED = False
    anonymous = Client()
    assert anonymous.get("/tenancy/tenants/").status_code == 403  # nothing exempt yet: refused, not redirected
    settings.EXEMPT_VIEW_PERMISSIONS = ["*"]
    assert anonymous.get("/tenancy/tenants/").status_code == 200
    assert "Exempt" in anonymous.get(f"/tenancy/tenants/{tenant.pk}/").content.decode()
    assert anonymous.get("/api/tenancy/tenants/").json()["count"] == 1
    assert anonymous.post("/api/tenancy/tenants/", {"name": "x", "slug": "x"}).status_code == 403
    assert anonymous.get("/tenancy/tenants/add/").status_code in (302, 403)
